package com.altscodex.spring.autoconfigure;

import java.util.List;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

import com.altscodex.spring.client.AltsCodexClientFactory;
import com.altscodex.spring.client.ClientRegistration;
import com.altscodex.spring.client.DefaultAltsCodexClient;

/**
 * Registers one {@link DefaultAltsCodexClient} bean per configured client: the
 * top-level one as {@code altsCodexClient} (primary when there are others), each named
 * one as {@code <name>AltsCodexClient}, qualified by its name.
 */
class AltsCodexClientsRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware, BeanFactoryAware {

	static final String DEFAULT_BEAN_NAME = "altsCodexClient";

	private Environment environment;

	private BeanFactory beanFactory;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
		this.beanFactory = beanFactory;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		List<ClientRegistration> registrations = ClientRegistrationMapper
			.registrations(AltsCodexPropertiesRegistrar.bindOnce(registry, this.environment));
		boolean several = registrations.size() > 1;
		for (ClientRegistration registration : registrations) {
			RootBeanDefinition definition = new RootBeanDefinition(DefaultAltsCodexClient.class,
					() -> this.beanFactory.getBean(AltsCodexClientFactory.class).create(registration));
			definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, registration.getName()));
			boolean isDefault = AltsCodexProperties.DEFAULT_CLIENT_NAME.equals(registration.getName());
			definition.setPrimary(isDefault && several);
			registry.registerBeanDefinition(beanName(registration.getName()), definition);
		}
	}

	static String beanName(String clientName) {
		return AltsCodexProperties.DEFAULT_CLIENT_NAME.equals(clientName) ? DEFAULT_BEAN_NAME
				: clientName + "AltsCodexClient";
	}

}
