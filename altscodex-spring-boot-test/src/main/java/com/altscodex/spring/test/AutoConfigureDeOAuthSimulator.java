package com.altscodex.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.altscodex.deoauth.simulator.DeOAuthSimulator;

/**
 * Runs a {@link DeOAuthSimulator} for the application context of a
 * {@code @SpringBootTest} and points the application's AltsCodex client at it, so that a
 * test signs in end to end, over real HTTP, without an AltsCodex account.
 *
 * <pre class="code">
 * &#64;SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
 * &#64;AutoConfigureDeOAuthSimulator
 * &#64;AutoConfigureWebTestClient
 * class SignInTests {
 *
 *     &#64;Autowired
 *     DeOAuthSimulator simulator;
 *
 *     &#64;Autowired
 *     WebTestClient web;
 *
 *     &#64;Test
 *     void signsInWithAJwt() {
 *         web.post().uri("/login").bodyValue(simulator.issueJwt("alice"))
 *                 .exchange()
 *                 .expectStatus().isOk();
 *     }
 *
 * }
 * </pre>
 *
 * <h2>Lifecycle</h2>
 * One simulator per application context: it starts, on a random port of
 * {@code 127.0.0.1}, when the context refreshes, is registered as the singleton bean
 * {@code deOAuthSimulator} (inject it with {@code @Autowired DeOAuthSimulator}), and is
 * closed when the context closes (or fails to start). Test classes that share a cached
 * context share its simulator; test classes with different contexts get different
 * simulators. The attributes {@link #clientId()} and {@link #callbackPath()} are part of
 * the context cache key, {@link #resetBetweenTests()} is not.
 *
 * <h2>What it sets</h2>
 * <ul>
 * <li>{@code altscodex.auth-server-url} and {@code altscodex.platform-url}: the
 * simulator's base URL;</li>
 * <li>{@code altscodex.client-id}: {@link #clientId()};</li>
 * <li>{@code altscodex.client-secret}: a random secret, new for every context;</li>
 * <li>{@code altscodex.callback-path}: {@link #callbackPath()}, by default the path the
 * application already uses (see there);</li>
 * <li>{@code altscodex.redirect-uri}: {@code http://127.0.0.1:<server port><callback path>},
 * where the simulator can reach the application under test;</li>
 * <li>{@code server.port}: a free port, when the test asks for a random one (below);</li>
 * <li>for each client under {@code altscodex.clients.<name>}: its {@code auth-server-url}
 * and {@code platform-url} (the simulator's base URL), its {@code client-secret} (a random
 * one), its {@code callback-path} (the application's: its own, else the path of its
 * redirect URI, else {@code /login/altscodex}) and its {@code redirect-uri}
 * ({@code http://127.0.0.1:<server port><its callback path>}); its {@code client-id}
 * stays the application's.</li>
 * </ul>
 * An application whose clients are all named gets no top-level client: the annotation then
 * sets only the top-level URLs. The simulator knows the effective client id, secret and
 * redirect URI of every client as registered clients.
 *
 * <h2>Which value wins</h2>
 * Properties the <em>test</em> declares win over the annotation:
 * {@code @SpringBootTest(properties = ..)} and {@code @SpringBootTest(args = ..)},
 * {@code @TestPropertySource}, and {@code @DynamicPropertySource} methods. Whatever the
 * test does not declare is set by the annotation, over the <em>application's</em> own
 * configuration: {@code application.properties} or {@code application.yml} (profiles
 * included), operating system environment variables and Java system properties. So a
 * production {@code altscodex.client-id}, secret or API URL in the application's
 * configuration, or an {@code ALTSCODEX_CLIENT_SECRET} on the build machine, can never
 * send a test to the real AltsCodex. Technically, the annotation's property source sits
 * just above the {@code systemProperties} source. The simulator registers whatever client
 * id, secret and redirect URI are in effect in the end, so a test may set any of them
 * itself, for the top-level client and for each named one.
 * <p>
 * The values are resolved when the context refreshes, after every context customizer
 * and initializer has run and before any condition is evaluated: a
 * {@code @DynamicPropertySource} method is taken into account whatever order the
 * customizers run in.
 *
 * <h2>The server port</h2>
 * DeOAuth calls the application back at its redirect URI, so the redirect URI must name
 * the port the application listens on, and it must be known when the AltsCodex client is
 * created, before the web server has started. Hence:
 * <ul>
 * <li>with {@code webEnvironment = RANDOM_PORT}, {@code @SpringBootTest} sets
 * {@code server.port=0} among the test's inlined properties; the annotation picks a free
 * port up front with Spring's {@code TestSocketUtils} and sets {@code server.port} to it
 * in a property source of the highest precedence, so the server binds that port and the
 * redirect URI names it ({@code @LocalServerPort} and {@code local.server.port} report it
 * as usual). Whenever {@code server.port} is {@code 0}, whatever the reason, the same
 * happens. The port is free when it is picked; another process could, in theory, take
 * it before the server binds it, which then fails start-up with a clear "port in use"
 * error;</li>
 * <li>with {@code webEnvironment = DEFINED_PORT}, the application's {@code server.port}
 * is used ({@code 8080} when unset);</li>
 * <li>{@code MOCK} and {@code NONE} start no server, so no callback could reach the
 * application and no sign-in could complete: the test fails at once with an
 * {@link IllegalStateException} that says so. The annotation also requires
 * {@code @SpringBootTest}.</li>
 * </ul>
 * The redirect URI uses {@code 127.0.0.1} (the simulator's own address) unless
 * {@code server.address} names a specific address, and {@code http}: the simulator does
 * not call applications back over TLS.
 *
 * <h2>Between tests</h2>
 * The simulator's knobs ({@link DeOAuthSimulator#behavior()}) and its recorded requests
 * and callbacks live as long as the simulator, which may serve several test classes. By
 * default they are reset before each test method (see {@link #resetBetweenTests()}),
 * before any {@code @BeforeEach} method runs.
 *
 * @see DeOAuthSimulator
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureDeOAuthSimulator {

	/**
	 * The client id the application signs in with ({@code altscodex.client-id}) and that
	 * the simulator registers. A test's own {@code altscodex.client-id} wins.
	 * @return the client id
	 */
	String clientId() default "test-client";

	/**
	 * The path the application serves DeOAuth's callback at ({@code altscodex.callback-path},
	 * and the path of {@code altscodex.redirect-uri}). When empty, the default, the
	 * application keeps its own: its {@code altscodex.callback-path}, else the path of its
	 * {@code altscodex.redirect-uri}, else {@code /login/altscodex}. A test's own
	 * {@code altscodex.callback-path} wins.
	 * @return the callback path, starting with {@code /}, or empty for the application's
	 */
	String callbackPath() default "";

	/**
	 * Whether to reset the simulator's knobs and forget its recorded requests and
	 * callbacks before each test method, so that no test sees what another one did to a
	 * shared simulator.
	 * @return {@code true} (the default) to reset before each test method
	 */
	boolean resetBetweenTests() default true;

}
