package dev.troupe.generation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * Generation's meters (docs/adr/0027): jobs by status and the queue depth from one grouped query cached for a
 * few seconds, and per backend whether it is up and how busy it is, refreshed after every health-check round
 * (backends come and go through the API, so their series are a multi-gauge rewritten each time).
 */
@Component
class GenerationMetrics {

	static final String JOBS = "troupe.generation.jobs";
	static final String QUEUE = "troupe.generation.queue.depth";
	static final String BACKEND_UP = "troupe.generation.backend.up";
	static final String BACKEND_BUSY = "troupe.generation.backend.busy";
	private static final Duration CACHE = Duration.ofSeconds(5);

	private final JdbcClient jdbc;
	private final MultiGauge up;
	private final MultiGauge busy;
	private volatile Instant takenAt = Instant.EPOCH;
	private volatile Map<String, Long> byStatus = Map.of();

	GenerationMetrics(MeterRegistry meters, JdbcClient jdbc) {
		this.jdbc = jdbc;
		for (var status : JobStatus.values()) {
			Gauge.builder(JOBS, this, m -> m.counts().getOrDefault(status.name(), 0L))
				.description("Generation jobs by status")
				.tags("status", status.name())
				.register(meters);
		}
		Gauge.builder(QUEUE, this, m -> m.counts().getOrDefault(JobStatus.QUEUED.name(), 0L))
			.description("Generation jobs waiting for a backend")
			.register(meters);
		this.up = MultiGauge.builder(BACKEND_UP).description("1 when the backend answered its last health check")
			.register(meters);
		this.busy = MultiGauge.builder(BACKEND_BUSY)
			.description("Running jobs on the backend divided by its max-concurrent")
			.register(meters);
	}

	/** Called after each health-check round with every backend this node knows. */
	void backends(Iterable<BackendRegistry.Live> backends) {
		var running = new HashMap<String, Long>();
		jdbc.sql("select backend_id, count(*) from generation_jobs where status = 'RUNNING' and backend_id is not null "
				+ "group by backend_id")
			.query((rs, i) -> running.put(rs.getString(1), rs.getLong(2)))
			.list();
		var upRows = new ArrayList<MultiGauge.Row<?>>();
		var busyRows = new ArrayList<MultiGauge.Row<?>>();
		for (var l : backends) {
			var tags = Tags.of("backend", l.config().id(), "type", l.config().type());
			var reachable = l.health() != null && l.health().reachable() && !l.resting();
			upRows.add(MultiGauge.Row.of(tags, reachable ? 1 : 0));
			var max = Math.max(1, l.config().maxConcurrent());
			busyRows.add(MultiGauge.Row.of(tags, running.getOrDefault(l.config().id(), 0L) / (double) max));
		}
		up.register(upRows, true);
		busy.register(busyRows, true);
	}

	private Map<String, Long> counts() {
		if (takenAt.plus(CACHE).isAfter(Instant.now())) {
			return byStatus;
		}
		synchronized (this) {
			if (takenAt.plus(CACHE).isAfter(Instant.now())) {
				return byStatus;
			}
			var counts = new HashMap<String, Long>();
			jdbc.sql("select status, count(*) from generation_jobs group by status")
				.query((rs, i) -> counts.put(rs.getString(1), rs.getLong(2)))
				.list();
			byStatus = counts;
			takenAt = Instant.now();
			return counts;
		}
	}
}
