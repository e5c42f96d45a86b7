package com.altscodex.spring.testsupport.redis;

import java.net.URI;

/**
 * Where a Redis server listens.
 *
 * @param host its host
 * @param port its port
 */
public record RedisEndpoint(String host, int port) {

	static RedisEndpoint parse(String url) {
		URI uri = URI.create(url);
		return new RedisEndpoint(uri.getHost(), (uri.getPort() > 0) ? uri.getPort() : 6379);
	}

	/**
	 * The server's URL, for {@code spring.data.redis.url}.
	 * @return {@code redis://host:port}
	 */
	public String url() {
		return "redis://" + this.host + ":" + this.port;
	}

	@Override
	public String toString() {
		return url();
	}

}
