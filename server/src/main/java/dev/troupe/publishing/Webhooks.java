package dev.troupe.publishing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Outbound webhook subscriptions and their deliveries. Secrets are stored encrypted. */
@Repository
class Webhooks {

	static final List<String> EVENTS = List.of("post.approved", "post.published", "post.failed", "post.unconfirmed",
			"channel.needs_reconnect");

	private final JdbcClient jdbc;
	private final JsonMapper json;

	Webhooks(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	record Subscription(UUID id, String url, List<String> events, Instant createdAt) {
	}

	record Delivery(UUID id, UUID webhookId, String url, String secretCipher, String event, String body, int attempts) {
	}

	void add(UUID id, String url, String secretCipher, List<String> events) {
		jdbc.sql("insert into publishing_webhooks (id, url, secret_cipher, events, created_at) values (?, ?, ?, cast(? as jsonb), now())")
			.params(id, url, secretCipher, json.writeValueAsString(events)).update();
	}

	List<Subscription> all() {
		return jdbc.sql("select id, url, events, created_at from publishing_webhooks order by created_at")
			.query((rs, n) -> new Subscription(rs.getObject(1, UUID.class), rs.getString(2),
					json.readValue(rs.getString(3), new TypeReference<List<String>>() {
					}), rs.getTimestamp(4).toInstant()))
			.list();
	}

	boolean delete(UUID id) {
		return jdbc.sql("delete from publishing_webhooks where id = ?").param(id).update() == 1;
	}

	/** One delivery row per subscriber of the event; returns their ids. */
	List<UUID> enqueue(String event, String body) {
		return jdbc.sql("""
				insert into publishing_webhook_deliveries (id, webhook_id, event, body, status, created_at)
				select gen_random_uuid(), id, ?, ?, 'PENDING', now() from publishing_webhooks where events @> cast(? as jsonb)
				returning id""").params(event, body, "[\"" + event + "\"]").query(UUID.class).list();
	}

	Optional<Delivery> delivery(UUID id) {
		return jdbc.sql("""
				select d.id, d.webhook_id, w.url, w.secret_cipher, d.event, d.body, d.attempts
				from publishing_webhook_deliveries d join publishing_webhooks w on w.id = d.webhook_id
				where d.id = ? and d.status = 'PENDING'""").param(id)
			.query((rs, n) -> new Delivery(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
					rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7)))
			.optional();
	}

	void attempted(UUID id, String status, String error) {
		jdbc.sql("update publishing_webhook_deliveries set attempts = attempts + 1, status = ?, last_error = ? where id = ?")
			.params(status, error, id).update();
	}
}
