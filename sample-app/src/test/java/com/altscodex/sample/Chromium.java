package com.altscodex.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import org.springframework.util.FileSystemUtils;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * A headless Chromium for the browser tests: Debian's {@code chromium} and
 * {@code chromedriver}, nothing downloaded, with a fresh profile in a temporary
 * directory that {@link #close()} deletes, so that no cookie carries over from one test
 * to the next.
 */
final class Chromium implements AutoCloseable {

	static final Path BINARY = Path.of("/usr/bin/chromium");

	static final Path DRIVER = Path.of("/usr/bin/chromedriver");

	private final Path directory;

	private final ChromeDriverService service;

	private final ChromeDriver driver;

	private Chromium(Path directory, ChromeDriverService service, ChromeDriver driver) {
		this.directory = directory;
		this.service = service;
		this.driver = driver;
	}

	static boolean installed() {
		return Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
	}

	/**
	 * Skips the calling test when Chromium is not installed, or fails it when
	 * {@code CI=true}. Call it from {@code @BeforeEach} rather than {@code @BeforeAll},
	 * so that a skip shows in the test counts.
	 * @param testClass the browser test
	 */
	static void require(Class<?> testClass) {
		if (installed()) {
			return;
		}
		String message = "Browser test needs " + BINARY + " and " + DRIVER
				+ ": install them with 'apt-get install -y chromium chromium-driver'";
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			fail(message);
		}
		System.err.println("!!! SKIPPING " + testClass.getSimpleName() + ": " + message + " !!!");
		abort(message);
	}

	/**
	 * Starts a browser with a new profile.
	 * @return the browser
	 * @throws IOException if its temporary directory cannot be made
	 */
	static Chromium start() throws IOException {
		// Chromium's profile and its temporary files, deleted on close
		Path directory = Files.createTempDirectory("sample-chromium-");
		Path temporaryFiles = Files.createDirectory(directory.resolve("tmp"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
			.usingAnyFreePort()
			.withEnvironment(Map.of("TMPDIR", temporaryFiles.toString()))
			.build();
		ChromeOptions options = new ChromeOptions().setBinary(BINARY.toFile())
			.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--no-first-run", "--window-size=1100,760", "--user-data-dir=" + directory.resolve("profile"));
		try {
			return new Chromium(directory, service, new ChromeDriver(service, options));
		}
		catch (RuntimeException ex) {
			service.stop();
			FileSystemUtils.deleteRecursively(directory.toFile());
			throw ex;
		}
	}

	ChromeDriver driver() {
		return this.driver;
	}

	static By testId(String id) {
		return By.cssSelector("[data-testid='" + id + "']");
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			this.service.stop();
			FileSystemUtils.deleteRecursively(this.directory.toFile());
		}
	}

}
