package com.altscodex.benchmarks.load;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientRequest;
import reactor.netty.http.client.HttpClientResponse;

import com.altscodex.benchmarks.server.SecuredBenchConfiguration;
import com.altscodex.benchmarks.server.Security;

/**
 * What a browser's page does against an app with Spring Security, each virtual user with
 * its own {@link CookieJar}:
 * <ul>
 * <li>the starter's chain: any page for the {@value #CSRF_COOKIE} cookie, then
 * {@code POST /login} with {@code {"jwt": ".."}}, the cookies and the token echoed in
 * {@value #CSRF_HEADER}; the answer's {@value #SESSION_COOKIE} cookie is the signed-in
 * session;</li>
 * <li>Spring Security's form login: {@code GET /login} for the login page (and the
 * session holding its CSRF token), then {@code POST /login} with the user, the password
 * and the page's {@code _csrf}: {@code 302} and a new {@value #SESSION_COOKIE};</li>
 * <li>then, signed in, {@code GET /bench/hello} (or {@code /bench/reports}) with the
 * cookies.</li>
 * </ul>
 */
final class SecuredLogins {

	static final String CSRF_COOKIE = "XSRF-TOKEN";

	static final String CSRF_HEADER = "X-XSRF-TOKEN";

	static final String SESSION_COOKIE = "SESSION";

	/** A page of the starter's app that every visitor may load: it answers 401 and sets the CSRF cookie. */
	static final String CSRF_PAGE = "/me";

	private static final Pattern FORM_CSRF = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*>");

	private static final Pattern VALUE = Pattern.compile("value=\"([^\"]*)\"");

	private SecuredLogins() {
	}

	/**
	 * Loads a page of the starter's app for its {@value #CSRF_COOKIE} cookie.
	 * @return the token, or an error if the app set none
	 */
	static Mono<String> csrfCookie(HttpClient client, CookieJar jar) {
		return client.request(HttpMethod.GET)
			.uri(CSRF_PAGE)
			.send((request, outbound) -> {
				withCookies(request, jar).header(HttpHeaderNames.ACCEPT, "application/json");
				return outbound;
			})
			.responseSingle((response, body) -> body.asString().defaultIfEmpty("").map((text) -> {
				keepCookies(response, jar);
				String token = jar.get(CSRF_COOKIE);
				if (token == null) {
					throw new IllegalStateException("GET " + CSRF_PAGE + " answered " + response.status().code()
							+ " without a " + CSRF_COOKIE + " cookie");
				}
				return token;
			}));
	}

	/**
	 * {@code POST /login} to the starter's chain, as the page does with the JWT the popup
	 * handed it.
	 */
	static Mono<Outcome> login(HttpClient client, CookieJar jar, JwtPool.Entry entry) {
		return client.post()
			.uri("/login")
			.send((request, outbound) -> {
				loginHeaders(request, jar);
				return outbound.send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(loginBody(entry.jwt()))));
			})
			.responseSingle((response, body) -> body.asString(StandardCharsets.UTF_8).defaultIfEmpty("").map((text) -> {
				keepCookies(response, jar);
				return Outcome.of(response.status().code(), text, entry.user());
			}))
			.onErrorResume((ex) -> Mono.just(Outcome.transport(ex)));
	}

	/**
	 * {@code POST /login} to the starter's chain in a flood, as
	 * {@link Logins#floodLogin(HttpClient, JwtPool.Entry, LoginTimes)}: the answer with
	 * what a refusal must carry, {@code times} stamped.
	 */
	static Mono<FloodAnswer> floodLogin(HttpClient client, CookieJar jar, JwtPool.Entry entry, LoginTimes times) {
		return client.post()
			.uri("/login")
			.send((request, outbound) -> {
				loginHeaders(request, jar);
				return outbound.send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(loginBody(entry.jwt()))));
			})
			.responseSingle((response, body) -> body.asString(StandardCharsets.UTF_8).defaultIfEmpty("").map((text) -> {
				times.answered(System.nanoTime());
				keepCookies(response, jar);
				HttpHeaders headers = response.responseHeaders();
				return FloodAnswer.of(response.status().code(), headers.get(HttpHeaderNames.RETRY_AFTER),
						headers.get(HttpHeaderNames.CONTENT_TYPE), text, entry.user());
			}))
			.onErrorResume((ex) -> Mono.just(FloodAnswer.transport(ex)))
			.contextWrite(times::into);
	}

	/**
	 * Signs in with Spring Security's form login: the login page, then the form.
	 * @return completes once signed in, or an error
	 */
	static Mono<Void> formSignIn(HttpClient client, CookieJar jar) {
		Mono<String> token = client.request(HttpMethod.GET)
			.uri("/login")
			.send((request, outbound) -> {
				withCookies(request, jar);
				return outbound;
			})
			.responseSingle((response, body) -> body.asString().defaultIfEmpty("").map((page) -> {
				keepCookies(response, jar);
				String csrf = formCsrfToken(page);
				if (response.status().code() != 200 || csrf == null) {
					throw new IllegalStateException("GET /login answered " + response.status().code()
							+ " without a login form with a CSRF token");
				}
				return csrf;
			}));
		return token.flatMap((csrf) -> client.post()
			.uri("/login")
			.send((request, outbound) -> {
				withCookies(request, jar).header(HttpHeaderNames.CONTENT_TYPE, "application/x-www-form-urlencoded");
				return outbound.sendString(Mono.just(formBody(csrf)));
			})
			.responseSingle((response, body) -> body.asString().defaultIfEmpty("").map((text) -> {
				keepCookies(response, jar);
				String location = response.responseHeaders().get(HttpHeaderNames.LOCATION);
				if (response.status().code() != 302 || location == null || location.contains("error")) {
					throw new IllegalStateException("The form login answered " + response.status().code() + " to "
							+ location);
				}
				return text;
			})))
			.then();
	}

	/**
	 * Signs one virtual user in to an app, the way its chain expects.
	 */
	static Mono<Void> signIn(HttpClient client, CookieJar jar, Security security, JwtPool.Entry entry) {
		return switch (security) {
			case STARTER -> csrfCookie(client, jar).then(login(client, jar, entry)).flatMap((outcome) -> {
				if (outcome.kind() != Outcome.Kind.OK) {
					return Mono.error(new IllegalStateException("The sign-in answered " + outcome));
				}
				return Mono.<Void>empty();
			});
			case FORM_LOGIN -> formSignIn(client, jar);
			case NONE -> Mono.error(new IllegalArgumentException("An app without Spring Security has no sign-in"));
		};
	}

	/**
	 * {@code GET} of a trivial endpoint in a signed-in session: {@code /bench/hello}, or in
	 * the authz stage {@code /bench/reports}; both answer {@value SecuredBenchConfiguration#HELLO}.
	 */
	static Mono<Outcome> hello(HttpClient client, CookieJar jar, String path) {
		return client.request(HttpMethod.GET)
			.uri(path)
			.send((request, outbound) -> {
				withCookies(request, jar);
				return outbound;
			})
			.responseSingle((response, body) -> body.asString(StandardCharsets.UTF_8).defaultIfEmpty("").map((text) -> {
				keepCookies(response, jar);
				return Outcome.expecting(response.status().code(), SecuredBenchConfiguration.HELLO.equals(text));
			}))
			.onErrorResume((ex) -> Mono.just(Outcome.transport(ex)));
	}

	/**
	 * The {@code _csrf} value of Spring Security's generated login page, {@code null}
	 * when the page has none.
	 */
	static @Nullable String formCsrfToken(String page) {
		Matcher input = FORM_CSRF.matcher(page);
		if (!input.find()) {
			return null;
		}
		Matcher value = VALUE.matcher(input.group());
		return value.find() ? value.group(1) : null;
	}

	/**
	 * The body of a popup sign-in: {@code {"jwt":"<jwt>"}} (a JWT holds no character that
	 * JSON escapes).
	 */
	static byte[] loginBody(byte[] jwt) {
		byte[] head = "{\"jwt\":\"".getBytes(StandardCharsets.US_ASCII);
		byte[] tail = "\"}".getBytes(StandardCharsets.US_ASCII);
		byte[] body = new byte[head.length + jwt.length + tail.length];
		System.arraycopy(head, 0, body, 0, head.length);
		System.arraycopy(jwt, 0, body, head.length, jwt.length);
		System.arraycopy(tail, 0, body, head.length + jwt.length, tail.length);
		return body;
	}

	private static String formBody(String csrf) {
		return "username=" + Security.FORM_LOGIN_USER + "&password=" + Security.FORM_LOGIN_PASSWORD + "&_csrf="
				+ java.net.URLEncoder.encode(csrf, StandardCharsets.UTF_8);
	}

	private static void loginHeaders(HttpClientRequest request, CookieJar jar) {
		withCookies(request, jar).header(HttpHeaderNames.CONTENT_TYPE, "application/json");
		String token = jar.get(CSRF_COOKIE);
		if (token != null) {
			request.header(CSRF_HEADER, token);
		}
	}

	private static HttpClientRequest withCookies(HttpClientRequest request, CookieJar jar) {
		String cookies = jar.header();
		if (!cookies.isEmpty()) {
			request.header(HttpHeaderNames.COOKIE, cookies);
		}
		return request;
	}

	private static void keepCookies(HttpClientResponse response, CookieJar jar) {
		jar.update(response.responseHeaders().getAll(HttpHeaderNames.SET_COOKIE));
	}

}
