package dev.troupe.security;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.troupe.shared.AuditableEvent;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who changed what. Written synchronously in the transaction of the change itself, so a change and its
 * audit entry are committed (or rolled back) together.
 */
@Component
class AuditLog {

	private final JdbcClient jdbc;
	private final JsonMapper json;

	AuditLog(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	@EventListener
	void on(AuditableEvent event) {
		jdbc.sql("""
				insert into security_audit_log (at, actor, action, subject_type, subject_id, detail)
				values (?, ?, ?, ?, ?, cast(? as jsonb))""")
				.params(Timestamp.from(Instant.now()), event.actor(), event.action(), event.subjectType(),
						event.subjectId(), json.writeValueAsString(event.detail()))
				.update();
	}

	List<Entry> latest(int limit) {
		return jdbc.sql("select * from security_audit_log order by id desc limit ?").param(limit)
				.query((rs, row) -> new Entry(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
						rs.getString("action"), rs.getString("subject_type"), rs.getString("subject_id"),
						json.readTree(rs.getString("detail"))))
				.list();
	}

	record Entry(long id, Instant at, String actor, String action, String subjectType, String subjectId,
			tools.jackson.databind.JsonNode detail) {
	}
}
