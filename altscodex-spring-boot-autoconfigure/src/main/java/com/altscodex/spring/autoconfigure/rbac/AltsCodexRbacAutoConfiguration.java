package com.altscodex.spring.autoconfigure.rbac;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.r2dbc.spi.ConnectionFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.r2dbc.EmbeddedDatabaseConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.connection.init.ConnectionFactoryInitializer;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.access.expression.method.DefaultMethodSecurityExpressionHandler;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import com.altscodex.spring.autoconfigure.redis.AltsCodexStores;
import com.altscodex.spring.autoconfigure.redis.RedisStoreUnavailableException;
import com.altscodex.spring.autoconfigure.security.AltsCodexSecurityAutoConfiguration;
import com.altscodex.spring.pat.CachingPersonalAccessTokenService;
import com.altscodex.spring.pat.PersonalAccessTokenConfigurer;
import com.altscodex.spring.pat.PersonalAccessTokenReactiveAuthenticationManager;
import com.altscodex.spring.pat.ReactivePersonalAccessTokenService;
import com.altscodex.spring.pat.r2dbc.R2dbcPersonalAccessTokenService;
import com.altscodex.spring.pat.web.PersonalAccessTokenRoutes;
import com.altscodex.spring.rbac.CachingReactiveRoleService;
import com.altscodex.spring.rbac.PermissionAuthorizationManagerFactory;
import com.altscodex.spring.rbac.RbacSeeder;
import com.altscodex.spring.rbac.ReactiveRoleService;
import com.altscodex.spring.rbac.RoleSeed;
import com.altscodex.spring.rbac.r2dbc.R2dbcRoleService;
import com.altscodex.spring.rbac.web.RbacAdminRoutes;
import com.altscodex.spring.security.ServerAltsCodexProblemWriter;
import com.altscodex.spring.security.ratelimit.InMemorySignInRateLimiter;
import com.altscodex.spring.web.ServerJsonBodyReader;

/**
 * Auto-configures roles, permissions and personal access tokens on the application's
 * R2DBC {@link ConnectionFactory} (Spring Boot's in-memory H2 when it names no
 * database): the stores behind short caches, their tables, the roles declared under
 * {@code altscodex.rbac.roles}, wildcard-aware {@code hasAuthority} for
 * {@code @PreAuthorize}, token authentication on the chains {@code AltsCodexLoginConfigurer}
 * configures, and, when enabled, the endpoints that manage tokens and roles.
 */
@AutoConfiguration(afterName = "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
		after = AltsCodexSecurityAutoConfiguration.class)
@ConditionalOnClass({ DatabaseClient.class, ConnectionFactory.class, Caffeine.class, GrantedAuthority.class,
		EmbeddedDatabaseConnection.class })
@ConditionalOnBean(ConnectionFactory.class)
@ConditionalOnBooleanProperty(name = "altscodex.rbac.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ AltsCodexStoreProperties.class, AltsCodexRbacProperties.class,
		AltsCodexPatProperties.class })
public final class AltsCodexRbacAutoConfiguration {

	private static final Log logger = LogFactory.getLog(AltsCodexRbacAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	AltsCodexStoreSchemaInitializer altsCodexStoreSchemaInitializer(ConnectionFactory connectionFactory,
			AltsCodexStoreProperties properties) {
		return new AltsCodexStoreSchemaInitializer(connectionFactory, properties.getInitializeSchema());
	}

	@Bean
	@ConditionalOnMissingBean(ReactiveRoleService.class)
	CachingReactiveRoleService altsCodexRoleService(ConnectionFactory connectionFactory,
			AltsCodexRbacProperties properties, Environment environment) {
		warnWhenInMemory(connectionFactory, environment);
		ConnectionFactory database = BoundedElasticConnectionFactory.forStores(connectionFactory);
		R2dbcRoleService store = new R2dbcRoleService(DatabaseClient.create(database),
				new R2dbcTransactionManager(database));
		return new CachingReactiveRoleService(store, properties.getCache().getTimeToLive(),
				properties.getCache().getMaximumSize());
	}

	// Spring's initializer runs the seeding once the tables exist, and fails start-up if it fails
	@Bean
	@ConditionalOnMissingBean(name = "altsCodexRbacSeedInitializer")
	ConnectionFactoryInitializer altsCodexRbacSeedInitializer(ConnectionFactory connectionFactory,
			ReactiveRoleService roleService, AltsCodexRbacProperties properties,
			ObjectProvider<AltsCodexStoreSchemaInitializer> schemaInitializer) {
		// asked for so that it is made, and the tables created, before the seeding runs
		schemaInitializer.getIfAvailable();
		List<RoleSeed> seeds = seeds(properties);
		RbacSeeder seeder = new RbacSeeder(roleService);
		ConnectionFactoryInitializer initializer = new ConnectionFactoryInitializer();
		initializer.setConnectionFactory(BoundedElasticConnectionFactory.forStores(connectionFactory));
		initializer.setEnabled(!seeds.isEmpty());
		initializer.setDatabasePopulator((connection) -> seeder.seed(seeds));
		return initializer;
	}

	static List<RoleSeed> seeds(AltsCodexRbacProperties properties) {
		Map<String, RoleSeed> seeds = new LinkedHashMap<>();
		properties.getRoles()
			.forEach((name, role) -> seeds.put(name, new RoleSeed(name, role.getDescription(), role.getPermissions(),
					role.getIncludes(), properties.getBootstrap().getOrDefault(name, List.of()))));
		properties.getBootstrap().forEach((name, slotIds) -> seeds.computeIfAbsent(name,
				(missing) -> new RoleSeed(name, null, List.of(), List.of(), slotIds)));
		return new ArrayList<>(seeds.values());
	}

	private static void warnWhenInMemory(ConnectionFactory connectionFactory, Environment environment) {
		String url = environment.getProperty("spring.r2dbc.url");
		if (EmbeddedDatabaseConnection.isEmbedded(connectionFactory) && (url == null || url.contains(":mem:"))) {
			logger.warn("AltsCodex keeps roles, grants and personal access tokens in an in-memory database: they "
					+ "will not survive a restart. Set 'spring.r2dbc.url' to a database that keeps them, such as "
					+ "r2dbc:postgresql://host/db or r2dbc:h2:file:///./data/app.");
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(DefaultMethodSecurityExpressionHandler.class)
	static class MethodSecurityConfiguration {

		// static and infrastructure, as Spring Security declares its own: method security
		// reads it while its interceptors are made, before most beans exist
		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		@Conditional(OnNoMethodSecurityExpressionHandlerCondition.class)
		static DefaultMethodSecurityExpressionHandler altsCodexMethodSecurityExpressionHandler() {
			DefaultMethodSecurityExpressionHandler handler = new DefaultMethodSecurityExpressionHandler();
			handler.setAuthorizationManagerFactory(new PermissionAuthorizationManagerFactory<>());
			return handler;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "altscodex.pat.enabled", matchIfMissing = true)
	static class PersonalAccessTokenConfiguration {

		private static final String FAILURE_RATE_LIMIT_STORE = "altscodex.pat.failure-rate-limit.store";

		@Bean
		@ConditionalOnMissingBean(ReactivePersonalAccessTokenService.class)
		CachingPersonalAccessTokenService altsCodexPersonalAccessTokenService(ConnectionFactory connectionFactory,
				AltsCodexPatProperties properties) {
			ConnectionFactory database = BoundedElasticConnectionFactory.forStores(connectionFactory);
			R2dbcPersonalAccessTokenService store = new R2dbcPersonalAccessTokenService(
					DatabaseClient.create(database), new R2dbcTransactionManager(database));
			store.setMaxTokensPerOwner(properties.getMaxTokensPerUser());
			store.setLastUsedInterval(properties.getLastUsedInterval());
			return new CachingPersonalAccessTokenService(store, properties.getCache().getTimeToLive(),
					properties.getCache().getMaximumSize());
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
		@ConditionalOnClass({ ServerHttpSecurity.class, Bucket.class })
		@ConditionalOnBean(ServerAltsCodexProblemWriter.class)
		PersonalAccessTokenConfigurer altsCodexPersonalAccessTokenConfigurer(
				ReactivePersonalAccessTokenService tokenService, ReactiveRoleService roleService,
				ServerAltsCodexProblemWriter writer, AltsCodexPatProperties properties,
				ObjectProvider<PersonalAccessTokenFailureLimiter> failureLimiter, Environment environment) {
			PersonalAccessTokenConfigurer configurer = new PersonalAccessTokenConfigurer(
					new PersonalAccessTokenReactiveAuthenticationManager(tokenService, roleService), writer);
			AltsCodexPatProperties.FailureRateLimit limit = properties.getFailureRateLimit();
			if (limit.isEnabled()) {
				configurer.setFailureLimiter(failureLimiter.getIfAvailable(() -> {
					if (AltsCodexStores.isRedis(environment, FAILURE_RATE_LIMIT_STORE)) {
						throw new RedisStoreUnavailableException(FAILURE_RATE_LIMIT_STORE,
								"the limit of invalid personal access tokens", "com.bucket4j:bucket4j_jdk17-lettuce");
					}
					return new PersonalAccessTokenFailureLimiter(new InMemorySignInRateLimiter(limit.getCapacity(),
							limit.getRefillTokens(), limit.getRefillPeriod(), limit.getMaxClients()));
				}).limiter());
			}
			return configurer;
		}

		@Bean
		@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
		@ConditionalOnBooleanProperty("altscodex.pat.api.enabled")
		RouterFunction<ServerResponse> altsCodexPersonalAccessTokenRoutes(ReactivePersonalAccessTokenService tokenService,
				ReactiveRoleService roleService, ObjectProvider<JsonMapper> jsonMapper, AltsCodexPatProperties properties) {
			return new PersonalAccessTokenRoutes(tokenService, roleService,
					new ServerJsonBodyReader(jsonMapper.getIfAvailable(JsonMapper::shared)))
				.routes(properties.getApi().getPath());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnBooleanProperty("altscodex.rbac.api.enabled")
	static class AdminApiConfiguration {

		@Bean
		RouterFunction<ServerResponse> altsCodexRbacAdminRoutes(ReactiveRoleService roleService,
				ObjectProvider<JsonMapper> jsonMapper, AltsCodexRbacProperties properties) {
			return new RbacAdminRoutes(roleService,
					new ServerJsonBodyReader(jsonMapper.getIfAvailable(JsonMapper::shared)),
					properties.getApi().getPermission())
				.routes(properties.getApi().getPath());
		}

	}

}
