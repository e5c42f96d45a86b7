package com.altscodex.spring.autoconfigure.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

import com.altscodex.deoauth.simulator.DeOAuthSimulator;
import com.altscodex.spring.autoconfigure.rbac.app.RbacTestApplication;
import com.altscodex.spring.autoconfigure.security.BrowserSession;
import com.altscodex.spring.testsupport.redis.RedisEndpoint;
import com.altscodex.spring.testsupport.redis.TestRedis;

/**
 * Several instances of one application on the starter, as separate Spring contexts on
 * distinct ports of this JVM, sharing one DeOAuth simulator, one Redis and one database
 * (an in-memory H2 of their own name), with {@code altscodex.pending.store=redis} and
 * Redis sessions: what runs behind a load balancer, without the load balancer. Each
 * instance has its own {@code redirect-uri}; the simulator's
 * {@code callbackTargets} sends a callback elsewhere.
 * <p>
 * The instances' keys and channels in Redis start with a prefix of their own (and Spring
 * Session's namespace too), so that tests sharing a Redis do not meet.
 */
public final class ClusterInstances implements AutoCloseable {

	/** The client id the instances sign in with. */
	public static final String CLIENT_ID = "cluster-tests";

	static final String CLIENT_SECRET = "client-secret-of-the-cluster-tests";

	private final DeOAuthSimulator simulator;

	private final RedisEndpoint redis;

	private final String keyPrefix;

	private final List<Instance> instances;

	private ClusterInstances(Builder builder) {
		this.simulator = builder.simulator;
		this.redis = (builder.redis != null) ? builder.redis : TestRedis.endpoint();
		this.keyPrefix = TestRedis.uniquePrefix("cluster");
		String database = "r2dbc:h2:mem:///cluster-" + UUID.randomUUID() + "?options=DB_CLOSE_DELAY=-1";
		List<Integer> ports = new ArrayList<>();
		for (int i = 0; i < builder.count; i++) {
			ports.add(freePort());
		}
		this.simulator.registerClient(CLIENT_ID, CLIENT_SECRET,
				ports.stream().map(ClusterInstances::redirectUri).toArray(String[]::new));
		for (String client : builder.clients) {
			this.simulator.registerClient(clientId(client), CLIENT_SECRET,
					ports.stream().map((port) -> redirectUri(port, client)).toArray(String[]::new));
		}
		this.instances = new ArrayList<>();
		for (int i = 0; i < builder.count; i++) {
			Map<String, Object> properties = new LinkedHashMap<>();
			properties.put("spring.autoconfigure.exclude", "");
			properties.put("server.port", ports.get(i));
			properties.put(DeOAuthSimulator.AUTH_SERVER_URL_PROPERTY, this.simulator.baseUrl());
			properties.put(DeOAuthSimulator.PLATFORM_URL_PROPERTY, this.simulator.baseUrl());
			properties.put("altscodex.client-id", CLIENT_ID);
			properties.put("altscodex.client-secret", CLIENT_SECRET);
			properties.put("altscodex.redirect-uri", redirectUri(ports.get(i)));
			properties.put("altscodex.pending.store", builder.store);
			properties.put("altscodex.pending.redis.key-prefix", this.keyPrefix);
			properties.put("altscodex.pending.redis.instance-id", "instance-" + (i + 1));
			// three applications, a simulator and the load share two cores here
			properties.put("altscodex.pending.redis.command-timeout", "10s");
			properties.put("spring.data.redis.url", this.redis.url());
			properties.put("spring.session.data.redis.namespace", this.keyPrefix + "session");
			properties.put("spring.r2dbc.url", database);
			properties.put("spring.application.name", "cluster-instance-" + (i + 1));
			for (String client : builder.clients) {
				properties.put("altscodex.clients." + client + ".client-id", clientId(client));
				properties.put("altscodex.clients." + client + ".client-secret", CLIENT_SECRET);
				properties.put("altscodex.clients." + client + ".redirect-uri", redirectUri(ports.get(i), client));
			}
			properties.putAll(builder.properties);
			this.instances.add(new Instance(i + 1, ports.get(i), builder.application, properties));
		}
		try {
			this.instances.forEach(Instance::start);
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
	}

	/**
	 * Starts describing instances that share a simulator.
	 * @param simulator the running simulator
	 * @return the builder
	 */
	public static Builder builder(DeOAuthSimulator simulator) {
		return new Builder(simulator);
	}

	/**
	 * An instance, from 1.
	 * @param number the instance's number
	 * @return the instance
	 */
	public Instance instance(int number) {
		return this.instances.get(number - 1);
	}

	/**
	 * Every instance, in order.
	 */
	public List<Instance> all() {
		return List.copyOf(this.instances);
	}

	/**
	 * The prefix of the instances' keys, channels and sessions in Redis.
	 */
	public String keyPrefix() {
		return this.keyPrefix;
	}

	/**
	 * The Redis the instances share.
	 */
	public RedisEndpoint redis() {
		return this.redis;
	}

	@Override
	public void close() {
		for (Instance instance : this.instances) {
			instance.stop();
		}
	}

	static String redirectUri(int port) {
		return "http://127.0.0.1:" + port + "/getinfo";
	}

	/**
	 * The callback endpoint of a named client on an instance's port.
	 * @param port the instance's port
	 * @param client the client's name
	 * @return the redirect URI
	 */
	public static String redirectUri(int port, String client) {
		return "http://127.0.0.1:" + port + "/callback/" + client;
	}

	/**
	 * The client id of a named client, as the simulator knows it.
	 * @param client the client's name
	 * @return its client id
	 */
	public static String clientId(String client) {
		return CLIENT_ID + "-" + client;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * One instance: its port, its context while it runs.
	 */
	public static final class Instance {

		private final int number;

		private final int port;

		private final Class<?> application;

		private final Map<String, Object> properties;

		private volatile ConfigurableApplicationContext context;

		Instance(int number, int port, Class<?> application, Map<String, Object> properties) {
			this.number = number;
			this.port = port;
			this.application = application;
			this.properties = properties;
		}

		/** The instance's number, from 1. */
		public int number() {
			return this.number;
		}

		public int port() {
			return this.port;
		}

		public String baseUrl() {
			return "http://127.0.0.1:" + this.port;
		}

		/** The instance's own callback endpoint. */
		public String redirectUri() {
			return ClusterInstances.redirectUri(this.port);
		}

		/** A browser talking to this instance. */
		public BrowserSession browser() {
			return new BrowserSession(baseUrl());
		}

		public ConfigurableApplicationContext context() {
			ConfigurableApplicationContext running = this.context;
			if (running == null) {
				throw new IllegalStateException("Instance " + this.number + " is not running");
			}
			return running;
		}

		public <T> T bean(Class<T> type) {
			return context().getBean(type);
		}

		public boolean isRunning() {
			ConfigurableApplicationContext running = this.context;
			return running != null && running.isActive();
		}

		/** Starts the instance, on its port. */
		public synchronized void start() {
			if (isRunning()) {
				return;
			}
			// as arguments, over the module's test application.properties
			String[] arguments = this.properties.entrySet()
				.stream()
				.map((property) -> "--" + property.getKey() + "=" + property.getValue())
				.toArray(String[]::new);
			this.context = new SpringApplicationBuilder(this.application).web(WebApplicationType.REACTIVE)
				.initializers(Instance::ownNettyResources)
				.run(arguments);
		}

		/*
		 * Instances in one JVM would share Reactor Netty's global event loops and pools,
		 * which the first instance to stop disposes of, under the others' feet; separate
		 * processes each have their own.
		 */
		private static void ownNettyResources(ConfigurableApplicationContext context) {
			((GenericApplicationContext) context).registerBean(ReactorResourceFactory.class, () -> {
				ReactorResourceFactory resources = new ReactorResourceFactory();
				resources.setUseGlobalResources(false);
				return resources;
			});
		}

		/** Stops the instance, as a shutdown does. */
		public synchronized void stop() {
			ConfigurableApplicationContext running = this.context;
			this.context = null;
			if (running != null) {
				SpringApplication.exit(running);
			}
		}

		@Override
		public String toString() {
			return "Instance " + this.number + " (" + baseUrl() + ")";
		}

	}

	/**
	 * Describes the instances.
	 */
	public static final class Builder {

		private final DeOAuthSimulator simulator;

		private int count = 3;

		private RedisEndpoint redis;

		private String store = "redis";

		private Class<?> application = RbacTestApplication.class;

		private final Map<String, Object> properties = new LinkedHashMap<>();

		private final List<String> clients = new ArrayList<>();

		Builder(DeOAuthSimulator simulator) {
			this.simulator = simulator;
		}

		/** How many instances (3 unless told). */
		public Builder instances(int count) {
			this.count = count;
			return this;
		}

		/** The Redis to share; the shared test server unless told (see {@link TestRedis}). */
		public Builder redis(RedisEndpoint redis) {
			this.redis = redis;
			return this;
		}

		/** {@code altscodex.pending.store}: {@code redis} unless told. */
		public Builder store(String store) {
			this.store = store;
			return this;
		}

		/** The application class; the RBAC test application unless told. */
		public Builder application(Class<?> application) {
			this.application = application;
			return this;
		}

		/**
		 * One more client, {@code altscodex.clients.<name>}, on every instance, its
		 * callback on {@code /callback/<name>}.
		 */
		public Builder client(String name) {
			this.clients.add(name);
			return this;
		}

		/** A property of every instance, over the defaults. */
		public Builder property(String name, Object value) {
			this.properties.put(name, value);
			return this;
		}

		public ClusterInstances start() {
			return new ClusterInstances(this);
		}

	}

}
