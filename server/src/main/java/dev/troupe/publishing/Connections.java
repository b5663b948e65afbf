package dev.troupe.publishing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finished grants waiting for the person to pick which accounts become channels. The accounts' credentials
 * are one encrypted blob; what the API shows (name, handle, avatar) is kept apart. Used once, kept an hour.
 */
@Repository
class Connections {

	static final Duration VALIDITY = Duration.ofHours(1);

	private final JdbcClient jdbc;
	private final JsonMapper json;

	Connections(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	record Account(String id, String name, String handle, String avatarUrl) {
	}

	record Connection(UUID id, String platform, UUID characterId, String user, List<Account> accounts,
			String secretsCipher, Instant expiresAt) {
	}

	void save(Connection c) {
		jdbc.sql("""
				insert into publishing_connections (id, platform, character_id, user_name, accounts, secrets_cipher,
				    expires_at, created_at) values (?, ?, ?, ?, cast(? as jsonb), ?, ?, now())""")
			.params(c.id(), c.platform(), c.characterId(), c.user(), json.writeValueAsString(c.accounts()), c.secretsCipher(),
					PlatformApps.ts(c.expiresAt()))
			.update();
	}

	/** Connections the person never finished picking accounts for; their tokens go with them. */
	int forgetExpired() {
		return jdbc.sql("delete from publishing_connections where expires_at < now()").update();
	}

	Optional<Connection> find(UUID id) {
		return jdbc.sql("select * from publishing_connections where id = ?").param(id)
			.query((rs, n) -> new Connection(rs.getObject("id", UUID.class), rs.getString("platform"),
					rs.getObject("character_id", UUID.class), rs.getString("user_name"),
					json.readValue(rs.getString("accounts"), new TypeReference<List<Account>>() {
					}), rs.getString("secrets_cipher"), rs.getTimestamp("expires_at").toInstant()))
			.optional();
	}

	/** True for the one caller that used it; a second request with the same connection finds it gone. */
	boolean delete(UUID id) {
		return jdbc.sql("delete from publishing_connections where id = ?").param(id).update() == 1;
	}
}
