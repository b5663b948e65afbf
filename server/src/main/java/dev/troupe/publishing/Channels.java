package dev.troupe.publishing;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.troupe.publishing.spi.AccountInfo;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class Channels {

	private final JdbcClient jdbc;
	private final JsonMapper json;

	Channels(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	void save(Channel c) {
		jdbc.sql("""
				insert into publishing_channels (id, character_id, platform, name, base_url, credentials_cipher, settings,
				    auto_approve, queue_slots, status, status_reason, account, blocked_until, created_at)
				values (?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, cast(? as jsonb), ?, ?, cast(? as jsonb), ?, ?)
				on conflict (id) do update set name = excluded.name, base_url = excluded.base_url,
				    credentials_cipher = excluded.credentials_cipher, settings = excluded.settings,
				    auto_approve = excluded.auto_approve, queue_slots = excluded.queue_slots, status = excluded.status,
				    status_reason = excluded.status_reason, account = excluded.account, blocked_until = excluded.blocked_until""")
			.params(c.id(), c.characterId(), c.platform(), c.name(), c.baseUrl() == null ? null : c.baseUrl().toString(),
					c.credentialsCipher(), json.writeValueAsString(c.settings()), c.autoApprove(),
					json.writeValueAsString(c.queueSlots()), c.status().name(), c.statusReason(),
					c.account() == null ? null : json.writeValueAsString(c.account()), ts(c.blockedUntil()), ts(c.createdAt()))
			.update();
	}

	Optional<Channel> find(UUID id) {
		return jdbc.sql("select * from publishing_channels where id = ?").param(id).query(this::map).optional();
	}

	List<Channel> list(UUID characterId) {
		return jdbc.sql("select * from publishing_channels where cast(? as uuid) is null or character_id = ? order by name")
			.params(characterId, characterId).query(this::map).list();
	}

	void block(UUID id, Instant until) {
		jdbc.sql("update publishing_channels set blocked_until = greatest(coalesce(blocked_until, ?), ?) where id = ?")
			.params(ts(until), ts(until), id).update();
	}

	/** A platform-wide limit: every channel on the same platform and API address waits. */
	void blockPlatform(String platform, java.net.URI baseUrl, Instant until) {
		jdbc.sql("""
				update publishing_channels set blocked_until = greatest(coalesce(blocked_until, ?), ?)
				where platform = ? and base_url is not distinct from ?""")
			.params(ts(until), ts(until), platform, baseUrl == null ? null : baseUrl.toString()).update();
	}

	void status(UUID id, Channel.Status status, String reason) {
		jdbc.sql("update publishing_channels set status = ?, status_reason = ? where id = ?").params(status.name(), reason, id)
			.update();
	}

	boolean delete(UUID id) {
		return jdbc.sql("delete from publishing_channels where id = ?").param(id).update() == 1;
	}

	private Channel map(ResultSet rs, int row) throws SQLException {
		var baseUrl = rs.getString("base_url");
		var account = rs.getString("account");
		var blocked = rs.getTimestamp("blocked_until");
		return new Channel(rs.getObject("id", UUID.class), rs.getObject("character_id", UUID.class), rs.getString("platform"),
				rs.getString("name"), baseUrl == null ? null : URI.create(baseUrl), rs.getString("credentials_cipher"),
				json.readValue(rs.getString("settings"), new TypeReference<Map<String, String>>() {
				}), rs.getBoolean("auto_approve"),
				json.readValue(rs.getString("queue_slots"), new TypeReference<List<Channel.Slot>>() {
				}), Channel.Status.valueOf(rs.getString("status")), rs.getString("status_reason"),
				account == null ? null : json.readValue(account, AccountInfo.class), blocked == null ? null : blocked.toInstant(),
				rs.getTimestamp("created_at").toInstant());
	}

	private static Timestamp ts(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}
}
