package com.altscodex.benchmarks.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

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
 * (default 0), {@code --record-traffic} (keep the requests it receives, so that
 * {@code count} can count them: for the flood stage's few thousand requests, not for
 * load runs), {@code --holding-proxy} (serve through a {@link HoldingProxy}, whose port is
 * then the one printed: the apps talk to the proxy, and {@code count-users} counts what
 * reached it). Prints {@code BENCH-READY port=<port>} once listening. Commands on
 * standard input, each answered with a line {@code OK ...}:
 * <ul>
 * <li>{@code withhold on|off}: answer authorize but send no callback</li>
 * <li>{@code latency <ms>}: delay every API answer (authorize, get_token, refresh,
 * logout) that arrives from now on; a request keeps the latency it arrived with</li>
 * <li>{@code count}: {@code OK count authorize=<n> get_token=<n> callbacks=<n>
 * recording=<true|false>}, what it received and sent since the start or the last
 * {@code clear} (all zero when it does not record traffic)</li>
 * <li>{@code count-users <from> <to>}: {@code OK count-users from=<from> to=<to>
 * authorize=<n> recording=<true|false>}, the {@code authorize} requests received since
 * the last {@code clear} whose JWT is one this process issued for the users
 * {@code from} (inclusive) to {@code to} (exclusive), in the order of the JWT file, so
 * that requests of two groups of logins can be told apart (with a proxy: those that
 * reached the proxy)</li>
 * <li>{@code hold <from> <to> <ms>}, {@code hold off}: with {@code --holding-proxy}, hold
 * the {@code authorize} requests of those users' JWTs for that long before they reach the
 * simulator ({@link HoldingProxy}), from now on</li>
 * <li>{@code callback-next <port>,<port>,...}, {@code callback-next off}: send the
 * callback of a login whose redirect URI is on one of those ports to the same path on
 * the next of them (the last's to the first's) instead, as a load balancer would send it
 * to another instance than the login's; other redirect URIs keep theirs</li>
 * <li>{@code clear}: forget the requests and callbacks received and sent so far</li>
 * <li>{@code quit}</li>
 * </ul>
 */
public final class SimulatorMain {

	/** The path of DeOAuth's authorize endpoint. */
	public static final String AUTHORIZE_PATH = "/v1/oauth-meta/authorize";

	/** The path of DeOAuth's code-exchange endpoint. */
	public static final String GET_TOKEN_PATH = "/v1/oauth-meta/get_token";

	private SimulatorMain() {
	}

	public static void main(String[] arguments) throws IOException {
		Args args = Args.parse(arguments);
		int users = args.intValue("users", 2000);
		DeOAuthSimulator simulator = DeOAuthSimulator.builder()
			.port(args.intValue("port", 0))
			.client(args.required("client-id"), args.required("client-secret"), args.required("redirect-uri"))
			.jwtTtl(Duration.ofHours(24))
			.recordTraffic(args.flag("record-traffic"))
			.refreshTokenTtl(Duration.ofSeconds(30))
			.build();
		Path jwtFile = Path.of(args.required("jwt-file"));
		Map<String, Integer> userOfJwt = new HashMap<>();
		try (Writer out = Files.newBufferedWriter(jwtFile, StandardCharsets.US_ASCII)) {
			for (int i = 0; i < users; i++) {
				String user = String.format(Locale.ROOT, "user-%05d", i);
				String jwt = simulator.issueJwt(user);
				userOfJwt.put(jwt, i);
				out.write(user + "\t" + jwt + "\n");
			}
		}
		simulator.start();
		Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "simulator-shutdown"));
		HoldingProxy proxy = args.flag("holding-proxy") ? new HoldingProxy(simulator.port(), userOfJwt, users) : null;
		if (proxy != null) {
			Runtime.getRuntime().addShutdownHook(new Thread(proxy::close, "holding-proxy-shutdown"));
		}
		System.out.println("BENCH-READY port=" + ((proxy != null) ? proxy.port() : simulator.port()) + " users=" + users
				+ ((proxy != null) ? " simulator=" + simulator.port() : ""));
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
				case "latency" -> {
					long millis = (words.length > 1) ? Long.parseLong(words[1]) : 0;
					simulator.behavior().latency(Duration.ofMillis(millis));
					reply("latency=" + millis);
				}
				case "count" -> reply("count authorize=" + simulator.requests(AUTHORIZE_PATH).size() + " get_token="
						+ simulator.requests(GET_TOKEN_PATH).size() + " callbacks=" + simulator.callbacksSent()
						+ " recording=" + args.flag("record-traffic"));
				case "count-users" -> {
					int from = Integer.parseInt(words[1]);
					int to = Integer.parseInt(words[2]);
					long authorize = (proxy != null) ? proxy.authorizeOf(from, to)
							: simulator.requests(AUTHORIZE_PATH).stream().filter((request) -> {
								Integer user = userOfJwt.get(bearer(request.header("Authorization")));
								return user != null && user >= from && user < to;
							}).count();
					reply("count-users from=" + from + " to=" + to + " authorize=" + authorize + " recording="
							+ (proxy != null || args.flag("record-traffic")));
				}
				case "hold" -> {
					if (proxy == null) {
						reply("unknown=hold (no --holding-proxy)");
					}
					else if (words.length > 1 && words[1].equals("off")) {
						proxy.hold(0, 0, Duration.ZERO);
						reply("hold=off");
					}
					else {
						long millis = Long.parseLong(words[3]);
						proxy.hold(Integer.parseInt(words[1]), Integer.parseInt(words[2]), Duration.ofMillis(millis));
						reply("hold=" + millis + " from=" + words[1] + " to=" + words[2]);
					}
				}
				case "callback-next" -> {
					if (words.length < 2 || words[1].equals("off")) {
						simulator.behavior().callbackTargets(null);
						reply("callback-next=off");
					}
					else {
						Map<Integer, Integer> next = nextPorts(words[1]);
						simulator.behavior().callbackTargets((redirectUri) -> List.of(elsewhere(redirectUri, next)));
						reply("callback-next=" + words[1]);
					}
				}
				case "clear" -> {
					if (proxy != null) {
						proxy.clear();
					}
					simulator.clearRequests();
					simulator.clearCallbacks();
					reply("cleared");
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

	/**
	 * Each port of a comma-separated list mapped to the next, the last to the first.
	 */
	public static Map<Integer, Integer> nextPorts(String ports) {
		List<Integer> list = Arrays.stream(ports.split(",")).map(String::strip).map(Integer::valueOf).toList();
		Map<Integer, Integer> next = new HashMap<>();
		for (int i = 0; i < list.size(); i++) {
			next.put(list.get(i), list.get((i + 1) % list.size()));
		}
		return next;
	}

	/**
	 * The redirect URI on the port {@code next} maps its port to, or the same.
	 */
	public static String elsewhere(String redirectUri, Map<Integer, Integer> next) {
		URI uri = URI.create(redirectUri);
		Integer port = next.get(uri.getPort());
		return (port != null) ? redirectUri.replaceFirst(":" + uri.getPort() + "/", ":" + port + "/") : redirectUri;
	}

	static String bearer(@Nullable String authorization) {
		return (authorization != null && authorization.startsWith("Bearer ")) ? authorization.substring(7).strip() : "";
	}

	private static void reply(String text) {
		System.out.println("OK " + text);
		System.out.flush();
	}

}
