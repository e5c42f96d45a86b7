package com.altscodex.spring.testsupport.r2dbc;

import java.util.concurrent.atomic.AtomicInteger;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * A connection factory that counts the connections asked of it, to prove that some path
 * never reaches the database. It counts subscriptions to {@link #create()}, so a
 * connection asked for and not used counts too.
 */
public final class CountingConnectionFactory implements ConnectionFactory {

	private final ConnectionFactory delegate;

	private final AtomicInteger connections = new AtomicInteger();

	public CountingConnectionFactory(ConnectionFactory delegate) {
		this.delegate = delegate;
	}

	@Override
	public Publisher<? extends Connection> create() {
		return Mono.defer(() -> {
			this.connections.incrementAndGet();
			return Mono.from(this.delegate.create());
		});
	}

	@Override
	public ConnectionFactoryMetadata getMetadata() {
		return this.delegate.getMetadata();
	}

	/**
	 * How many connections were asked for so far.
	 */
	public int connections() {
		return this.connections.get();
	}

}
