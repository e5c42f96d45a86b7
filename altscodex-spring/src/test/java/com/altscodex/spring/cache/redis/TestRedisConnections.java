package com.altscodex.spring.cache.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.DefaultClientResources;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.ReactiveSubscription.Message;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;

import com.altscodex.spring.testsupport.redis.RedisEndpoint;

/**
 * Lettuce connections of a test to real Redis servers, closed with it: connection
 * factories as an application has them (reconnecting by themselves, but after a short
 * constant delay so that a test restarting Redis need not wait long), subscribers of the
 * test's own that read a channel's raw messages, and the warnings of a logger.
 */
public final class TestRedisConnections implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final ClientResources resources = DefaultClientResources.builder()
		.reconnectDelay(Delay.constant(Duration.ofMillis(100)))
		.build();

	private final List<LettuceConnectionFactory> factories = new CopyOnWriteArrayList<>();

	private final List<ReactiveRedisMessageListenerContainer> containers = new CopyOnWriteArrayList<>();

	private final List<Disposable> subscriptions = new CopyOnWriteArrayList<>();

	private final List<Runnable> detach = new CopyOnWriteArrayList<>();

	/**
	 * A connection factory of a server, started.
	 * @param endpoint the server
	 * @return the factory
	 */
	public LettuceConnectionFactory connect(RedisEndpoint endpoint) {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(endpoint.host(), endpoint.port()),
				LettuceClientConfiguration.builder().clientResources(this.resources).commandTimeout(TIMEOUT).build());
		factory.afterPropertiesSet();
		factory.start();
		this.factories.add(factory);
		return factory;
	}

	/**
	 * Reads a channel's messages, as they arrive, from a subscription of the test's own.
	 * @param endpoint the server
	 * @param channel the channel
	 * @return the messages' bodies so far, growing; the subscription is in place when
	 * this returns
	 */
	public List<String> listen(RedisEndpoint endpoint, String channel) {
		ReactiveRedisMessageListenerContainer container = new ReactiveRedisMessageListenerContainer(connect(endpoint));
		this.containers.add(container);
		List<String> messages = new CopyOnWriteArrayList<>();
		Flux<Message<String, String>> received = container.receiveLater(ChannelTopic.of(channel)).block(TIMEOUT);
		this.subscriptions.add(received.subscribe((message) -> messages.add(message.getMessage())));
		return messages;
	}

	/**
	 * Records what a logger logs at WARN and above until the test ends.
	 * @param type the logger's class
	 * @return the messages so far, growing, with their exceptions' text
	 */
	public List<String> warnings(Class<?> type) {
		Logger logger = (Logger) LoggerFactory.getLogger(type);
		ListAppender<ILoggingEvent> appender = new ListAppender<>() {

			@Override
			protected void append(ILoggingEvent event) {
				if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
					super.append(event);
				}
			}

		};
		appender.start();
		logger.addAppender(appender);
		this.detach.add(() -> logger.detachAppender(appender));
		return new Warnings(appender);
	}

	@Override
	public void close() {
		this.detach.forEach(Runnable::run);
		this.subscriptions.forEach(Disposable::dispose);
		this.containers.forEach((container) -> container.destroyLater().onErrorComplete().block(TIMEOUT));
		this.factories.forEach(LettuceConnectionFactory::destroy);
		this.resources.shutdown(0, 2, TimeUnit.SECONDS);
	}

	private static final class Warnings extends java.util.AbstractList<String> {

		private final ListAppender<ILoggingEvent> appender;

		Warnings(ListAppender<ILoggingEvent> appender) {
			this.appender = appender;
		}

		@Override
		public String get(int index) {
			ILoggingEvent event = snapshot().get(index);
			return event.getFormattedMessage()
					+ ((event.getThrowableProxy() != null) ? " " + event.getThrowableProxy().getMessage() : "");
		}

		@Override
		public int size() {
			return snapshot().size();
		}

		private List<ILoggingEvent> snapshot() {
			synchronized (this.appender) {
				return new ArrayList<>(this.appender.list);
			}
		}

	}

}
