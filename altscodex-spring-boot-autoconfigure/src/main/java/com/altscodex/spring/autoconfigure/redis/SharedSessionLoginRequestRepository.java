package com.altscodex.spring.autoconfigure.redis;

import java.time.Duration;

import reactor.core.publisher.Mono;

import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;

import com.altscodex.spring.security.AltsCodexLoginRequest;
import com.altscodex.spring.security.ServerAltsCodexLoginRequestRepository;
import com.altscodex.spring.security.WebSessionServerAltsCodexLoginRequestRepository;

/**
 * Keeps the redirect sign-in in the browser's {@code WebSession}, like
 * {@link WebSessionServerAltsCodexLoginRequestRepository}, where sessions are shared by
 * every instance and bounded by nothing but the store's memory: a session that the
 * sign-in starts lives only as long as the sign-in's state, so anonymous callers who
 * start sign-ins and never come back leave nothing behind for long. When the sign-in is
 * taken, the session gets its usual lifetime back, for the signed-in user.
 */
final class SharedSessionLoginRequestRepository implements ServerAltsCodexLoginRequestRepository {

	private static final String MAX_IDLE_TIME = SharedSessionLoginRequestRepository.class.getName()
			+ ".MAX_IDLE_TIME";

	private final ServerAltsCodexLoginRequestRepository delegate = new WebSessionServerAltsCodexLoginRequestRepository();

	private final Duration stateTimeToLive;

	SharedSessionLoginRequestRepository(Duration stateTimeToLive) {
		Assert.isTrue(stateTimeToLive != null && !stateTimeToLive.isNegative() && !stateTimeToLive.isZero(),
				"stateTimeToLive must be positive");
		this.stateTimeToLive = stateTimeToLive;
	}

	@Override
	public Mono<Void> saveLoginRequest(AltsCodexLoginRequest loginRequest, ServerWebExchange exchange) {
		return exchange.getSession()
			.doOnNext(this::shortenIfNew)
			.then(this.delegate.saveLoginRequest(loginRequest, exchange));
	}

	@Override
	public Mono<AltsCodexLoginRequest> removeLoginRequest(ServerWebExchange exchange) {
		return exchange.getSession()
			.doOnNext(SharedSessionLoginRequestRepository::restore)
			.then(this.delegate.removeLoginRequest(exchange));
	}

	private void shortenIfNew(WebSession session) {
		if (!session.isStarted() && session.getMaxIdleTime().compareTo(this.stateTimeToLive) > 0) {
			session.getAttributes().put(MAX_IDLE_TIME, session.getMaxIdleTime());
			session.setMaxIdleTime(this.stateTimeToLive);
		}
	}

	private static void restore(WebSession session) {
		if (session.getAttributes().remove(MAX_IDLE_TIME) instanceof Duration maxIdleTime) {
			session.setMaxIdleTime(maxIdleTime);
		}
	}

}
