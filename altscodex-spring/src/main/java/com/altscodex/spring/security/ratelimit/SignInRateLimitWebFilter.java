package com.altscodex.spring.security.ratelimit;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.altscodex.spring.client.FailureKind;
import com.altscodex.spring.web.AltsCodexProblemDetails;
import com.altscodex.spring.web.ServerJsonWriter;

/**
 * Limits sign-in attempts per client address, before anything reaches DeOAuth: an attempt
 * beyond the {@link SignInRateLimiter}'s allowance is answered {@code 429}
 * {@code application/problem+json} ({@link FailureKind#SIGN_IN_RATE_LIMITED}) with
 * {@code Retry-After}, at once.
 * <p>
 * The key is the request's remote address: behind a proxy, that is the client's only
 * when the application trusts forwarded headers (Spring Boot's
 * {@code server.forward-headers-strategy}), which rewrite it. An IPv6 address counts by
 * its /64 prefix, which one subscriber usually holds whole.
 */
public final class SignInRateLimitWebFilter implements WebFilter {

	private static final String UNKNOWN = "unknown";

	// a forwarded header is the caller's text: a key never holds more of it
	private static final int MAX_KEY_LENGTH = 64;

	private final ServerWebExchangeMatcher signInAttempts;

	private final SignInRateLimiter rateLimiter;

	private final AltsCodexProblemDetails problemDetails;

	private final ServerJsonWriter writer;

	private Function<ServerWebExchange, String> keyResolver = SignInRateLimitWebFilter::remoteAddressKey;

	/**
	 * Creates a filter.
	 * @param signInAttempts the requests that are sign-in attempts
	 * @param rateLimiter decides
	 * @param problemDetails words the refusals
	 * @param writer writes the refusals
	 */
	public SignInRateLimitWebFilter(ServerWebExchangeMatcher signInAttempts, SignInRateLimiter rateLimiter,
			AltsCodexProblemDetails problemDetails, ServerJsonWriter writer) {
		Assert.notNull(signInAttempts, "signInAttempts cannot be null");
		Assert.notNull(rateLimiter, "rateLimiter cannot be null");
		Assert.notNull(problemDetails, "problemDetails cannot be null");
		Assert.notNull(writer, "writer cannot be null");
		this.signInAttempts = signInAttempts;
		this.rateLimiter = rateLimiter;
		this.problemDetails = problemDetails;
		this.writer = writer;
	}

	/**
	 * Sets what a client is counted by. Defaults to its remote address (an IPv6 address
	 * by its /64 prefix).
	 * @param keyResolver the key of an exchange
	 */
	public void setKeyResolver(Function<ServerWebExchange, String> keyResolver) {
		Assert.notNull(keyResolver, "keyResolver cannot be null");
		this.keyResolver = keyResolver;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return this.signInAttempts.matches(exchange).flatMap((match) -> {
			if (!match.isMatch()) {
				return chain.filter(exchange);
			}
			return this.rateLimiter.tryAcquire(this.keyResolver.apply(exchange))
				.flatMap((decision) -> decision.allowed() ? chain.filter(exchange)
						: this.writer.writeProblem(exchange,
								this.problemDetails.problemFor(FailureKind.SIGN_IN_RATE_LIMITED), decision.retryAfter()));
		});
	}

	/**
	 * The key a client is counted by unless told otherwise: its remote address, an IPv6
	 * address by its /64 prefix; a forwarded address by its text, never looked up.
	 * @param exchange the exchange
	 * @return the key
	 */
	public static String remoteAddressKey(ServerWebExchange exchange) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		if (remote == null) {
			return UNKNOWN;
		}
		InetAddress address = remote.getAddress();
		if (address instanceof Inet6Address) {
			return ipv6Prefix(address.getAddress());
		}
		if (address != null) {
			return address.getHostAddress();
		}
		// forwarded headers give an unresolved address: its text, never looked up (DNS would
		// block), an IPv6 literal by its /64 too
		return unresolvedKey(remote.getHostString());
	}

	private static String unresolvedKey(String host) {
		String literal = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
		if (literal.length() > MAX_KEY_LENGTH) {
			return literal.substring(0, MAX_KEY_LENGTH);
		}
		if (literal.indexOf(':') >= 0) {
			byte[] bytes = ipv6Bytes(literal);
			if (bytes != null) {
				return ipv6Prefix(bytes);
			}
		}
		return literal;
	}

	private static String ipv6Prefix(byte[] bytes) {
		StringBuilder prefix = new StringBuilder("v6:");
		for (int i = 0; i < 8; i++) {
			prefix.append(Character.forDigit((bytes[i] >> 4) & 0xF, 16)).append(Character.forDigit(bytes[i] & 0xF, 16));
		}
		return prefix.toString();
	}

	// the eight groups of an IPv6 literal ("::" expanded); null when it is not one
	private static byte @Nullable [] ipv6Bytes(String literal) {
		int zone = literal.indexOf('%');
		String text = (zone >= 0) ? literal.substring(0, zone) : literal;
		int gap = text.indexOf("::");
		if (gap != text.lastIndexOf("::") || text.indexOf('.') >= 0) {
			return null;
		}
		String[] head = (gap >= 0) ? groups(text.substring(0, gap)) : groups(text);
		String[] tail = (gap >= 0) ? groups(text.substring(gap + 2)) : new String[0];
		int missing = 8 - head.length - tail.length;
		if ((gap < 0 && missing != 0) || (gap >= 0 && missing < 1)) {
			return null;
		}
		byte[] bytes = new byte[16];
		int index = 0;
		for (String[] part : new String[][] { head, (gap >= 0) ? new String[missing] : new String[0], tail }) {
			for (String group : part) {
				int value = (group != null) ? parseGroup(group) : 0;
				if (value < 0) {
					return null;
				}
				bytes[index++] = (byte) (value >> 8);
				bytes[index++] = (byte) value;
			}
		}
		return bytes;
	}

	private static String[] groups(String text) {
		return text.isEmpty() ? new String[0] : text.split(":", -1);
	}

	private static int parseGroup(String group) {
		if (group.isEmpty() || group.length() > 4) {
			return -1;
		}
		int value = 0;
		for (int i = 0; i < group.length(); i++) {
			int digit = Character.digit(group.charAt(i), 16);
			if (digit < 0) {
				return -1;
			}
			value = value * 16 + digit;
		}
		return value;
	}

}
