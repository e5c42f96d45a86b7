package com.altscodex.spring.autoconfigure.rbac;

import java.util.Locale;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Hands out a database's connections on Reactor's {@code boundedElastic} scheduler, for
 * a driver that does its work on the thread that asks, as H2's does: it is a database in
 * this JVM, not a server, and it reads files, seeds random numbers and takes locks on
 * that thread. What the stores do with a connection they got here runs there too, never
 * on an event loop. Drivers of servers (PostgreSQL, MariaDB) are non-blocking and are
 * not wrapped.
 */
final class BoundedElasticConnectionFactory implements ConnectionFactory {

	private final ConnectionFactory delegate;

	BoundedElasticConnectionFactory(ConnectionFactory delegate) {
		this.delegate = delegate;
	}

	@Override
	public Publisher<? extends Connection> create() {
		return Mono.from(this.delegate.create()).publishOn(Schedulers.boundedElastic());
	}

	@Override
	public ConnectionFactoryMetadata getMetadata() {
		return this.delegate.getMetadata();
	}

	/**
	 * The connection factory the stores should use for a database.
	 * @param connectionFactory the application's
	 * @return it, or for H2 it handed out on {@code boundedElastic}
	 */
	static ConnectionFactory forStores(ConnectionFactory connectionFactory) {
		String name = connectionFactory.getMetadata().getName();
		return name.toLowerCase(Locale.ROOT).contains("h2")
				? new BoundedElasticConnectionFactory(connectionFactory) : connectionFactory;
	}

}
