package dev.troupe.analytics;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Per channel: when collection last ran and runs next, and why it last failed or waits. */
@Repository
class CollectionStatus {

	record Row(UUID channelId, Instant lastRunAt, Instant nextRunAt, String lastError, Instant deferredUntil) {
	}

	private final JdbcClient jdbc;

	CollectionStatus(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void ran(UUID channelId, Instant at, Instant next, String error, Instant deferredUntil) {
		jdbc.sql("""
				insert into analytics_collection (channel_id, last_run_at, next_run_at, last_error, deferred_until)
				values (?, ?, ?, ?, ?) on conflict (channel_id) do update set last_run_at = excluded.last_run_at,
				    next_run_at = excluded.next_run_at, last_error = excluded.last_error,
				    deferred_until = excluded.deferred_until""")
			.params(channelId, ts(at), ts(next), error, ts(deferredUntil)).update();
	}

	Optional<Row> find(UUID channelId) {
		return jdbc.sql("select * from analytics_collection where channel_id = ?").param(channelId)
			.query((rs, n) -> row(rs)).optional();
	}

	Map<UUID, Row> all() {
		return jdbc.sql("select * from analytics_collection").query((rs, n) -> row(rs)).list().stream()
			.collect(Collectors.toMap(Row::channelId, Function.identity()));
	}

	private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Row(rs.getObject("channel_id", UUID.class), instant(rs.getTimestamp("last_run_at")),
				instant(rs.getTimestamp("next_run_at")), rs.getString("last_error"),
				instant(rs.getTimestamp("deferred_until")));
	}

	private static Instant instant(Timestamp at) {
		return at == null ? null : at.toInstant();
	}

	private static Timestamp ts(Instant at) {
		return at == null ? null : Timestamp.from(at);
	}
}
