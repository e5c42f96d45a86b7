package com.altscodex.spring.testsupport;

import java.lang.ref.WeakReference;

/**
 * Whether an object is still reachable, for tests that prove a long-lived chain lets go
 * of a secret it no longer needs.
 */
public final class Reachability {

	private static final int ATTEMPTS = 20;

	private Reachability() {
	}

	/**
	 * Collects garbage until the referent is gone, a few times at most: a collection
	 * clears the weak references to what it frees before {@code System.gc()} returns.
	 * @param reference a weak reference to the object
	 * @return whether the object was collected
	 */
	public static boolean isCollected(WeakReference<?> reference) {
		for (int i = 0; i < ATTEMPTS && reference.get() != null; i++) {
			System.gc();
		}
		return reference.get() == null;
	}

}
