package com.altscodex.spring.autoconfigure.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.MultiValueMap;

/**
 * A browser's cookie jar over a {@link WebTestClient} bound to a running server: keeps
 * the {@code SESSION} and {@code XSRF-TOKEN} cookies between requests and echoes the CSRF
 * token in {@code X-XSRF-TOKEN} on unsafe requests, as a single-page application does.
 */
public final class BrowserSession {

	public static final String SESSION = "SESSION";

	public static final String XSRF_TOKEN = "XSRF-TOKEN";

	private final WebTestClient web;

	private final Map<String, String> cookies = new LinkedHashMap<>();

	public BrowserSession(String baseUrl) {
		this.web = WebTestClient.bindToServer().baseUrl(baseUrl).responseTimeout(Duration.ofSeconds(30)).build();
	}

	public WebTestClient web() {
		return this.web;
	}

	public String cookie(String name) {
		return this.cookies.get(name);
	}

	public void forget(String name) {
		this.cookies.remove(name);
	}

	public void set(String name, String value) {
		this.cookies.put(name, value);
	}

	/** GETs a path to pick up the CSRF cookie, as a page load does. */
	public BrowserSession loadPage() {
		get("/api/hello", (headers) -> headers.setAccept(List.of(MediaType.APPLICATION_JSON)));
		return this;
	}

	public EntityExchangeResult<byte[]> get(String path, Consumer<HttpHeaders> headers) {
		return remember(this.web.get()
			.uri(path)
			.cookies(this::sendCookies)
			.headers(headers)
			.exchange()
			.expectBody()
			.returnResult());
	}

	public EntityExchangeResult<byte[]> get(String path) {
		return get(path, (headers) -> {
		});
	}

	public EntityExchangeResult<byte[]> postJson(String path, String json, boolean withCsrf) {
		return remember(this.web.post()
			.uri(path)
			.cookies(this::sendCookies)
			.headers((headers) -> {
				if (withCsrf && this.cookies.containsKey(XSRF_TOKEN)) {
					headers.set("X-XSRF-TOKEN", this.cookies.get(XSRF_TOKEN));
				}
			})
			.contentType(MediaType.APPLICATION_JSON)
			// bytes: the client's own codec logs a String body at TRACE, and these hold JWTs
			.bodyValue(json.getBytes(StandardCharsets.UTF_8))
			.exchange()
			.expectBody()
			.returnResult());
	}

	public EntityExchangeResult<byte[]> post(String path, boolean withCsrf) {
		return remember(this.web.post()
			.uri(path)
			.cookies(this::sendCookies)
			.headers((headers) -> {
				if (withCsrf && this.cookies.containsKey(XSRF_TOKEN)) {
					headers.set("X-XSRF-TOKEN", this.cookies.get(XSRF_TOKEN));
				}
			})
			.exchange()
			.expectBody()
			.returnResult());
	}

	/** Sends any request with the session's cookies, and the CSRF header when asked. */
	public EntityExchangeResult<byte[]> send(HttpMethod method, String path, MediaType contentType, byte[] body,
			boolean withCsrf) {
		return remember(this.web.method(method)
			.uri(path)
			.cookies(this::sendCookies)
			.headers((headers) -> {
				if (withCsrf && this.cookies.containsKey(XSRF_TOKEN)) {
					headers.set("X-XSRF-TOKEN", this.cookies.get(XSRF_TOKEN));
				}
				if (contentType != null) {
					headers.setContentType(contentType);
				}
			})
			.bodyValue(body)
			.exchange()
			.expectBody()
			.returnResult());
	}

	public EntityExchangeResult<byte[]> signIn(String jwt) {
		if (!this.cookies.containsKey(XSRF_TOKEN)) {
			loadPage();
		}
		return postJson("/login", "{\"jwt\":\"" + jwt + "\"}", true);
	}

	private void sendCookies(MultiValueMap<String, String> out) {
		this.cookies.forEach(out::add);
	}

	// every Set-Cookie header in order, as a browser reads them: of two for one name the last wins
	private EntityExchangeResult<byte[]> remember(EntityExchangeResult<byte[]> result) {
		List<String> setCookies = result.getResponseHeaders().get(HttpHeaders.SET_COOKIE);
		for (String setCookie : (setCookies != null) ? setCookies : List.<String>of()) {
			String[] parts = setCookie.split(";");
			int equals = parts[0].indexOf('=');
			String name = parts[0].substring(0, equals).trim();
			String value = parts[0].substring(equals + 1).trim();
			boolean expired = value.isEmpty();
			for (int i = 1; i < parts.length; i++) {
				expired |= parts[i].trim().equalsIgnoreCase("Max-Age=0");
			}
			if (expired) {
				this.cookies.remove(name);
			}
			else {
				this.cookies.put(name, value);
			}
		}
		return result;
	}

}
