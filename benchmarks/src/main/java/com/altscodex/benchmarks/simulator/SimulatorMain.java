package com.altscodex.benchmarks.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import com.altscodex.benchmarks.suite.Args;
import com.altscodex.deoauth.simulator.DeOAuthSimulator;

/**
 * The DeOAuth simulator as a process of its own, in zero-latency mode, recording no
 * traffic and expiring refresh tokens so that its heap stays flat over millions of
 * logins. Before it reports ready it issues long-lived JWTs for a pool of distinct users
 * and writes them, one {@code user<TAB>jwt} a line, to the JWT file, so that issuing
 * JWTs stays out of every measured window.
 * <p>
 * Arguments: {@code --client-id}, {@code --client-secret}, {@code --redirect-uri} (may
 * hold {@code *}), {@code --users} (default 2000), {@code --jwt-file}, {@code --port}
 * (default 0). Prints {@code BENCH-READY port=<port>} once listening. Commands on
 * standard input, each answered with a line {@code OK ...}: {@code withhold on|off}
 * (answer authorize but send no callback), {@code quit}.
 */
public final class SimulatorMain {

	private SimulatorMain() {
	}

	public static void main(String[] arguments) throws IOException {
		Args args = Args.parse(arguments);
		int users = args.intValue("users", 2000);
		DeOAuthSimulator simulator = DeOAuthSimulator.builder()
			.port(args.intValue("port", 0))
			.client(args.required("client-id"), args.required("client-secret"), args.required("redirect-uri"))
			.jwtTtl(Duration.ofHours(24))
			.recordTraffic(false)
			.refreshTokenTtl(Duration.ofSeconds(30))
			.build();
		Path jwtFile = Path.of(args.required("jwt-file"));
		try (Writer out = Files.newBufferedWriter(jwtFile, StandardCharsets.US_ASCII)) {
			for (int i = 0; i < users; i++) {
				String user = String.format(Locale.ROOT, "user-%05d", i);
				out.write(user + "\t" + simulator.issueJwt(user) + "\n");
			}
		}
		simulator.start();
		Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "simulator-shutdown"));
		System.out.println("BENCH-READY port=" + simulator.port() + " users=" + users);
		System.out.flush();
		BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		String command;
		while ((command = commands.readLine()) != null) {
			String[] words = command.strip().split("\\s+");
			switch (words[0]) {
				case "withhold" -> {
					boolean on = words.length > 1 && "on".equals(words[1]);
					simulator.behavior().withholdCallback(on);
					reply("withhold=" + on);
				}
				case "quit" -> {
					reply("quit");
					simulator.close();
					System.exit(0);
				}
				case "" -> {
				}
				default -> reply("unknown=" + words[0]);
			}
		}
		simulator.close();
	}

	private static void reply(String text) {
		System.out.println("OK " + text);
		System.out.flush();
	}

}
