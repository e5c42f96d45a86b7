package com.altscodex.deoauth.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchWindowException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * The login page's popup flow in a real Chromium, with pages on three origins opening it:
 * the application's (the origin of its registered redirect URIs), a single-page app's
 * (registered with {@code clientOrigins(..)}) and an attacker's (registered nowhere). Only
 * the origin the server chose for the login request receives the JWT. Uses Debian's
 * {@code chromium} and {@code chromedriver}; nothing is downloaded.
 * <p>
 * A message to a window of another origin is dropped by the browser without a trace, so
 * "no message" needs a point after which none can arrive: the popup posts a
 * {@code test:done} message with target origin {@code *} after everything the login page
 * did (on its {@code window.close()}, or once it showed its refusal). Messages from one
 * window to another arrive in order, so when the opener has {@code test:done}, it has
 * every message the login page could have sent it.
 */
class LoginPagePopupBrowserTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final String DONE = "test:done";

	private static final String OPENER_PAGE = """
			<!DOCTYPE html>
			<html lang="en">
			<head><meta charset="utf-8"><title>Opener</title><link rel="icon" href="data:,"></head>
			<body>
			<button id="open" type="button">Sign in</button>
			<script>
			  window.received = [];
			  window.addEventListener('message', function (event) {
			    window.received.push({origin: event.origin, data: event.data});
			  });
			  document.getElementById('open').addEventListener('click', function () {
			    window.open(window.loginUrl, 'altscodex-login', 'popup,width=440,height=640');
			  });
			</script>
			</body>
			</html>
			""";

	private static final String CALLBACK_PAGE = """
			<!DOCTYPE html>
			<html lang="en"><head><meta charset="utf-8"><title>Callback</title></head>
			<body><p id="callback">Callback received</p></body></html>
			""";

	// the application: the client's redirect URIs are http://127.0.0.1:*/login/altscodex
	private static Site app;

	// a single-page app whose origin is registered for the client
	private static Site spa;

	// a site registered nowhere; Linux routes all of 127.0.0.0/8 to loopback
	private static Site attacker;

	private static DeOAuthSimulator simulator;

	private static @Nullable Path browserDirectory;

	private static @Nullable ChromeDriverService driverService;

	private static @Nullable ChromeDriver driver;

	private static @Nullable String openerWindow;

	@BeforeAll
	static void startSitesSimulatorAndBrowser() throws IOException {
		app = Site.start("127.0.0.1");
		spa = Site.start("127.0.0.3");
		attacker = Site.start("127.0.0.2");
		simulator = DeOAuthSimulator.builder()
			.client("shop", "shop-secret", "http://127.0.0.1:*/login/altscodex")
			.clientOrigins("shop", spa.origin())
			.build()
			.start();
		if (!chromiumInstalled()) {
			return;
		}
		// Chromium's profile and its temporary files (org.chromium.Chromium.*), deleted afterwards
		browserDirectory = Files.createTempDirectory("simulator-chromium-");
		Path temporaryFiles = Files.createDirectory(browserDirectory.resolve("tmp"));
		driverService = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.withEnvironment(Map.of("TMPDIR", temporaryFiles.toString()))
			.build();
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--no-first-run", "--window-size=1000,760",
					"--user-data-dir=" + browserDirectory.resolve("profile"));
		driver = new ChromeDriver(driverService, options);
		openerWindow = driver.getWindowHandle();
	}

	@AfterAll
	static void stopBrowserSimulatorAndSites() throws IOException {
		try {
			if (driver != null) {
				driver.quit();
			}
			if (driverService != null) {
				driverService.stop();
			}
			if (browserDirectory != null) {
				FileSystemUtils.deleteRecursively(browserDirectory);
			}
		}
		finally {
			if (simulator != null) {
				simulator.close();
			}
			for (Site site : new Site[] { app, spa, attacker }) {
				if (site != null) {
					site.close();
				}
			}
		}
	}

	// here rather than in @BeforeAll, so that a skip shows in the test counts
	@BeforeEach
	void requireChromium() {
		if (driver != null) {
			return;
		}
		String message = "Browser test needs " + CHROMIUM + " and " + CHROMEDRIVER
				+ ": install them with 'apt-get install -y chromium chromium-driver'";
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			fail(message);
		}
		System.err.println("!!! SKIPPING " + LoginPagePopupBrowserTests.class.getSimpleName() + ": " + message + " !!!");
		abort(message);
	}

	@AfterEach
	void closePopups() {
		if (driver == null) {
			return;
		}
		for (String handle : driver.getWindowHandles()) {
			if (!handle.equals(openerWindow)) {
				driver.switchTo().window(handle).close();
			}
		}
		driver.switchTo().window(openerWindow);
	}

	@Test
	void loginPageWhenOpenedByTheRedirectUriOriginThenPostsTheJwtToIt() {
		List<JsonNode> received = chooseAliceInPopup(app,
				params("client_id", "shop", "redirect_uri", app.redirectUri(), "origin", app.origin()));
		assertThat(received).singleElement().satisfies((message) -> {
			assertThat(message.get("origin").stringValue()).isEqualTo(simulator.baseUrl());
			assertThat(message.get("data").get("type").stringValue()).isEqualTo("altscodex:jwt");
			assertThat(subject(message.get("data").get("jwt").stringValue())).isEqualTo("alice");
		});
	}

	@Test
	void loginPageWhenOpenedByTheRedirectUriOriginWithoutOriginParameterThenPostsTheJwtToIt() {
		List<JsonNode> received = chooseAliceInPopup(app,
				params("client_id", "shop", "redirect_uri", app.redirectUri()));
		assertThat(received).singleElement()
			.satisfies((message) -> assertThat(message.get("data").get("type").stringValue())
				.isEqualTo("altscodex:jwt"));
	}

	@Test
	void loginPageWhenOpenedByAnOriginRegisteredForTheClientThenPostsTheJwtToIt() {
		List<JsonNode> received = chooseAliceInPopup(spa,
				params("client_id", "shop", "redirect_uri", app.redirectUri(), "origin", spa.origin()));
		assertThat(received).singleElement()
			.satisfies((message) -> assertThat(subject(message.get("data").get("jwt").stringValue()))
				.isEqualTo("alice"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("requestsFromAnotherOrigin")
	void loginPageWhenOpenedByOtherOriginThenPostsNothing(Map<String, @Nullable String> loginParams) {
		assertThat(chooseAliceInPopup(attacker, loginParams)).isEmpty();
	}

	static Stream<Arguments> requestsFromAnotherOrigin() {
		return Stream.of(
				Arguments.of(Named.of("origin parameter naming the opener, no client",
						params("origin", attacker.origin()))),
				Arguments.of(Named.of("no parameters at all", params())),
				Arguments.of(Named.of("origin parameter naming the opener, registered client and redirect URI",
						params("client_id", "shop", "redirect_uri", app.redirectUri(), "origin", attacker.origin()))),
				Arguments.of(Named.of("registered redirect URI on another origin",
						params("client_id", "shop", "redirect_uri", app.redirectUri()))),
				Arguments.of(Named.of("origin registered for the client, but not the opener's",
						params("client_id", "shop", "redirect_uri", app.redirectUri(), "origin", spa.origin()))),
				Arguments.of(Named.of("redirect URI matching the registered glob, opener's host in its user info",
						params("client_id", "shop", "redirect_uri",
								"http://127.0.0.1:1@" + URI.create(attacker.origin()).getAuthority()
										+ "/login/altscodex"))));
	}

	@Test
	void loginPageWhenNotInAPopupThenRedirectsToTheAppWithACode() {
		ChromeDriver browser = browser();
		browser.get(loginUrl(params("client_id", "shop", "redirect_uri", app.redirectUri(), "response_type", "code",
				"state", "st-browser")));
		new WebDriverWait(browser, TIMEOUT).until(ExpectedConditions.elementToBeClickable(By.id("user-alice")))
			.click();
		new WebDriverWait(browser, TIMEOUT).until(ExpectedConditions.urlContains("/login/altscodex?"));
		QueryStringDecoder callback = new QueryStringDecoder(URI.create(browser.getCurrentUrl()));
		assertThat(browser.getCurrentUrl()).startsWith(app.redirectUri() + "?");
		assertThat(callback.parameters().get("state")).containsExactly("st-browser");
		assertThat(callback.parameters().get("success")).containsExactly("1");
		String code = callback.parameters().get("code").get(0);
		DeOAuthTestClient.Reply slot = new DeOAuthTestClient(simulator)
			.getToken("shop", "shop-secret", code, app.redirectUri())
			.block(TIMEOUT);
		assertThat(slot.text("id")).isEqualTo("alice");
	}

	/**
	 * Opens the login page from a page on a site, as a popup, clicks Alice there and
	 * answers what the opener received, once nothing more can arrive; without the
	 * test's own {@code test:done} message.
	 */
	private static List<JsonNode> chooseAliceInPopup(Site site, Map<String, @Nullable String> loginParams) {
		ChromeDriver browser = browser();
		WebDriverWait wait = new WebDriverWait(browser, TIMEOUT);
		browser.switchTo().window(openerWindow);
		browser.get(site.origin() + "/opener.html");
		browser.executeScript("window.loginUrl = arguments[0];", loginUrl(loginParams));
		wait.until(ExpectedConditions.elementToBeClickable(By.id("open"))).click();
		wait.until(ExpectedConditions.numberOfWindowsToBe(2));
		String popup = browser.getWindowHandles()
			.stream()
			.filter((handle) -> !handle.equals(openerWindow))
			.findFirst()
			.orElseThrow();
		browser.switchTo().window(popup);
		assertThat(browser.getCurrentUrl()).startsWith(simulator.baseUrl() + DeOAuthEndpoints.LOGIN_PATH);
		wait.until(ExpectedConditions.elementToBeClickable(By.id("user-alice")));
		// the login page closes itself right after posting: the marker goes out last
		browser.executeScript("""
				var close = window.close.bind(window);
				window.close = function () {
				  window.opener.postMessage({type: '%s'}, '*');
				  close();
				};
				""".formatted(DONE));
		browser.findElement(By.id("user-alice")).click();
		new WebDriverWait(browser, TIMEOUT).ignoring(NoSuchWindowException.class)
			.until((current) -> !current.getWindowHandles().contains(popup) || hasStatus(current));
		if (browser.getWindowHandles().contains(popup)) {
			assertThat(browser.findElement(By.id("status")).getText()).startsWith("Sign-in refused: ");
			browser.executeScript("window.opener.postMessage({type: '%s'}, '*');".formatted(DONE));
			browser.close();
		}
		browser.switchTo().window(openerWindow);
		wait.until((current) -> received(browser).stream()
			.anyMatch((message) -> DONE.equals(message.path("data").path("type").asString(""))));
		List<JsonNode> received = new ArrayList<>(received(browser));
		received.removeIf((message) -> DONE.equals(message.path("data").path("type").asString("")));
		return received;
	}

	// a closing window may answer no text at all
	private static boolean hasStatus(WebDriver browser) {
		String status = browser.findElement(By.id("status")).getText();
		return status != null && !status.isEmpty();
	}

	private static List<JsonNode> received(ChromeDriver browser) {
		String json = (String) browser.executeScript("return JSON.stringify(window.received);");
		List<JsonNode> messages = new ArrayList<>();
		DeOAuthTestClient.JSON.readTree(json).forEach(messages::add);
		return messages;
	}

	private static ChromeDriver browser() {
		assertThat(driver).as("the browser").isNotNull();
		return driver;
	}

	private static String loginUrl(Map<String, @Nullable String> params) {
		return CallbackSender.appendQuery(simulator.baseUrl() + DeOAuthEndpoints.LOGIN_PATH, params);
	}

	private static String subject(String jwt) {
		String claims = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
		return DeOAuthTestClient.JSON.readTree(claims).get("sub").stringValue();
	}

	private static Map<String, @Nullable String> params(String... namesAndValues) {
		Map<String, @Nullable String> params = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			params.put(namesAndValues[i], namesAndValues[i + 1]);
		}
		return params;
	}

	private static boolean chromiumInstalled() {
		return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
	}

	/**
	 * A site on its own origin that serves the opener page and a callback page.
	 */
	private static final class Site implements AutoCloseable {

		private final HttpServer server;

		private final String origin;

		private Site(HttpServer server, String host) {
			this.server = server;
			this.origin = "http://" + host + ":" + server.getAddress().getPort();
		}

		static Site start(String host) throws IOException {
			HttpServer server = HttpServer.create(new InetSocketAddress(host, 0), 0);
			server.createContext("/", Site::serve);
			server.start();
			return new Site(server, host);
		}

		private static void serve(HttpExchange exchange) throws IOException {
			try (InputStream body = exchange.getRequestBody()) {
				body.readAllBytes();
			}
			String path = exchange.getRequestURI().getPath();
			String page = switch (path) {
				case "/opener.html" -> OPENER_PAGE;
				case "/login/altscodex" -> CALLBACK_PAGE;
				default -> null;
			};
			byte[] bytes = ((page != null) ? page : "Not found").getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "text/html;charset=utf-8");
			exchange.getResponseHeaders().set("Cache-Control", "no-store");
			exchange.sendResponseHeaders((page != null) ? 200 : 404, bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
			finally {
				exchange.close();
			}
		}

		String origin() {
			return this.origin;
		}

		String redirectUri() {
			return this.origin + "/login/altscodex";
		}

		@Override
		public void close() {
			this.server.stop(0);
		}

	}

}
