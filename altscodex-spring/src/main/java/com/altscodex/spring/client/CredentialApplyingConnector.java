package com.altscodex.spring.client;

import java.net.URI;
import java.util.function.Function;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpRequestDecorator;
import org.springframework.http.client.reactive.ClientHttpResponse;

/**
 * Turns the {@link HttpCredential} request attribute into the {@code Authorization}
 * header just before the request is committed, below the layer that logs requests.
 */
final class CredentialApplyingConnector implements ClientHttpConnector {

	private final ClientHttpConnector delegate;

	CredentialApplyingConnector(ClientHttpConnector delegate) {
		this.delegate = delegate;
	}

	@Override
	public Mono<ClientHttpResponse> connect(HttpMethod method, URI uri,
			Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
		return this.delegate.connect(method, uri, (request) -> requestCallback.apply(new CredentialApplyingRequest(request)));
	}

	private static final class CredentialApplyingRequest extends ClientHttpRequestDecorator {

		CredentialApplyingRequest(ClientHttpRequest delegate) {
			super(delegate);
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			applyCredential();
			return super.writeWith(body);
		}

		@Override
		public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
			applyCredential();
			return super.writeAndFlushWith(body);
		}

		@Override
		public Mono<Void> setComplete() {
			applyCredential();
			return super.setComplete();
		}

		private void applyCredential() {
			// removed, not read: the connector copies the remaining attributes to the
			// pooled channel, where the credential has no business outliving the request
			if (getAttributes().remove(HttpCredential.ATTRIBUTE) instanceof HttpCredential credential
					&& !isCommitted()) {
				getHeaders().set(HttpHeaders.AUTHORIZATION, credential.headerValue());
			}
		}

	}

}
