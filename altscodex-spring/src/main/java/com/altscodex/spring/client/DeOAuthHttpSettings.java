package com.altscodex.spring.client;

import java.time.Duration;

import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.util.Assert;

/**
 * How the client talks HTTP to DeOAuth: timeouts, the cap on an answer's size and the
 * connection pool, sized for bursts of simultaneous logins.
 *
 * @param connectTimeout how long to wait for a TCP connection
 * @param responseTimeout how long to wait for an answer once the request is sent
 * @param maxResponseSize largest answer body accepted, in bytes
 * @param maxConnections most connections open to DeOAuth at once
 * @param maxPendingAcquires most requests waiting for a pooled connection before new
 * ones are refused
 * @param pendingAcquireTimeout how long a request may wait for a pooled connection
 */
public record DeOAuthHttpSettings(Duration connectTimeout, Duration responseTimeout, int maxResponseSize,
		int maxConnections, int maxPendingAcquires, Duration pendingAcquireTimeout) {

	/** Default connect timeout. */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

	/** Default response timeout. */
	public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(10);

	/** Default cap on an answer's body: 256 KiB. */
	public static final int DEFAULT_MAX_RESPONSE_SIZE = 256 * 1024;

	/** Default connection pool size. */
	public static final int DEFAULT_MAX_CONNECTIONS = 500;

	/** Default queue of requests waiting for a connection. */
	public static final int DEFAULT_MAX_PENDING_ACQUIRES = 20_000;

	/** Default wait for a pooled connection. */
	public static final Duration DEFAULT_PENDING_ACQUIRE_TIMEOUT = Duration.ofSeconds(15);

	public DeOAuthHttpSettings {
		Assert.isTrue(isPositive(connectTimeout), "connectTimeout must be positive");
		Assert.isTrue(isPositive(responseTimeout), "responseTimeout must be positive");
		Assert.isTrue(isPositive(pendingAcquireTimeout), "pendingAcquireTimeout must be positive");
		Assert.isTrue(maxResponseSize > 0, "maxResponseSize must be positive");
		Assert.isTrue(maxConnections > 0, "maxConnections must be positive");
		Assert.isTrue(maxPendingAcquires > 0, "maxPendingAcquires must be positive");
	}

	private static boolean isPositive(Duration duration) {
		return duration != null && !duration.isNegative() && !duration.isZero();
	}

	/**
	 * The defaults.
	 */
	public static DeOAuthHttpSettings defaults() {
		return new DeOAuthHttpSettings(DEFAULT_CONNECT_TIMEOUT, DEFAULT_RESPONSE_TIMEOUT, DEFAULT_MAX_RESPONSE_SIZE,
				DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_PENDING_ACQUIRES, DEFAULT_PENDING_ACQUIRE_TIMEOUT);
	}

	/**
	 * Creates a connection pool with these settings. The caller disposes it.
	 * @param name the pool's name (it appears in Reactor Netty's metrics)
	 * @return a new pool
	 */
	public ConnectionProvider createConnectionProvider(String name) {
		return ConnectionProvider.builder(name)
			.maxConnections(this.maxConnections)
			.pendingAcquireMaxCount(this.maxPendingAcquires)
			.pendingAcquireTimeout(this.pendingAcquireTimeout)
			.maxIdleTime(Duration.ofSeconds(30))
			.build();
	}

	/**
	 * Creates a Reactor Netty connector with these timeouts on the given pool.
	 * @param connectionProvider the pool
	 * @return the connector
	 */
	public ClientHttpConnector createConnector(ConnectionProvider connectionProvider) {
		HttpClient httpClient = HttpClient.create(connectionProvider)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(this.connectTimeout.toMillis()))
			.responseTimeout(this.responseTimeout);
		return new ReactorClientHttpConnector(httpClient);
	}

}
