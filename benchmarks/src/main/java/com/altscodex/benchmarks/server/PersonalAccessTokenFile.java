package com.altscodex.benchmarks.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import reactor.core.publisher.Flux;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.util.Assert;

import com.altscodex.spring.pat.ReactivePersonalAccessTokenService;

/**
 * Mints a personal access token for each of the users that hold
 * {@link Authorization#ROLE} ({@code altscodex.rbac.bootstrap.reader}), with the one scope
 * {@link Authorization#PERMISSION}, and writes them to a file, one {@code user<TAB>token}
 * a line in the order of the property, as the simulator writes its JWTs. A runner: it
 * ends before the app reports ready, so the file is whole once the suite reads it. The
 * raw tokens exist nowhere else; the app keeps their hashes, as for any token.
 */
final class PersonalAccessTokenFile implements ApplicationRunner {

	/** What each token is called. */
	static final String TOKEN_NAME = "bench";

	private final ReactivePersonalAccessTokenService tokens;

	private final List<String> owners;

	private final Path file;

	PersonalAccessTokenFile(ReactivePersonalAccessTokenService tokens, List<String> owners, Path file) {
		Assert.notEmpty(owners, "tokens are minted for the users of " + Authorization.BOOTSTRAP_PROPERTY
				+ ", and it names none");
		this.tokens = tokens;
		this.owners = List.copyOf(owners);
		this.file = file;
	}

	@Override
	public void run(ApplicationArguments args) throws IOException {
		// one after the other: the n-th line is the n-th user's, and the load generator's n-th
		// virtual user takes it
		List<String> lines = Flux.fromIterable(this.owners)
			.concatMap((owner) -> this.tokens.create(owner, TOKEN_NAME, List.of(Authorization.PERMISSION), null)
				.map((created) -> owner + "\t" + created.rawToken()))
			.collectList()
			.block(Duration.ofMinutes(2));
		Files.write(this.file, Objects.requireNonNull(lines), StandardCharsets.US_ASCII);
	}

}
