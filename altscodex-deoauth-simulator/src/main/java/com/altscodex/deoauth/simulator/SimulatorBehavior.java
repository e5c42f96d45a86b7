package com.altscodex.deoauth.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * The knobs of a {@link DeOAuthSimulator}: how it misbehaves on purpose, so that tests can
 * drive an application through every branch of the DeOAuth contract.
 * <p>
 * Every setter returns this instance and takes effect for the next request; the values
 * are read once per request, as it arrives (before it is recorded), so a request in flight
 * keeps the behavior it started with even when a test resets the knobs once it sees the
 * request recorded.
 * Safe to use from any thread. The simulator never resets the knobs by itself: call
 * {@link #reset()} (e.g. in a {@code @BeforeEach} method) to restore the defaults.
 */
public final class SimulatorBehavior {

	private volatile Duration callbackDelay = Duration.ZERO;

	private volatile boolean callbackBeforeAuthorizeAnswer;

	private volatile @Nullable String rejectCallback;

	private volatile boolean callbackWithoutCode;

	private volatile boolean duplicateCallback;

	private volatile boolean withholdCallback;

	private volatile @Nullable Function<String, List<String>> callbackTargets;

	private volatile @Nullable AuthorizeFailure authorizeFailure;

	private volatile @Nullable RawAnswer authorizeAnswer;

	private volatile @Nullable RawAnswer getTokenAnswer;

	private volatile @Nullable String getTokenJunk;

	private volatile boolean wrapSlotInData;

	private volatile int getTokenExtraBytes;

	private volatile Duration latency = Duration.ZERO;

	private volatile boolean expiredJwts;

	SimulatorBehavior() {
	}

	/**
	 * The knobs as they are now, for one request: a test that changes or resets them
	 * once it has seen the request recorded must not change how that request is
	 * answered.
	 */
	SimulatorBehavior snapshot() {
		SimulatorBehavior copy = new SimulatorBehavior();
		copy.callbackDelay = this.callbackDelay;
		copy.callbackBeforeAuthorizeAnswer = this.callbackBeforeAuthorizeAnswer;
		copy.rejectCallback = this.rejectCallback;
		copy.callbackWithoutCode = this.callbackWithoutCode;
		copy.duplicateCallback = this.duplicateCallback;
		copy.withholdCallback = this.withholdCallback;
		copy.callbackTargets = this.callbackTargets;
		copy.authorizeFailure = this.authorizeFailure;
		copy.authorizeAnswer = this.authorizeAnswer;
		copy.getTokenAnswer = this.getTokenAnswer;
		copy.getTokenJunk = this.getTokenJunk;
		copy.wrapSlotInData = this.wrapSlotInData;
		copy.getTokenExtraBytes = this.getTokenExtraBytes;
		copy.latency = this.latency;
		copy.expiredJwts = this.expiredJwts;
		return copy;
	}

	/**
	 * Restores every knob to its default: callbacks sent at once, after the authorize
	 * answer, once, with a valid code; no overridden answers; no latency; valid JWTs
	 * from the login page.
	 * @return this instance
	 */
	public SimulatorBehavior reset() {
		this.callbackDelay = Duration.ZERO;
		this.callbackBeforeAuthorizeAnswer = false;
		this.rejectCallback = null;
		this.callbackWithoutCode = false;
		this.duplicateCallback = false;
		this.withholdCallback = false;
		this.callbackTargets = null;
		this.authorizeFailure = null;
		this.authorizeAnswer = null;
		this.getTokenAnswer = null;
		this.getTokenJunk = null;
		this.wrapSlotInData = false;
		this.getTokenExtraBytes = 0;
		this.latency = Duration.ZERO;
		this.expiredJwts = false;
		return this;
	}

	/**
	 * Waits this long before sending the callback of a successful authorize. Default
	 * {@link Duration#ZERO}.
	 * @param delay the delay, not negative
	 * @return this instance
	 */
	public SimulatorBehavior callbackDelay(Duration delay) {
		this.callbackDelay = requireNotNegative(delay, "delay");
		return this;
	}

	/**
	 * Whether to send the callback, and wait for the application's answer to it, before
	 * answering the authorize call (the server pipelines them). Default {@code false}:
	 * the callback follows the authorize answer.
	 * @param before whether the callback comes first
	 * @return this instance
	 */
	public SimulatorBehavior callbackBeforeAuthorizeAnswer(boolean before) {
		this.callbackBeforeAuthorizeAnswer = before;
		return this;
	}

	/**
	 * Sends callbacks that reject the login: {@code success=0} and {@code code=<code>}
	 * (e.g. {@code ACCESS_DENIED}); no authorization code is issued.
	 * @param code the rejection code, or {@code null} to send normal callbacks again
	 * @return this instance
	 */
	public SimulatorBehavior rejectCallback(@Nullable String code) {
		this.rejectCallback = code;
		return this;
	}

	/**
	 * Whether to send callbacks with {@code success=1} but no {@code code} parameter.
	 * @param withoutCode whether the code is left out
	 * @return this instance
	 */
	public SimulatorBehavior callbackWithoutCode(boolean withoutCode) {
		this.callbackWithoutCode = withoutCode;
		return this;
	}

	/**
	 * Whether to send every callback twice, concurrently, with the same state and code.
	 * @param duplicate whether callbacks are duplicated
	 * @return this instance
	 */
	public SimulatorBehavior duplicateCallback(boolean duplicate) {
		this.duplicateCallback = duplicate;
		return this;
	}

	/**
	 * Where to send each callback instead of the {@code redirect_uri} its login named, as
	 * a load balancer in front of several instances would: the function is given that
	 * {@code redirect_uri} and answers the URIs to call, each once and concurrently, with
	 * the same state and code (the code stays bound to the login's own
	 * {@code redirect_uri}). Two URIs deliver the same callback to two instances at once.
	 * @param targets maps the login's {@code redirect_uri} to the URIs to call back, or
	 * {@code null} to call back the {@code redirect_uri} itself again
	 * @return this instance
	 */
	public SimulatorBehavior callbackTargets(@Nullable Function<String, List<String>> targets) {
		this.callbackTargets = targets;
		return this;
	}

	/**
	 * Whether to answer authorize calls with success but never send the callback (to
	 * drive an application into its callback timeout).
	 * @param withhold whether callbacks are withheld
	 * @return this instance
	 */
	public SimulatorBehavior withholdCallback(boolean withhold) {
		this.withholdCallback = withhold;
		return this;
	}

	/**
	 * Answers every authorize call, whatever its input, with HTTP 200 and
	 * {@code {"success": false, "code": code, "msg": msg}}; no callback is sent.
	 * @param code the failure code, e.g. {@code AUTHORIZE_ERROR} or
	 * {@code EXPIRED_TOKEN}, or {@code null} to validate authorize calls normally again
	 * @param msg the message
	 * @return this instance
	 */
	public SimulatorBehavior authorizeFailure(@Nullable String code, String msg) {
		this.authorizeFailure = (code != null) ? new AuthorizeFailure(code, Objects.requireNonNull(msg, "msg")) : null;
		return this;
	}

	/**
	 * Answers every authorize call with this HTTP status and raw body; no callback is
	 * sent. Takes precedence over {@link #authorizeFailure(String, String)}.
	 * @param status the HTTP status, or {@code 0} to switch this knob off
	 * @param body the raw body; served as JSON when it looks like JSON, otherwise as
	 * text
	 * @return this instance
	 */
	public SimulatorBehavior authorizeHttpStatus(int status, String body) {
		this.authorizeAnswer = rawAnswer(status, body);
		return this;
	}

	/**
	 * Answers every {@code get_token} call with this HTTP status and raw body, e.g.
	 * {@code 500} with non-JSON text. Takes precedence over {@link #getTokenJunk(String)}.
	 * @param status the HTTP status, or {@code 0} to switch this knob off
	 * @param body the raw body; served as JSON when it looks like JSON, otherwise as
	 * text
	 * @return this instance
	 */
	public SimulatorBehavior getTokenHttpStatus(int status, String body) {
		this.getTokenAnswer = rawAnswer(status, body);
		return this;
	}

	/**
	 * Answers every {@code get_token} call with HTTP 200 and this raw body, e.g.
	 * {@code <html>oops</html>}, <code>{}</code>, {@code []} or
	 * <code>{"data":[]}</code>.
	 * @param body the raw body, or {@code null} to switch this knob off
	 * @return this instance
	 */
	public SimulatorBehavior getTokenJunk(@Nullable String body) {
		this.getTokenJunk = body;
		return this;
	}

	/**
	 * Whether {@code get_token} wraps the slot info as
	 * <code>{"data": [ {slot info} ]}</code>.
	 * @param wrap whether to wrap
	 * @return this instance
	 */
	public SimulatorBehavior wrapSlotInData(boolean wrap) {
		this.wrapSlotInData = wrap;
		return this;
	}

	/**
	 * Pads the slot info that {@code get_token} answers with an extra {@code padding}
	 * field whose value is {@code bytes} ASCII characters, to test response-size caps.
	 * @param bytes the size of the padding, {@code 0} for none
	 * @return this instance
	 */
	public SimulatorBehavior getTokenExtraBytes(int bytes) {
		if (bytes < 0) {
			throw new IllegalArgumentException("bytes must not be negative");
		}
		this.getTokenExtraBytes = bytes;
		return this;
	}

	/**
	 * Waits this long before every API answer (authorize, {@code get_token}, refresh,
	 * logout). Default {@link Duration#ZERO}.
	 * @param latency the added latency, not negative
	 * @return this instance
	 */
	public SimulatorBehavior latency(Duration latency) {
		this.latency = requireNotNegative(latency, "latency");
		return this;
	}

	/**
	 * Whether the login page, in a popup, hands out JWTs that have already expired, so
	 * that an application's sign-in can be driven through a browser into DeOAuth's
	 * {@code EXPIRED_TOKEN} answer. Default {@code false}: the login page's JWTs live for
	 * the builder's JWT time-to-live. {@link DeOAuthSimulator#issueJwt(String, Duration)}
	 * is not affected.
	 * @param expired whether the login page's JWTs are expired
	 * @return this instance
	 */
	public SimulatorBehavior expiredJwts(boolean expired) {
		this.expiredJwts = expired;
		return this;
	}

	Duration callbackDelay() {
		return this.callbackDelay;
	}

	boolean callbackBeforeAuthorizeAnswer() {
		return this.callbackBeforeAuthorizeAnswer;
	}

	@Nullable String rejectCallback() {
		return this.rejectCallback;
	}

	boolean callbackWithoutCode() {
		return this.callbackWithoutCode;
	}

	boolean duplicateCallback() {
		return this.duplicateCallback;
	}

	boolean withholdCallback() {
		return this.withholdCallback;
	}

	List<String> callbackTargetsOf(String redirectUri) {
		Function<String, List<String>> targets = this.callbackTargets;
		if (targets == null) {
			return List.of(redirectUri);
		}
		List<String> uris = targets.apply(redirectUri);
		return (uris != null && !uris.isEmpty()) ? List.copyOf(uris) : List.of(redirectUri);
	}

	@Nullable AuthorizeFailure authorizeFailure() {
		return this.authorizeFailure;
	}

	@Nullable RawAnswer authorizeAnswer() {
		return this.authorizeAnswer;
	}

	@Nullable RawAnswer getTokenAnswer() {
		return this.getTokenAnswer;
	}

	@Nullable String getTokenJunk() {
		return this.getTokenJunk;
	}

	boolean wrapSlotInData() {
		return this.wrapSlotInData;
	}

	int getTokenExtraBytes() {
		return this.getTokenExtraBytes;
	}

	Duration latency() {
		return this.latency;
	}

	boolean expiredJwts() {
		return this.expiredJwts;
	}

	private static Duration requireNotNegative(Duration duration, String name) {
		Objects.requireNonNull(duration, name + " cannot be null");
		if (duration.isNegative()) {
			throw new IllegalArgumentException(name + " must not be negative");
		}
		return duration;
	}

	private static @Nullable RawAnswer rawAnswer(int status, String body) {
		if (status == 0) {
			return null;
		}
		if (status < 100 || status > 599) {
			throw new IllegalArgumentException("status must be 0 or an HTTP status, was " + status);
		}
		return new RawAnswer(status, Objects.requireNonNull(body, "body cannot be null"));
	}

	@Override
	public String toString() {
		return "SimulatorBehavior[callbackDelay=" + this.callbackDelay + ", callbackBeforeAuthorizeAnswer="
				+ this.callbackBeforeAuthorizeAnswer + ", rejectCallback=" + this.rejectCallback
				+ ", callbackWithoutCode=" + this.callbackWithoutCode + ", duplicateCallback=" + this.duplicateCallback
				+ ", withholdCallback=" + this.withholdCallback + ", callbackTargets="
				+ (this.callbackTargets != null) + ", authorizeFailure=" + this.authorizeFailure
				+ ", authorizeHttpStatus=" + this.authorizeAnswer + ", getTokenHttpStatus=" + this.getTokenAnswer
				+ ", getTokenJunk=" + (this.getTokenJunk != null) + ", wrapSlotInData=" + this.wrapSlotInData
				+ ", getTokenExtraBytes=" + this.getTokenExtraBytes + ", latency=" + this.latency + ", expiredJwts="
				+ this.expiredJwts + "]";
	}

	record AuthorizeFailure(String code, String msg) {
	}

	record RawAnswer(int status, String body) {

		@Override
		public String toString() {
			return String.valueOf(this.status);
		}

	}

}
