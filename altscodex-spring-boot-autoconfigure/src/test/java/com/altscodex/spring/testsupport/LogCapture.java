package com.altscodex.spring.testsupport;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

/**
 * Keeps every log line in memory instead of printing it, for tests that log too much
 * at TRACE to print (a burst of logins). Started once the application has configured
 * Logback; closing it gives the console back.
 */
public final class LogCapture implements AutoCloseable {

	private static final String PATTERN = "%d %5p [%t] %c : %m%n%ex";

	private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

	private final Queue<String> lines = new ConcurrentLinkedQueue<>();

	private final AppenderBase<ILoggingEvent> appender;

	private final Appender<ILoggingEvent> console;

	private LogCapture() {
		PatternLayout layout = new PatternLayout();
		layout.setContext(this.root.getLoggerContext());
		layout.setPattern(PATTERN);
		layout.start();
		this.appender = new AppenderBase<>() {

			@Override
			protected void append(ILoggingEvent event) {
				LogCapture.this.lines.add(layout.doLayout(event));
			}

		};
		this.appender.setContext(this.root.getLoggerContext());
		this.appender.start();
		this.console = this.root.getAppender("CONSOLE");
		this.root.addAppender(this.appender);
		if (this.console != null) {
			this.root.detachAppender(this.console);
		}
	}

	/**
	 * Starts capturing, with Spring Boot's console appender detached.
	 * @return the capture
	 */
	public static LogCapture insteadOfConsole() {
		return new LogCapture();
	}

	/**
	 * Everything logged since the capture started.
	 */
	public String text() {
		return String.join("", this.lines);
	}

	@Override
	public void close() {
		if (this.console != null) {
			this.root.addAppender(this.console);
		}
		this.root.detachAppender(this.appender);
		this.appender.stop();
	}

}
