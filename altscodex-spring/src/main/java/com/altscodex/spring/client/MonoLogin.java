package com.altscodex.spring.client;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

import com.altscodex.spring.client.pending.AuthorizationCallback;
import com.altscodex.spring.client.pending.PendingLogin;

/**
 * One login of {@link DefaultAltsCodexClient}, from its registration to its outcome:
 * register the state, send {@code authorize}, take the callback the registry delivers,
 * exchange its code, all within the login's timeout; the pending login is released
 * before any outcome travels on.
 * <p>
 * A login may wait minutes for its callback, and there can be a hundred thousand of
 * them: an operator chain for these steps held about a kilobyte per waiting login. Here
 * one subscriber walks the steps in turn and holds only the current step's subscription,
 * the pending login, the subscription to its callback and the timer.
 * <p>
 * The pending login is registered synchronously, before anything else: whatever ends
 * the login afterwards (cancellation, timeout, failure, shutdown) finds it and releases
 * it. The callback is watched from the start, so that a registry failing the login (the
 * client stops) ends it at once, even while {@code authorize} is in flight, and so that
 * a callback that overtakes the answer to {@code authorize} is kept until that answer
 * comes.
 */
final class MonoLogin extends Mono<SlotInfo> {

	private final Steps client;

	private final String state;

	private final OneTimeJwt credential;

	private final Duration timeout;

	MonoLogin(Steps client, String state, OneTimeJwt credential, Duration timeout) {
		this.client = client;
		this.state = state;
		this.credential = credential;
		this.timeout = timeout;
	}

	@Override
	public void subscribe(CoreSubscriber<? super SlotInfo> actual) {
		LoginSubscriber login = new LoginSubscriber(actual, this);
		actual.onSubscribe(login);
		login.start();
	}

	/**
	 * What a login asks of its client, one call per step.
	 */
	interface Steps {

		/**
		 * Registers the login under its state, within the client's limit.
		 * @throws TooManyPendingLoginsException when the client has as many as it may
		 */
		PendingLogin register(String state, Duration timeout);

		/**
		 * Completes once the registered login can receive its callback wherever it lands.
		 */
		Mono<Void> ready(PendingLogin pending);

		boolean isRunning();

		Throwable shutdown();

		Mono<Void> authorize(String state, HttpCredential bearer);

		/**
		 * Exchanges the code of the callback the login was delivered, or fails as the
		 * callback says.
		 */
		Mono<SlotInfo> exchange(AuthorizationCallback callback);

	}

	/**
	 * Subscribes to the registration's readiness, then to {@code authorize}, then to the
	 * code exchange, each after the one before completed, while a second subscription
	 * watches for the callback; a timeout, a cancellation or a failed login can end it at
	 * any step, from any thread.
	 */
	static final class LoginSubscriber extends Operators.MonoSubscriber<Object, SlotInfo> implements Runnable {

		private static final int REGISTERING = 0;

		private static final int AUTHORIZING = 1;

		private static final int AWAITING_CALLBACK = 2;

		private static final int EXCHANGING = 3;

		private static final AtomicIntegerFieldUpdater<LoginSubscriber> ENDED = AtomicIntegerFieldUpdater
			.newUpdater(LoginSubscriber.class, "ended");

		private static final AtomicIntegerFieldUpdater<LoginSubscriber> EXCHANGE_STARTED = AtomicIntegerFieldUpdater
			.newUpdater(LoginSubscriber.class, "exchangeStarted");

		private static final AtomicReferenceFieldUpdater<LoginSubscriber, Subscription> STEP = AtomicReferenceFieldUpdater
			.newUpdater(LoginSubscriber.class, Subscription.class, "step");

		private static final AtomicReferenceFieldUpdater<LoginSubscriber, Subscription> WATCH = AtomicReferenceFieldUpdater
			.newUpdater(LoginSubscriber.class, Subscription.class, "watch");

		private final MonoLogin login;

		private volatile int phase = REGISTERING;

		private volatile int ended;

		private volatile int exchangeStarted;

		private volatile boolean authorized;

		private volatile @Nullable Subscription step;

		private volatile @Nullable Subscription watch;

		private volatile @Nullable PendingLogin pending;

		private volatile @Nullable AuthorizationCallback callback;

		private volatile @Nullable Disposable timer;

		LoginSubscriber(CoreSubscriber<? super SlotInfo> actual, MonoLogin login) {
			super(actual);
			this.login = login;
		}

		void start() {
			if (this.ended != 0) {
				return;
			}
			PendingLogin registered;
			try {
				registered = this.login.client.register(this.login.state, this.login.timeout);
			}
			catch (RuntimeException ex) {
				fail(ex);
				return;
			}
			this.pending = registered;
			// cancelled while registering: a cancel() that ran before the line above did
			// not see the entry, and this check sees the cancellation
			if (this.ended != 0) {
				registered.release();
				return;
			}
			Disposable scheduled = Schedulers.parallel()
				.schedule(this, this.login.timeout.toMillis(), TimeUnit.MILLISECONDS);
			this.timer = scheduled;
			if (this.ended != 0) {
				scheduled.dispose();
				return;
			}
			registered.callback().subscribe(new CallbackWatcher(this));
			this.login.client.ready(registered).subscribe(this);
		}

		@Override
		public Context currentContext() {
			// the calls to DeOAuth run in the caller's context: its observation is their parent
			return actual().currentContext();
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			if (Operators.replace(STEP, this, subscription)) {
				subscription.request(Long.MAX_VALUE);
			}
			else {
				// the login ended while this step was being started
				subscription.cancel();
			}
		}

		@Override
		public void onNext(Object value) {
			if (this.phase == EXCHANGING) {
				succeed((SlotInfo) value);
			}
			else {
				Operators.onDiscard(value, currentContext());
			}
		}

		@Override
		public void onError(Throwable error) {
			if (!fail(error)) {
				Operators.onErrorDropped(error, currentContext());
			}
		}

		@Override
		public void onComplete() {
			if (this.ended != 0) {
				return;
			}
			switch (this.phase) {
				case REGISTERING -> authorize();
				case AUTHORIZING -> authorized();
				default -> fail(new AltsCodexException("Login ended without an outcome"));
			}
		}

		private void authorize() {
			// a stop() that ran while the entry was being registered did not see it
			if (!this.login.client.isRunning()) {
				fail(this.login.client.shutdown());
				return;
			}
			this.phase = AUTHORIZING;
			Mono<Void> authorize;
			try {
				authorize = this.login.client.authorize(this.login.state, this.login.credential.bearer());
			}
			catch (RuntimeException ex) {
				fail(ex);
				return;
			}
			authorize.subscribe(this);
		}

		private void authorized() {
			this.phase = AWAITING_CALLBACK;
			// the finished authorize exchange (its request, response and connection state)
			// would stay reachable through its subscription for as long as the login waits:
			// some ten kilobytes per waiting login. A cancellation in between wins the CAS.
			Subscription finished = this.step;
			if (finished != null && finished != Operators.cancelledSubscription()) {
				STEP.compareAndSet(this, finished, null);
			}
			this.authorized = true;
			// the callback may have overtaken the answer to authorize
			if (this.callback != null) {
				exchange();
			}
		}

		void callbackArrived(AuthorizationCallback delivered) {
			this.callback = delivered;
			if (this.authorized) {
				exchange();
			}
		}

		/*
		 * Runs once both the answer to authorize and the callback have come, on the
		 * thread of whichever came last; when they come at the same moment both threads
		 * get here, and one exchanges.
		 */
		private void exchange() {
			AuthorizationCallback delivered = this.callback;
			if (delivered == null || this.ended != 0 || !EXCHANGE_STARTED.compareAndSet(this, 0, 1)) {
				return;
			}
			// the callback holds a one-time code: kept no longer than needed
			this.callback = null;
			this.phase = EXCHANGING;
			Mono<SlotInfo> exchange;
			try {
				exchange = this.login.client.exchange(delivered);
			}
			catch (RuntimeException ex) {
				fail(ex);
				return;
			}
			exchange.subscribe(this);
		}

		/** The login's timeout. */
		@Override
		public void run() {
			if (end()) {
				Operators.terminate(STEP, this);
				Operators.terminate(WATCH, this);
				release();
				actual().onError(new CallbackTimeoutException(this.login.timeout));
			}
		}

		@Override
		public void cancel() {
			if (end()) {
				Operators.terminate(STEP, this);
				Operators.terminate(WATCH, this);
				stopTimer();
				release();
			}
			super.cancel();
		}

		private void succeed(SlotInfo slot) {
			if (end()) {
				Operators.terminate(WATCH, this);
				stopTimer();
				release();
				complete(slot);
			}
			else {
				Operators.onDiscard(slot, currentContext());
			}
		}

		boolean fail(Throwable error) {
			if (!end()) {
				return false;
			}
			Operators.terminate(STEP, this);
			Operators.terminate(WATCH, this);
			stopTimer();
			release();
			actual().onError(error);
			return true;
		}

		private boolean end() {
			return ENDED.compareAndSet(this, 0, 1);
		}

		private void stopTimer() {
			Disposable scheduled = this.timer;
			if (scheduled != null) {
				scheduled.dispose();
			}
		}

		private void release() {
			this.callback = null;
			PendingLogin registered = this.pending;
			if (registered != null) {
				registered.release();
			}
		}

		@Override
		public @Nullable Object scanUnsafe(Attr key) {
			if (key == Attr.TERMINATED) {
				return this.ended != 0;
			}
			if (key == Attr.PARENT) {
				return this.step;
			}
			return super.scanUnsafe(key);
		}

		@Override
		public String toString() {
			return "MonoLogin.LoginSubscriber[phase=" + this.phase + ", ended=" + (this.ended != 0) + "]";
		}

	}

	/**
	 * Watches for the login's callback: hands it to the login, or ends the login when the
	 * registry fails it.
	 */
	static final class CallbackWatcher implements CoreSubscriber<AuthorizationCallback> {

		private final LoginSubscriber login;

		CallbackWatcher(LoginSubscriber login) {
			this.login = login;
		}

		@Override
		public Context currentContext() {
			return this.login.currentContext();
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			if (Operators.replace(LoginSubscriber.WATCH, this.login, subscription)) {
				subscription.request(Long.MAX_VALUE);
			}
			else {
				subscription.cancel();
			}
		}

		@Override
		public void onNext(AuthorizationCallback callback) {
			this.login.callbackArrived(callback);
		}

		@Override
		public void onError(Throwable error) {
			// the login may have ended already: then there is nobody left to tell
			this.login.fail(error);
		}

		@Override
		public void onComplete() {
			// released without a callback: the login's own end did that
		}

	}

}
