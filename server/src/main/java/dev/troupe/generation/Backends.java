package dev.troupe.generation;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Backends owners added in the dashboard. API keys are stored encrypted (see SecretCipher).
 */
@Repository
class Backends {

	private final JdbcClient jdbc;
	private final JsonMapper json;

	Backends(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	record Row(String id, String type, URI baseUrl, String apiKeyCipher, int maxConcurrent, boolean enabled,
			Map<String, String> options) {
	}

	List<Row> all() {
		return jdbc.sql("select * from generation_backends order by id")
			.query((rs, n) -> new Row(rs.getString("id"), rs.getString("type"), URI.create(rs.getString("base_url")),
					rs.getString("api_key_cipher"), rs.getInt("max_concurrent"), rs.getBoolean("enabled"),
					json.readValue(rs.getString("options"), new TypeReference<Map<String, String>>() {
					})))
			.list();
	}

	void upsert(Row row) {
		jdbc.sql("""
				insert into generation_backends (id, type, base_url, api_key_cipher, max_concurrent, enabled, options, created_at)
				values (?, ?, ?, ?, ?, ?, cast(? as jsonb), ?)
				on conflict (id) do update set type = excluded.type, base_url = excluded.base_url,
				    api_key_cipher = excluded.api_key_cipher, max_concurrent = excluded.max_concurrent,
				    enabled = excluded.enabled, options = excluded.options""")
			.params(row.id(), row.type(), row.baseUrl().toString(), row.apiKeyCipher(), row.maxConcurrent(),
					row.enabled(), json.writeValueAsString(row.options()), Timestamp.from(Instant.now()))
			.update();
	}

	boolean delete(String id) {
		return jdbc.sql("delete from generation_backends where id = ?").param(id).update() == 1;
	}
}
