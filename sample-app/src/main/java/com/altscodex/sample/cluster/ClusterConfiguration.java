package com.altscodex.sample.cluster;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.SessionIdGenerator;

/**
 * What the {@code cluster} profile's sessions in Redis need beyond Spring Boot's
 * defaults. In the default profile, which leaves Spring Session out, nothing uses this.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(SessionIdGenerator.class)
class ClusterConfiguration {

	/**
	 * Session ids drawn without blocking the event loop; Spring Session's repository
	 * takes this bean.
	 * @return the generator
	 */
	@Bean
	SessionIdGenerator sessionIdGenerator() {
		return new DrbgSessionIdGenerator();
	}

}
