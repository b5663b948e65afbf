package dev.troupe.publishing;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.troupe.publishing.Publication.State;
import dev.troupe.publishing.spi.PublishOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Publishing's meters (docs/adr/0027). The counts by state come from one grouped query, cached for a few seconds,
 * so a scrape every 15 s by several Prometheus servers costs one cheap query, not one per series. One gauge per
 * known platform and state is registered up front, so a state with no publications reads 0 instead of vanishing.
 */
@Component
class PublishingMetrics {

	static final String PUBLICATIONS = "troupe.publishing.publications";
	static final String CHANNELS = "troupe.publishing.channels";
	static final String ATTEMPTS = "troupe.publishing.attempts";
	static final String LATENESS = "troupe.publishing.lateness";
	static final String HOLDS = "troupe.publishing.holds";
	static final String TOKEN_REFRESHES = "troupe.publishing.token.refreshes";
	private static final Duration CACHE = Duration.ofSeconds(5);

	private final MeterRegistry meters;
	private final JdbcClient jdbc;
	private volatile Snapshot snapshot = new Snapshot(Instant.EPOCH, Map.of(), Map.of());

	PublishingMetrics(MeterRegistry meters, JdbcClient jdbc, Platforms platforms, OAuthProviders oauth) {
		this.meters = meters;
		this.jdbc = jdbc;
		// counters exist from the start (at 0), so rate() and increase() in alert rules see their first event
		for (var provider : oauth.all()) {
			for (var result : List.of("ok", "failed", "revoked")) {
				counter(TOKEN_REFRESHES, provider.platform(), "result", result);
			}
		}
		for (var state : State.values()) {
			Counter.builder(PublicationSweeper.COUNTER)
				.description("Non-final publications found without a task and armed again")
				.tag("state", state.name())
				.register(meters);
		}
		for (var platform : platforms.types()) {
			counter(HOLDS, platform, "scope", "channel");
			counter(HOLDS, platform, "scope", "platform");
			for (var state : State.values()) {
				var key = platform + "/" + state.name();
				Gauge.builder(PUBLICATIONS, this, m -> m.snapshot().publications().getOrDefault(key, 0L))
					.description("Publications by state and platform")
					.tags("platform", platform, "state", state.name())
					.register(meters);
			}
			for (var status : Channel.Status.values()) {
				var key = platform + "/" + status.name();
				Gauge.builder(CHANNELS, this, m -> m.snapshot().channels().getOrDefault(key, 0L))
					.description("Connected channels by status and platform")
					.tags("platform", platform, "status", status.name())
					.register(meters);
			}
		}
	}

	/** One send to a platform: how long it took and how it ended. */
	void attempt(String platform, PublishOutcome outcome, long nanos) {
		Timer.builder(ATTEMPTS)
			.description("Publish requests to a platform, by outcome")
			.tags("platform", platform, "outcome", outcome(outcome))
			.register(meters)
			.record(Duration.ofNanos(nanos));
	}

	/** How long after its due time a publication was sent (the successful attempt's start). */
	void lateness(String platform, Instant dueAt, Instant sentAt) {
		var late = Duration.between(dueAt, sentAt);
		Timer.builder(LATENESS)
			.description("From a publication's due time to the start of the attempt that published it")
			.tags("platform", platform)
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(10))
			.maximumExpectedValue(Duration.ofHours(1))
			.register(meters)
			.record(late.isNegative() ? Duration.ZERO : late);
	}

	/** A rate limit answer that holds a channel (or every channel of the platform) until a given time. */
	void hold(String platform, boolean platformWide) {
		counter(HOLDS, platform, "scope", platformWide ? "platform" : "channel").increment();
	}

	/** An OAuth token refresh: {@code ok}, {@code failed} (retried later) or {@code revoked} (needs reconnect). */
	void tokenRefresh(String platform, String result) {
		counter(TOKEN_REFRESHES, platform, "result", result).increment();
	}

	private Counter counter(String name, String platform, String tag, String value) {
		return Counter.builder(name)
			.description(name.equals(HOLDS) ? "Holds caused by rate limits" : "OAuth token refreshes by result")
			.tags("platform", platform, tag, value)
			.register(meters);
	}

	static String outcome(PublishOutcome outcome) {
		if (outcome instanceof PublishOutcome.Published) {
			return "published";
		}
		if (outcome instanceof PublishOutcome.Pending) {
			return "pending";
		}
		if (outcome instanceof PublishOutcome.RateLimited) {
			return "rate_limited";
		}
		if (outcome instanceof PublishOutcome.TokenExpired) {
			return "token_expired";
		}
		if (outcome instanceof PublishOutcome.ChannelRevoked) {
			return "revoked";
		}
		if (outcome instanceof PublishOutcome.ContentRejected) {
			return "rejected";
		}
		return outcome instanceof PublishOutcome.Transient ? "transient" : "unknown";
	}

	private Snapshot snapshot() {
		var current = snapshot;
		if (current.takenAt().plus(CACHE).isAfter(Instant.now())) {
			return current;
		}
		synchronized (this) {
			if (snapshot.takenAt().plus(CACHE).isAfter(Instant.now())) {
				return snapshot;
			}
			var publications = new HashMap<String, Long>();
			jdbc.sql("""
					select c.platform, p.state, count(*) as n from publishing_publications p
					join publishing_channels c on c.id = p.channel_id group by c.platform, p.state""")
				.query((rs, i) -> publications.put(rs.getString(1) + "/" + rs.getString(2), rs.getLong(3)))
				.list();
			var channels = new HashMap<String, Long>();
			jdbc.sql("select platform, status, count(*) from publishing_channels group by platform, status")
				.query((rs, i) -> channels.put(rs.getString(1) + "/" + rs.getString(2), rs.getLong(3)))
				.list();
			snapshot = new Snapshot(Instant.now(), publications, channels);
			return snapshot;
		}
	}

	private record Snapshot(Instant takenAt, Map<String, Long> publications, Map<String, Long> channels) {
	}
}
