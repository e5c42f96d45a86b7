package com.altscodex.benchmarks.load;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loopback addresses to connect from, handed out round robin: Linux answers for all of
 * {@code 127.0.0.0/8}, so one machine can play many client addresses against a limit
 * per address. Written {@code <first>+<count>}, e.g. {@code 127.1.0.1+4000}: the first
 * address and the following ones, skipping those that end in {@code .0} or
 * {@code .255}.
 */
final class SourceAddresses {

	private final List<InetAddress> addresses;

	private final AtomicInteger next = new AtomicInteger();

	private SourceAddresses(List<InetAddress> addresses) {
		this.addresses = addresses;
	}

	static SourceAddresses parse(String text) {
		int plus = text.indexOf('+');
		String first = (plus >= 0) ? text.substring(0, plus) : text;
		int count = (plus >= 0) ? Integer.parseInt(text.substring(plus + 1)) : 1;
		if (count < 1) {
			throw new IllegalArgumentException("No addresses in " + text);
		}
		byte[] bytes = address(first).getAddress();
		if (bytes.length != 4 || bytes[0] != 127) {
			throw new IllegalArgumentException("Not a loopback IPv4 address: " + first);
		}
		long value = ((bytes[1] & 0xFFL) << 16) | ((bytes[2] & 0xFFL) << 8) | (bytes[3] & 0xFFL);
		List<InetAddress> addresses = new ArrayList<>(count);
		while (addresses.size() < count) {
			if (value > 0xFFFFFF) {
				throw new IllegalArgumentException("Fewer than " + count + " addresses after " + first);
			}
			long last = value & 0xFF;
			if (last != 0 && last != 255) {
				addresses.add(address("127." + ((value >> 16) & 0xFF) + "." + ((value >> 8) & 0xFF) + "." + last));
			}
			value++;
		}
		return new SourceAddresses(List.copyOf(addresses));
	}

	InetAddress next() {
		return this.addresses.get(Math.floorMod(this.next.getAndIncrement(), this.addresses.size()));
	}

	int size() {
		return this.addresses.size();
	}

	static InetAddress address(String literal) {
		try {
			return InetAddress.getByName(literal);
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("Not an address: " + literal, ex);
		}
	}

}
