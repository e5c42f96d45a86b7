package com.altscodex.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.altscodex.deoauth.simulator.DeOAuthSimulator;
import com.altscodex.deoauth.simulator.SimulatedUser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The front page in a real Chromium, signing in both ways against the simulator's login
 * page: the popup (login page in a popup, {@code postMessage} back to the page,
 * {@code POST /login}) and the same window ({@code /login/altscodex}, the login page, back
 * to {@code /getinfo} and {@code /}); the session kept over a reload and ended by signing
 * out; the errors a person sees. Uses Debian's {@code chromium} and {@code chromedriver}
 * ({@link Chromium}); nothing is downloaded. The sample runs as shipped (rate limit
 * included), one for the class; each test gets a fresh browser profile, so no cookie
 * carries over.
 */
class BrowserSignInTests {

	private static final Path SCREENSHOT = Path.of("/tmp/sample-signed-in.png");

	private static final By SIGN_IN_POPUP = testId("sign-in-popup");

	private static final By SIGN_IN_REDIRECT = testId("sign-in-redirect");

	private static final By NICKNAME = testId("user-nickname");

	private static final By SIGN_OUT = testId("sign-out");

	private static final By ERROR = testId("error");

	private static RunningSample sample;

	private static DeOAuthSimulator simulator;

	private Chromium chromium;

	private ChromeDriver driver;

	private WebDriverWait wait;

	@BeforeAll
	static void startSample() {
		// without a browser every test is skipped (or fails on CI) in @BeforeEach
		if (Chromium.installed()) {
			sample = RunningSample.start();
			simulator = sample.simulator();
		}
	}

	@AfterAll
	static void stopSample() {
		if (sample != null) {
			sample.close();
		}
	}

	@BeforeEach
	void startBrowser() throws IOException {
		Chromium.require(BrowserSignInTests.class);
		simulator.behavior().reset();
		this.chromium = Chromium.start();
		this.driver = this.chromium.driver();
		this.wait = new WebDriverWait(this.driver, Duration.ofSeconds(20));
	}

	@AfterEach
	void stopBrowser() {
		if (this.chromium != null) {
			this.chromium.close();
		}
	}

	@Test
	void popupSignInShowsTheUserKeepsTheSessionOverAReloadAndSignOutEndsIt() throws IOException {
		this.driver.get(sample.baseUrl());
		signInWithPopupAs("alice");

		SimulatedUser alice = simulator.user("alice");
		this.wait.until(ExpectedConditions.textToBe(NICKNAME, alice.nickname()));
		assertThat(text(testId("user-id"))).isEqualTo("alice");
		assertThat(text(testId("user-address"))).isEqualTo(alice.contentAddress());
		assertThat(text(testId("user-transfers"))).isEqualTo(String.valueOf(alice.trCnt()));
		assertThat(this.driver.findElement(ERROR).isDisplayed()).isFalse();
		assertThat(this.driver.findElement(SIGN_IN_POPUP).isDisplayed()).isFalse();
		this.wait.until(ExpectedConditions.numberOfWindowsToBe(1));
		Files.write(SCREENSHOT, this.driver.getScreenshotAs(OutputType.BYTES));

		this.driver.navigate().refresh();
		this.wait.until(ExpectedConditions.textToBe(NICKNAME, alice.nickname()));
		assertThat(meStatus()).isEqualTo(200);

		this.wait.until(ExpectedConditions.elementToBeClickable(SIGN_OUT)).click();
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(SIGN_IN_POPUP));
		assertThat(this.driver.findElement(SIGN_IN_REDIRECT).isDisplayed()).isTrue();
		assertThat(this.driver.findElement(NICKNAME).isDisplayed()).isFalse();
		assertThat(this.driver.findElement(ERROR).isDisplayed()).isFalse();
		assertThat(meStatus()).isEqualTo(401);
		this.driver.navigate().refresh();
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(SIGN_IN_POPUP));
		assertThat(this.driver.findElement(NICKNAME).isDisplayed()).isFalse();
	}

	@Test
	void redirectSignInComesBackToTheFrontPageSignedIn() {
		this.driver.get(sample.baseUrl());
		this.wait.until(ExpectedConditions.elementToBeClickable(SIGN_IN_REDIRECT)).click();
		this.wait.until(ExpectedConditions.urlContains(simulator.baseUrl() + "/oauth/login?"));
		this.wait.until(ExpectedConditions.elementToBeClickable(By.id("user-bob"))).click();

		this.wait.until(ExpectedConditions.textToBe(NICKNAME, simulator.user("bob").nickname()));
		assertThat(this.driver.getCurrentUrl()).isEqualTo(sample.baseUrl() + "/");
		assertThat(text(testId("user-id"))).isEqualTo("bob");
		assertThat(this.driver.findElement(ERROR).isDisplayed()).isFalse();
		this.driver.navigate().refresh();
		this.wait.until(ExpectedConditions.textToBe(NICKNAME, simulator.user("bob").nickname()));
	}

	@Test
	void popupSignInWithAnExpiredTokenShowsAnErrorAPersonUnderstands() {
		simulator.behavior().expiredJwts(true);
		this.driver.get(sample.baseUrl());
		signInWithPopupAs("alice");

		WebElement error = this.wait.until(ExpectedConditions.visibilityOfElementLocated(ERROR));
		assertThat(error.getText()).containsIgnoringCase("expired").doesNotContain("HTTP", "undefined", "null");
		assertThat(this.driver.findElement(NICKNAME).isDisplayed()).isFalse();
		assertThat(this.driver.findElement(SIGN_IN_POPUP).isDisplayed()).isTrue();
		assertThat(meStatus()).isEqualTo(401);
	}

	@Test
	void redirectSignInCancelledShowsAnErrorAndCleansTheAddress() {
		this.driver.get(sample.baseUrl());
		this.wait.until(ExpectedConditions.elementToBeClickable(SIGN_IN_REDIRECT)).click();
		this.wait.until(ExpectedConditions.urlContains(simulator.baseUrl() + "/oauth/login?"));
		this.wait.until(ExpectedConditions.elementToBeClickable(By.id("cancel"))).click();

		WebElement error = this.wait.until(ExpectedConditions.visibilityOfElementLocated(ERROR));
		assertThat(error.getText()).containsIgnoringCase("cancelled");
		// ?error=authorize-rejected brought the message and is gone from the address bar
		this.wait.until(ExpectedConditions.urlToBe(sample.baseUrl() + "/"));
		assertThat(this.driver.findElement(SIGN_IN_POPUP).isDisplayed()).isTrue();
		assertThat(this.driver.findElement(NICKNAME).isDisplayed()).isFalse();
	}

	@Test
	void popupCancelledShowsAShortMessageAndNoError() {
		this.driver.get(sample.baseUrl());
		String page = openLoginPopup();
		this.wait.until(ExpectedConditions.elementToBeClickable(By.id("cancel"))).click();
		this.driver.switchTo().window(page);

		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(testId("status"), "cancelled"));
		assertThat(this.driver.findElement(ERROR).isDisplayed()).isFalse();
		assertThat(this.driver.findElement(SIGN_IN_POPUP).isDisplayed()).isTrue();
	}

	// clicks "Sign in with AltsCodex", picks the user in the popup and returns to the page
	private void signInWithPopupAs(String user) {
		String page = openLoginPopup();
		this.wait.until(ExpectedConditions.elementToBeClickable(By.id("user-" + user))).click();
		this.driver.switchTo().window(page);
	}

	// clicks "Sign in with AltsCodex" and switches to the popup
	private String openLoginPopup() {
		String page = this.driver.getWindowHandle();
		this.wait.until(ExpectedConditions.elementToBeClickable(SIGN_IN_POPUP)).click();
		this.wait.until(ExpectedConditions.numberOfWindowsToBe(2));
		String popup = this.driver.getWindowHandles()
			.stream()
			.filter((handle) -> !handle.equals(page))
			.findFirst()
			.orElseThrow();
		this.driver.switchTo().window(popup);
		assertThat(this.driver.getCurrentUrl()).startsWith(simulator.baseUrl() + "/oauth/login?");
		return page;
	}

	// what GET /me answers the page now, with the browser's cookies
	private long meStatus() {
		Object status = this.driver.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				fetch('/me', { headers: { Accept: 'application/json' } }).then((r) => done(r.status), () => done(-1));
				""");
		return ((Number) status).longValue();
	}

	private String text(By locator) {
		return this.driver.findElement(locator).getText();
	}

	private static By testId(String id) {
		return Chromium.testId(id);
	}

}
