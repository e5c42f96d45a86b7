package com.altscodex.spring.autoconfigure;

import org.springframework.beans.factory.config.SingletonBeanRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.Assert;

/**
 * Binds {@link AltsCodexProperties} once and registers the result as the properties
 * bean. The client beans must be defined before any bean exists, so the registrar that
 * defines them needs the properties at that time too: both take them from here, and
 * nothing binds them again (the instance is registered as it is, outside the
 * post-processing that would bind a {@code @ConfigurationProperties} bean a second
 * time).
 */
class AltsCodexPropertiesRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {

	/** Name of the properties bean, as {@code @EnableConfigurationProperties} would name it. */
	static final String BEAN_NAME = "altscodex-" + AltsCodexProperties.class.getName();

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		bindOnce(registry, this.environment);
	}

	/**
	 * The properties, bound on first use and registered as a bean.
	 * @param registry the registry of the application context
	 * @param environment its environment
	 * @return the bound properties
	 */
	static AltsCodexProperties bindOnce(BeanDefinitionRegistry registry, Environment environment) {
		Assert.isInstanceOf(SingletonBeanRegistry.class, registry);
		SingletonBeanRegistry singletons = (SingletonBeanRegistry) registry;
		if (singletons.getSingleton(BEAN_NAME) instanceof AltsCodexProperties bound) {
			return bound;
		}
		AltsCodexProperties properties = Binder.get(environment)
			.bind("altscodex", AltsCodexProperties.class)
			.orElseGet(AltsCodexProperties::new);
		singletons.registerSingleton(BEAN_NAME, properties);
		return properties;
	}

}
