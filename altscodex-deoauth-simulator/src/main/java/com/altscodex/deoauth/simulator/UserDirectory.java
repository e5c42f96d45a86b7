package com.altscodex.deoauth.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The simulated users: three demo users, and any other id on demand, with a nickname
 * derived from the id and a content address derived from a hash of it, so the same id
 * always gets the same slot.
 */
final class UserDirectory {

	private final ConcurrentMap<String, SimulatedUser> users = new ConcurrentHashMap<>();

	private final List<SimulatedUser> demoUsers;

	UserDirectory() {
		this.demoUsers = List.of(derive("alice", "Alice", 42), derive("bob", "Bob", 7), derive("carol", "Carol", 0));
		this.demoUsers.forEach((user) -> this.users.put(user.id(), user));
	}

	List<SimulatedUser> demoUsers() {
		return this.demoUsers;
	}

	SimulatedUser user(String id) {
		if (id.isEmpty()) {
			throw new IllegalArgumentException("userId must not be empty");
		}
		return this.users.computeIfAbsent(id, (key) -> derive(key, nickname(key), -1));
	}

	private static SimulatedUser derive(String id, String nickname, long trCnt) {
		byte[] hash = sha256("altscodex-simulator:" + id);
		String contentAddress = "0x" + HexFormat.of().formatHex(hash, 0, 20);
		long transfers = (trCnt >= 0) ? trCnt : (Byte.toUnsignedInt(hash[20]) << 8 | Byte.toUnsignedInt(hash[21])) % 1000;
		return new SimulatedUser(id, nickname, contentAddress, transfers);
	}

	private static String nickname(String id) {
		return id.substring(0, 1).toUpperCase(Locale.ROOT) + id.substring(1);
	}

	private static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}
