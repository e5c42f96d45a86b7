package com.altscodex.spring.testsupport;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationView;

/**
 * Records every observation as it stops, so that tests can wait for the ones that end
 * after the call under test returned (a callback routed on the server's thread).
 */
public final class StoppedObservations implements ObservationHandler<Observation.Context> {

	private final Queue<Observation.Context> stopped = new ConcurrentLinkedQueue<>();

	@Override
	public void onStop(Observation.Context context) {
		this.stopped.add(context);
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return true;
	}

	public List<Observation.Context> all() {
		return List.copyOf(this.stopped);
	}

	public List<Observation.Context> named(String name) {
		return this.stopped.stream().filter((context) -> name.equals(context.getName())).toList();
	}

	public void clear() {
		this.stopped.clear();
	}

	/**
	 * The context of an observation's parent, or {@code null}.
	 */
	public static Observation.ContextView parentOf(Observation.Context context) {
		ObservationView parent = context.getParentObservation();
		return (parent != null) ? parent.getContextView() : null;
	}

	public static String lowCardinality(Observation.Context context, String key) {
		KeyValue keyValue = context.getLowCardinalityKeyValue(key);
		return (keyValue != null) ? keyValue.getValue() : null;
	}

}
