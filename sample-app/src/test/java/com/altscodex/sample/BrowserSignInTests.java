package com.altscodex.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.util.FileSystemUtils;

import com.altscodex.deoauth.simulator.DeOAuthSimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * The whole popup flow in a real Chromium: front page, AltsCodex login popup (the
 * simulator's), {@code postMessage} back to the page, {@code POST /login}, signed-in
 * user on screen. Uses Debian's {@code chromium} and {@code chromedriver}; nothing is
 * downloaded.
 */
class BrowserSignInTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Path SCREENSHOT = Path.of("/tmp/sample-signed-in.png");

	private RunningSample sample;

	private Path browserDirectory;

	private ChromeDriverService driverService;

	private ChromeDriver driver;

	@BeforeEach
	void startSampleAndBrowser() throws IOException {
		requireChromium();
		this.sample = RunningSample.start();
		// Chromium's profile and its temporary files, deleted afterwards
		this.browserDirectory = Files.createTempDirectory("sample-chromium-");
		Path temporaryFiles = Files.createDirectory(this.browserDirectory.resolve("tmp"));
		this.driverService = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.withEnvironment(Map.of("TMPDIR", temporaryFiles.toString()))
			.build();
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--no-first-run", "--window-size=1000,760",
					"--user-data-dir=" + this.browserDirectory.resolve("profile"));
		this.driver = new ChromeDriver(this.driverService, options);
	}

	@AfterEach
	void stopBrowserAndSample() throws IOException {
		try {
			if (this.driver != null) {
				this.driver.quit();
			}
			if (this.driverService != null) {
				this.driverService.stop();
			}
			FileSystemUtils.deleteRecursively(this.browserDirectory);
		}
		finally {
			if (this.sample != null) {
				this.sample.close();
			}
		}
	}

	@Test
	void signInWithLoginPopupShowsSignedInUser() throws IOException {
		DeOAuthSimulator simulator = this.sample.simulator();
		WebDriverWait wait = new WebDriverWait(this.driver, Duration.ofSeconds(20));
		this.driver.get(this.sample.baseUrl());
		String page = this.driver.getWindowHandle();

		wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in"))).click();
		wait.until(ExpectedConditions.numberOfWindowsToBe(2));
		String popup = this.driver.getWindowHandles().stream().filter((handle) -> !handle.equals(page)).findFirst()
			.orElseThrow();
		this.driver.switchTo().window(popup);
		assertThat(this.driver.getCurrentUrl()).startsWith(simulator.baseUrl() + "/oauth/login?");
		wait.until(ExpectedConditions.elementToBeClickable(By.id("user-alice"))).click();

		this.driver.switchTo().window(page);
		wait.until(ExpectedConditions.textToBe(By.id("user-nickname"), simulator.user("alice").nickname()));
		assertThat(this.driver.findElement(By.id("user-id")).getText()).isEqualTo("alice");
		assertThat(this.driver.findElement(By.id("error")).isDisplayed()).isFalse();
		wait.until(ExpectedConditions.numberOfWindowsToBe(1));

		Files.write(SCREENSHOT, this.driver.getScreenshotAs(OutputType.BYTES));
	}

	// called from @BeforeEach rather than @BeforeAll, so that a skip shows in the test counts
	private static void requireChromium() {
		if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
			return;
		}
		String message = "Browser test needs " + CHROMIUM + " and " + CHROMEDRIVER
				+ ": install them with 'apt-get install -y chromium chromium-driver'";
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			fail(message);
		}
		System.err.println("!!! SKIPPING " + BrowserSignInTests.class.getSimpleName() + ": " + message + " !!!");
		abort(message);
	}

}
