package com.altscodex.benchmarks.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * The logins beyond the bound of a flood, sent on plain sockets: one connection per
 * login, opened (and used once for {@code GET /bench/state}) before the flood, then every
 * request written in one loop on one thread and every answer read by one selector.
 * <p>
 * Why not the Reactor Netty client of the rest of the flood: on the two cores the app
 * and the load generator share, that client took about 0.2 ms of CPU to write each
 * request and as much to read each answer, so the last of 500 refusals was written some
 * 100 ms after the first and read long after the app had answered it; its times were the
 * load generator's more than the app's. Here a request is a prepared byte array and an
 * answer is parsed no further than its status, {@code Content-Length} (or chunks),
 * {@code Retry-After}, {@code Content-Type} and body: what the tally needs.
 */
final class SocketWave implements AutoCloseable {

	private static final byte[] HEADERS_END = { '\r', '\n', '\r', '\n' };

	private final List<Login> logins;

	private final Selector selector;

	private final AtomicInteger answered = new AtomicInteger();

	private volatile long firedAt;

	private SocketWave(List<Login> logins, Selector selector) {
		this.logins = logins;
		this.selector = selector;
	}

	/**
	 * Opens a connection per login and sends {@code GET /bench/state} on each, so that
	 * the app has accepted it and served a request on it before the flood; each login is
	 * {@code POST /login} with its raw JWT.
	 * @param target the app, {@code http://host:port}
	 * @param jwts the login of each connection, in order
	 * @param timeout how long opening and the first requests may take in all
	 * @return the open connections, idle
	 * @throws IOException if a connection cannot be opened or its first request fails
	 */
	static SocketWave open(String target, List<JwtPool.Entry> jwts, Duration timeout) throws IOException {
		String host = host(target);
		List<Prepared> logins = new ArrayList<>(jwts.size());
		for (JwtPool.Entry entry : jwts) {
			logins.add(new Prepared(entry.user(), loginRequest(host, entry.jwt())));
		}
		return open(target, logins, null, timeout);
	}

	/**
	 * Opens a connection per login from {@code source} (any loopback address on Linux;
	 * {@code null}: the system's choice), as {@link #open(String, List, Duration)}, each
	 * login a request prepared in full.
	 * @param target the app, {@code http://host:port}
	 * @param logins the request of each connection, in order
	 * @param source the local address to connect from, or {@code null}
	 * @param timeout how long opening and the first requests may take in all
	 * @return the open connections, idle
	 * @throws IOException if a connection cannot be opened or its first request fails
	 */
	static SocketWave open(String target, List<Prepared> logins, @Nullable InetAddress source, Duration timeout)
			throws IOException {
		URI uri = URI.create(target);
		InetSocketAddress address = new InetSocketAddress(uri.getHost(), uri.getPort());
		byte[] warmup = ("GET /bench/state HTTP/1.1\r\nHost: " + host(target) + "\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
		Selector selector = Selector.open();
		List<Login> opened = new ArrayList<>(logins.size());
		SocketWave wave = new SocketWave(opened, selector);
		try {
			for (Prepared prepared : logins) {
				SocketChannel channel = SocketChannel.open();
				if (source != null) {
					channel.bind(new InetSocketAddress(source, 0));
				}
				channel.connect(address);
				channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
				channel.configureBlocking(false);
				Login login = new Login(channel, prepared.request(), prepared.user());
				opened.add(login);
				channel.register(selector, SelectionKey.OP_READ, login);
			}
			long deadline = System.nanoTime() + timeout.toNanos();
			for (Login login : opened) {
				login.start(warmup, System.nanoTime());
			}
			wave.readAll(deadline);
			for (Login login : opened) {
				if (login.status != 200) {
					throw new IOException("GET /bench/state answered " + login.status + " before the flood");
				}
				login.reset();
			}
			return wave;
		}
		catch (IOException | RuntimeException ex) {
			wave.close();
			throw ex;
		}
	}

	/**
	 * {@code host:port} of a target {@code http://host:port}, for the {@code Host} header.
	 */
	static String host(String target) {
		URI uri = URI.create(target);
		return uri.getHost() + ":" + uri.getPort();
	}

	private static byte[] loginRequest(String host, byte[] jwt) {
		byte[] head = ("POST /login HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: text/plain\r\nContent-Length: "
				+ jwt.length + "\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
		return concat(head, jwt);
	}

	/**
	 * {@code POST /login} to the starter's security chain, as a page sends it: the JWT as
	 * {@code {"jwt": ".."}}, the CSRF cookie and the same token in its header.
	 * @param host the {@code Host} header
	 * @param jwt the JWT
	 * @param csrfToken the value of the {@code XSRF-TOKEN} cookie
	 * @return the whole request
	 */
	static byte[] securedLoginRequest(String host, byte[] jwt, String csrfToken) {
		byte[] body = SecuredLogins.loginBody(jwt);
		byte[] head = ("POST /login HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\nCookie: "
				+ SecuredLogins.CSRF_COOKIE + "=" + csrfToken + "\r\n" + SecuredLogins.CSRF_HEADER + ": " + csrfToken
				+ "\r\nContent-Length: " + body.length + "\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
		return concat(head, body);
	}

	private static byte[] concat(byte[] head, byte[] body) {
		byte[] request = new byte[head.length + body.length];
		System.arraycopy(head, 0, request, 0, head.length);
		System.arraycopy(body, 0, request, head.length, body.length);
		return request;
	}

	int size() {
		return this.logins.size();
	}

	/**
	 * Sends every login at once, reading the answers that come while the others are
	 * written, and waits for all of them. May be called again once it has returned: each
	 * connection carries one login at a time.
	 * @param tally where each answer is counted, with its times
	 * @param onAnswer called once per answer, after it is counted
	 * @param timeout how long the wave may take in all; a login without an answer by then
	 * is counted as lost
	 * @return when each answer was read, {@link System#nanoTime()}
	 * @throws IOException if the selector fails
	 */
	List<Long> fire(FloodTally tally, Runnable onAnswer, Duration timeout) throws IOException {
		for (Login login : this.logins) {
			login.reset();
		}
		this.answered.set(0);
		long sent = System.nanoTime();
		this.firedAt = sent;
		long deadline = sent + timeout.toNanos();
		for (Login login : this.logins) {
			login.start(login.request, sent);
			// answers that came while this loop wrote the others are read on time
			readReady(0);
		}
		readAll(deadline);
		List<Long> ends = new ArrayList<>(this.logins.size());
		for (Login login : this.logins) {
			long end = (login.answered != 0) ? login.answered : System.nanoTime();
			FloodAnswer answer = login.answer();
			tally.add(answer, end - login.sent, (login.written != 0) ? end - login.written : -1);
			onAnswer.run();
			ends.add(end);
		}
		return ends;
	}

	/**
	 * How many logins of the wave under way have been answered (or failed) so far, from
	 * any thread.
	 */
	int answeredSoFar() {
		return this.answered.get();
	}

	/**
	 * When the last wave began, {@link System#nanoTime()}.
	 */
	long firedAt() {
		return this.firedAt;
	}

	/**
	 * Nanoseconds from the start of the last wave to its last request written.
	 */
	long writtenSpanNanos() {
		long last = this.firedAt;
		for (Login login : this.logins) {
			last = Math.max(last, login.written);
		}
		return last - this.firedAt;
	}

	private void readAll(long deadline) throws IOException {
		while (this.logins.stream().anyMatch(Login::waiting)) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return;
			}
			readReady(Math.max(1, left / 1_000_000));
		}
	}

	private void readReady(long timeoutMillis) throws IOException {
		int ready = (timeoutMillis == 0) ? this.selector.selectNow() : this.selector.select(timeoutMillis);
		if (ready == 0) {
			return;
		}
		for (SelectionKey key : this.selector.selectedKeys()) {
			Login login = (Login) key.attachment();
			if (login.waiting()) {
				login.read();
				if (!login.waiting()) {
					this.answered.incrementAndGet();
				}
			}
		}
		this.selector.selectedKeys().clear();
	}

	@Override
	public void close() {
		for (Login login : this.logins) {
			try {
				login.channel.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}
		try {
			this.selector.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	/**
	 * The request of one login, prepared in full, and the user it signs in.
	 */
	record Prepared(String user, byte[] request) {
	}

	/**
	 * One login: its connection, its request and what has come of its answer.
	 */
	private static final class Login {

		private final SocketChannel channel;

		private final byte[] request;

		private final String user;

		private final ByteBuffer buffer = ByteBuffer.allocate(8192);

		private final ByteArrayOutputStream received = new ByteArrayOutputStream(1024);

		private long sent;

		private long written;

		private long answered;

		private int status;

		private @Nullable String retryAfter;

		private @Nullable String contentType;

		private @Nullable String body;

		private @Nullable IOException failure;

		Login(SocketChannel channel, byte[] request, String user) {
			this.channel = channel;
			this.request = request;
			this.user = user;
		}

		void start(byte[] bytes, long sentAt) {
			this.sent = sentAt;
			try {
				ByteBuffer out = ByteBuffer.wrap(bytes);
				while (out.hasRemaining()) {
					// a request of a few hundred bytes fits an empty socket buffer at once
					this.channel.write(out);
				}
				this.written = System.nanoTime();
			}
			catch (IOException ex) {
				this.failure = ex;
			}
		}

		boolean waiting() {
			return this.answered == 0 && this.failure == null;
		}

		void reset() {
			this.received.reset();
			this.sent = 0;
			this.written = 0;
			this.answered = 0;
			this.status = 0;
			this.retryAfter = null;
			this.contentType = null;
			this.body = null;
		}

		void read() {
			if (!waiting()) {
				return;
			}
			try {
				int read;
				while ((read = this.channel.read(this.buffer.clear())) > 0) {
					this.received.write(this.buffer.array(), 0, read);
				}
				if (parse()) {
					this.answered = System.nanoTime();
				}
				else if (read < 0) {
					this.failure = new IOException("Connection closed before the whole answer");
				}
			}
			catch (IOException ex) {
				this.failure = ex;
			}
		}

		/**
		 * Whether the whole answer is in; if so, its parts are set.
		 */
		private boolean parse() {
			byte[] bytes = this.received.toByteArray();
			int headersEnd = indexOf(bytes, HEADERS_END, 0);
			if (headersEnd < 0) {
				return false;
			}
			String[] lines = new String(bytes, 0, headersEnd, StandardCharsets.ISO_8859_1).split("\r\n");
			int contentLength = -1;
			boolean chunked = false;
			String retryAfter = null;
			String contentType = null;
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				if (colon <= 0) {
					continue;
				}
				String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
				String value = lines[i].substring(colon + 1).trim();
				switch (name) {
					case "content-length" -> contentLength = Integer.parseInt(value);
					case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
					case "retry-after" -> retryAfter = value;
					case "content-type" -> contentType = value;
					default -> {
					}
				}
			}
			int start = headersEnd + HEADERS_END.length;
			byte[] content;
			if (chunked) {
				content = dechunk(bytes, start);
				if (content == null) {
					return false;
				}
			}
			else {
				int length = Math.max(0, contentLength);
				if (bytes.length - start < length) {
					return false;
				}
				content = new byte[length];
				System.arraycopy(bytes, start, content, 0, length);
			}
			String[] statusLine = lines[0].split(" ", 3);
			this.status = Integer.parseInt(statusLine[1]);
			this.retryAfter = retryAfter;
			this.contentType = contentType;
			this.body = new String(content, StandardCharsets.UTF_8);
			return true;
		}

		FloodAnswer answer() {
			if (this.answered != 0 && this.body != null) {
				return FloodAnswer.of(this.status, this.retryAfter, this.contentType, this.body, this.user);
			}
			return (this.failure != null) ? FloodAnswer.transport(this.failure) : FloodAnswer.lost();
		}

		/**
		 * The body of a chunked answer, or {@code null} until its last chunk is in.
		 */
		private static byte @Nullable [] dechunk(byte[] bytes, int from) {
			ByteArrayOutputStream content = new ByteArrayOutputStream();
			int at = from;
			while (true) {
				int lineEnd = indexOf(bytes, new byte[] { '\r', '\n' }, at);
				if (lineEnd < 0) {
					return null;
				}
				String sizeText = new String(bytes, at, lineEnd - at, StandardCharsets.US_ASCII);
				int semicolon = sizeText.indexOf(';');
				int size = Integer.parseInt(((semicolon >= 0) ? sizeText.substring(0, semicolon) : sizeText).trim(), 16);
				int dataStart = lineEnd + 2;
				if (size == 0) {
					// the last chunk, then trailers (none here) and an empty line
					return (indexOf(bytes, new byte[] { '\r', '\n' }, dataStart) >= 0) ? content.toByteArray() : null;
				}
				if (bytes.length < dataStart + size + 2) {
					return null;
				}
				content.write(bytes, dataStart, size);
				at = dataStart + size + 2;
			}
		}

		private static int indexOf(byte[] bytes, byte[] what, int from) {
			outer: for (int i = from; i <= bytes.length - what.length; i++) {
				for (int j = 0; j < what.length; j++) {
					if (bytes[i + j] != what[j]) {
						continue outer;
					}
				}
				return i;
			}
			return -1;
		}

	}

}
