package dev.troupe.scheduling;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * A listener of the event publication log for tests: it fails as many times as it was told for an id, then
 * succeeds, counting every call. Found by component scanning; it listens only to {@link Probe}.
 */
@Component
class ProbeListener {

	record Probe(String id) {
	}

	static final Map<String, AtomicInteger> FAILURES_LEFT = new ConcurrentHashMap<>();
	static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();

	@TransactionalEventListener
	void on(Probe probe) {
		CALLS.computeIfAbsent(probe.id(), k -> new AtomicInteger()).incrementAndGet();
		var left = FAILURES_LEFT.get(probe.id());
		if (left != null && left.getAndDecrement() > 0) {
			throw new IllegalStateException("probe " + probe.id() + " fails on purpose");
		}
	}
}
