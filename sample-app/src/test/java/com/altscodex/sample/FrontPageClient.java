package com.altscodex.sample;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Talks to a running sample over HTTP the way its front page does in a browser: keeps
 * the cookies it is given ({@value #CSRF_COOKIE}, {@value #SESSION_COOKIE}) and sends
 * them back, and copies the {@value #CSRF_COOKIE} cookie into the {@value #CSRF_HEADER}
 * header of every unsafe request. {@link #open(int)} fetches {@code /config} first, so
 * that the cookie is there before the first POST.
 */
final class FrontPageClient {

	static final String CSRF_COOKIE = "XSRF-TOKEN";

	static final String CSRF_HEADER = "X-XSRF-TOKEN";

	static final String SESSION_COOKIE = "SESSION";

	private static final Set<HttpMethod> SAFE_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
			HttpMethod.TRACE);

	private final Map<String, String> cookies = new ConcurrentHashMap<>();

	private final WebTestClient client;

	private final WebTestClient clientWithoutCsrfHeader;

	private FrontPageClient(String baseUrl, @Nullable String sourceAddress) {
		this.client = build(baseUrl, sourceAddress, true);
		this.clientWithoutCsrfHeader = build(baseUrl, sourceAddress, false);
	}

	/**
	 * A new visitor with no cookies, that has loaded {@code /config} and holds the CSRF
	 * cookie it was given.
	 * @param port the sample's port
	 * @return the client
	 */
	static FrontPageClient open(int port) {
		return open(new FrontPageClient("http://localhost:" + port, null));
	}

	/**
	 * A new visitor, as {@link #open(int)}, that connects from another loopback address
	 * than {@code 127.0.0.1} (Linux answers for all of {@code 127.0.0.0/8}), to play
	 * another client.
	 * @param port the sample's port
	 * @param sourceAddress the client's address, such as {@code 127.0.0.2}
	 * @return the client
	 */
	static FrontPageClient open(int port, String sourceAddress) {
		return open(new FrontPageClient("http://127.0.0.1:" + port, sourceAddress));
	}

	private static FrontPageClient open(FrontPageClient visitor) {
		visitor.client().get().uri("/config").exchange().expectStatus().isOk().expectBody().returnResult();
		assertThat(visitor.cookie(CSRF_COOKIE)).as("the %s cookie set on GET /config", CSRF_COOKIE).isNotBlank();
		return visitor;
	}

	static FrontPageClient open(RunningSample sample) {
		return open(sample.port());
	}

	/**
	 * The client that keeps cookies and sends the CSRF header.
	 * @return the client
	 */
	WebTestClient client() {
		return this.client;
	}

	/**
	 * A client that shares this visitor's cookies but never sends the CSRF header, as a
	 * form on another site posting to the sample would.
	 * @return the client
	 */
	WebTestClient clientWithoutCsrfHeader() {
		return this.clientWithoutCsrfHeader;
	}

	@Nullable String cookie(String name) {
		return this.cookies.get(name);
	}

	/**
	 * {@code POST /login} with {@code {"jwt": jwt}}, as the page does with the JWT the
	 * login popup handed it.
	 * @param jwt the JWT
	 * @return the answer
	 */
	WebTestClient.ResponseSpec login(String jwt) {
		return this.client.post()
			.uri("/login")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("jwt", jwt))
			.exchange();
	}

	WebTestClient.ResponseSpec me() {
		return this.client.get().uri("/me").accept(MediaType.APPLICATION_JSON).exchange();
	}

	WebTestClient.ResponseSpec logout() {
		return this.client.post().uri("/logout").exchange();
	}

	private WebTestClient build(String baseUrl, @Nullable String sourceAddress, boolean sendCsrfHeader) {
		WebTestClient.Builder builder = (sourceAddress != null)
				? WebTestClient.bindToServer(new ReactorClientHttpConnector(
						HttpClient.create().bindAddress(() -> new InetSocketAddress(sourceAddress, 0))))
				: WebTestClient.bindToServer();
		return builder.baseUrl(baseUrl)
			.responseTimeout(Duration.ofSeconds(30))
			.filter(cookiesAndCsrfHeader(sendCsrfHeader))
			.build();
	}

	private ExchangeFilterFunction cookiesAndCsrfHeader(boolean sendCsrfHeader) {
		return (request, next) -> {
			ClientRequest.Builder withCookies = ClientRequest.from(request).cookies((sent) -> this.cookies
				.forEach((name, value) -> {
					if (!sent.containsKey(name)) {
						sent.add(name, value);
					}
				}));
			String csrfToken = this.cookies.get(CSRF_COOKIE);
			if (sendCsrfHeader && csrfToken != null && !SAFE_METHODS.contains(request.method())
					&& !request.headers().containsHeader(CSRF_HEADER)) {
				withCookies.header(CSRF_HEADER, csrfToken);
			}
			return next.exchange(withCookies.build())
				.doOnNext((response) -> response.cookies().values().forEach((set) -> set.forEach(this::remember)));
		};
	}

	private void remember(ResponseCookie cookie) {
		if (cookie.getValue().isEmpty() || cookie.getMaxAge().isZero()) {
			this.cookies.remove(cookie.getName());
		}
		else {
			this.cookies.put(cookie.getName(), cookie.getValue());
		}
	}

}
