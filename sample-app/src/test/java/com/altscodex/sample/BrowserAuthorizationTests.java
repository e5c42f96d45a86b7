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
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.altscodex.deoauth.simulator.DeOAuthSimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;

/**
 * Roles, reports, access tokens and the admin page in a real Chromium, as the demo users
 * see them: bob (a reader) creates a token, which a script then uses from outside the
 * browser until he revokes it in the page; alice (an admin) opens the admin page, whose
 * audit log shows the seeding, and creates a role there; carol (no role) is told what
 * she lacks. Same browser set-up as {@link BrowserSignInTests} ({@link Chromium}); the
 * sample runs as shipped, one for the class, on an in-memory database of its own.
 */
class BrowserAuthorizationTests {

	private static final Path TOKENS_SCREENSHOT = Path.of("/tmp/sample-tokens.png");

	private static final Path ADMIN_SCREENSHOT = Path.of("/tmp/sample-admin.png");

	private static final By ROLES = Chromium.testId("roles");

	private static final By TOKEN_VALUE = Chromium.testId("token-value");

	private static final By TOKEN_ROW = Chromium.testId("token-row");

	private static final By ADMIN_LINK = Chromium.testId("admin-link");

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
		Chromium.require(BrowserAuthorizationTests.class);
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
	void bobCreatesATokenAScriptUsesItAndOnceRevokedInThePageItIsRefused() throws IOException {
		signInAs("bob");
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(ROLES, "reader"));
		assertThat(text(Chromium.testId("permission-list"))).isEqualTo("reports:read");
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(Chromium.testId("reports-table")));
		assertThat(this.driver.findElement(ADMIN_LINK).isDisplayed()).isFalse();

		this.driver.findElement(Chromium.testId("token-name")).sendKeys("nightly export");
		this.driver.findElement(By.cssSelector("[data-testid='token-scope'][value='reports:read']")).click();
		this.driver.findElement(Chromium.testId("token-create")).click();

		String token = this.wait.until(ExpectedConditions.visibilityOfElementLocated(TOKEN_VALUE)).getText();
		assertThat(token).startsWith("altscodex_pat_");
		assertThat(text(Chromium.testId("token-created"))).contains("not shown again");
		assertThat(text(Chromium.testId("curl-example")))
			.isEqualTo("curl -H \"Authorization: Bearer " + token + "\" " + sample.baseUrl() + "/api/reports");
		this.wait.until(ExpectedConditions.numberOfElementsToBe(TOKEN_ROW, 1));
		assertThat(text(TOKEN_ROW)).contains("nightly export", "reports:read").doesNotContain(token);
		this.driver.findElement(Chromium.testId("token-copy")).click();
		this.wait.until(ExpectedConditions.textToBe(Chromium.testId("token-copy"), "Copied"));
		screenshot(TOKENS_SCREENSHOT);

		reportsWith(token).expectStatus().isOk().expectBody().jsonPath("$.reports.length()").isEqualTo(4);

		this.driver.findElement(Chromium.testId("token-revoke")).click();
		this.wait.until(ExpectedConditions.numberOfElementsToBe(TOKEN_ROW, 0));
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(Chromium.testId("token-status"), "revoked"));
		assertThat(this.driver.findElement(TOKEN_VALUE).isDisplayed()).isFalse();
		assertThat(this.driver.findElement(Chromium.testId("token-empty")).isDisplayed()).isTrue();

		reportsWith(token).expectStatus()
			.isEqualTo(HttpStatus.UNAUTHORIZED)
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type").value(endsWith("/invalid-token"));
	}

	@Test
	void aliceOpensTheAdminPageSeesTheSeedingInTheAuditLogAndCreatesARole() throws IOException {
		signInAs("alice");
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(ROLES, "admin"));
		assertThat(text(ROLES)).contains("reader", "*");

		this.wait.until(ExpectedConditions.elementToBeClickable(ADMIN_LINK)).click();
		this.wait.until(ExpectedConditions.urlToBe(sample.baseUrl() + "/admin.html"));
		WebElement audit = this.wait.until(ExpectedConditions.visibilityOfElementLocated(Chromium.testId("audit-log")));
		assertThat(audit.getText()).contains("gave alice the role admin", "gave bob the role reader",
				"granted * to the role admin", "made the role admin include reader", "system");
		assertThat(this.driver.findElements(Chromium.testId("user-row"))).extracting(WebElement::getText)
			.anySatisfy((row) -> assertThat(row).contains("Bob", "reader"))
			.anySatisfy((row) -> assertThat(row).contains("Carol", "no role"));

		this.driver.findElement(Chromium.testId("role-name")).sendKeys("auditor");
		this.driver.findElement(Chromium.testId("role-description")).sendKeys("Reads the audit log");
		this.driver.findElement(Chromium.testId("role-create")).click();

		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-role='auditor']")));
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(Chromium.testId("audit-log"),
				"created the role auditor"));
		assertThat(this.driver.findElement(Chromium.testId("audit-row")).getText()).contains("alice",
				"created the role auditor");
		assertThat(this.driver.findElement(Chromium.testId("admin-error")).isDisplayed()).isFalse();
		screenshot(ADMIN_SCREENSHOT);
	}

	@Test
	void carolIsToldSheNeedsReportsReadAndTheAdminPageIsClosedToHer() {
		signInAs("carol");
		WebElement denied = this.wait
			.until(ExpectedConditions.visibilityOfElementLocated(Chromium.testId("reports-denied")));
		assertThat(denied.getText()).contains("reports:read", "reader").doesNotContain("403", "undefined");
		assertThat(text(ROLES)).contains("no role yet");
		assertThat(this.driver.findElement(Chromium.testId("token-create")).isEnabled()).isFalse();
		assertThat(this.driver.findElement(ADMIN_LINK).isDisplayed()).isFalse();

		this.driver.get(sample.baseUrl() + "/admin.html");
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(Chromium.testId("admin-denied")));
		assertThat(this.driver.findElement(Chromium.testId("audit-log")).isDisplayed()).isFalse();
	}

	// signs in in the same window: the login page, then back to the front page
	private void signInAs(String user) {
		this.driver.get(sample.baseUrl());
		this.wait.until(ExpectedConditions.elementToBeClickable(Chromium.testId("sign-in-redirect"))).click();
		this.wait.until(ExpectedConditions.urlContains(simulator.baseUrl() + "/oauth/login?"));
		this.wait.until(ExpectedConditions.elementToBeClickable(By.id("user-" + user))).click();
		this.wait.until(ExpectedConditions.textToBe(Chromium.testId("user-id"), user));
	}

	// GET /api/reports as a script would: a plain client, no cookie, the token only
	private static WebTestClient.ResponseSpec reportsWith(String token) {
		return sample.webTestClient()
			.get()
			.uri("/api/reports")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange();
	}

	// the whole page, for a person to look at: the window grows to the page's height first
	private void screenshot(Path file) throws IOException {
		Dimension window = this.driver.manage().window().getSize();
		Number height = (Number) this.driver.executeScript("return document.documentElement.scrollHeight");
		this.driver.manage().window().setSize(new Dimension(window.getWidth(), height.intValue() + 140));
		Files.write(file, this.driver.getScreenshotAs(OutputType.BYTES));
		this.driver.manage().window().setSize(window);
	}

	private String text(By locator) {
		return this.driver.findElement(locator).getText();
	}

}
