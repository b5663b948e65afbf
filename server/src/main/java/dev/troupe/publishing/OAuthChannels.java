package dev.troupe.publishing;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which channels were connected by OAuth: the platform's account id (so a reconnect of the same account finds
 * its channel) and when the token was issued and expires (so the refresh task knows when to act).
 */
@Repository
class OAuthChannels {

	private final JdbcClient jdbc;

	OAuthChannels(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	record Token(UUID channelId, String accountId, Instant issuedAt, Instant expiresAt, int failures) {
	}

	Optional<UUID> channelOf(UUID characterId, String platform, String accountId) {
		return jdbc.sql("""
				select c.id from publishing_channels c join publishing_oauth_channels o on o.channel_id = c.id
				where c.character_id = ? and c.platform = ? and o.remote_account_id = ?""")
			.params(characterId, platform, accountId).query(UUID.class).optional();
	}

	void issued(UUID channelId, String accountId, Instant issuedAt, Instant expiresAt) {
		jdbc.sql("""
				insert into publishing_oauth_channels (channel_id, remote_account_id, issued_at, expires_at)
				values (?, ?, ?, ?)
				on conflict (channel_id) do update set remote_account_id = excluded.remote_account_id,
				    issued_at = excluded.issued_at, expires_at = excluded.expires_at, refresh_failures = 0, last_error = null""")
			.params(channelId, accountId, PlatformApps.ts(issuedAt), PlatformApps.ts(expiresAt)).update();
	}

	Optional<Token> find(UUID channelId) {
		return jdbc.sql("select * from publishing_oauth_channels where channel_id = ?").param(channelId)
			.query((rs, n) -> {
				var expires = rs.getTimestamp("expires_at");
				return new Token(channelId, rs.getString("remote_account_id"), rs.getTimestamp("issued_at").toInstant(),
						expires == null ? null : expires.toInstant(), rs.getInt("refresh_failures"));
			})
			.optional();
	}

	void failed(UUID channelId, String error) {
		jdbc.sql("update publishing_oauth_channels set refresh_failures = refresh_failures + 1, last_error = ? where channel_id = ?")
			.params(error, channelId).update();
	}

	void credentials(UUID channelId, String credentialsCipher) {
		jdbc.sql("update publishing_channels set credentials_cipher = ? where id = ?").params(credentialsCipher, channelId)
			.update();
	}
}
