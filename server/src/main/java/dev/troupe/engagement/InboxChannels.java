package dev.troupe.engagement;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Per channel: the inbox settings a person chose and the poller's position (cursor, last error, when the platform
 * said to ask again). A channel without a row has the defaults (read, replies reviewed, at most 3 automatic replies
 * per conversation). Also the studio's block list.
 */
@Repository
class InboxChannels {

	static final int DEFAULT_MAX_AUTO_REPLIES = 3;

	private final JdbcClient jdbc;
	private final JsonMapper json;

	InboxChannels(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** What the API shows and takes. */
	record Settings(boolean enabled, boolean autoApproveReplies, int maxAutoRepliesPerConversation) {

		static final Settings DEFAULT = new Settings(true, false, DEFAULT_MAX_AUTO_REPLIES);
	}

	/** Where the poller is. */
	record Position(String cursor, Instant lastPolledAt, String lastError, Instant retryAt) {
	}

	record Blocklist(List<String> accounts, List<String> words) {

		Blocklist {
			accounts = accounts == null ? List.of() : List.copyOf(accounts);
			words = words == null ? List.of() : List.copyOf(words);
		}
	}

	Settings settings(UUID channelId) {
		return jdbc.sql("""
				select enabled, auto_approve_replies, max_auto_replies_per_conversation from engagement_channels
				where channel_id = ?""").param(channelId)
			.query((rs, n) -> new Settings(rs.getBoolean(1), rs.getBoolean(2), rs.getInt(3))).optional()
			.orElse(Settings.DEFAULT);
	}

	void save(UUID channelId, Settings s) {
		jdbc.sql("""
				insert into engagement_channels (channel_id, enabled, auto_approve_replies, max_auto_replies_per_conversation)
				values (?, ?, ?, ?)
				on conflict (channel_id) do update set enabled = excluded.enabled,
				    auto_approve_replies = excluded.auto_approve_replies,
				    max_auto_replies_per_conversation = excluded.max_auto_replies_per_conversation""")
			.params(channelId, s.enabled(), s.autoApproveReplies(), s.maxAutoRepliesPerConversation()).update();
	}

	Position position(UUID channelId) {
		return jdbc.sql("select cursor, last_polled_at, last_error, retry_at from engagement_channels where channel_id = ?")
			.param(channelId)
			.query((rs, n) -> new Position(rs.getString(1), instant(rs.getTimestamp(2)), rs.getString(3),
					instant(rs.getTimestamp(4))))
			.optional().orElse(new Position(null, null, null, null));
	}

	/**
	 * Records a poll. The cursor moves only forward with the items it covers (same transaction as their insert), so a
	 * crash repeats at most one page, which the items' uniqueness absorbs.
	 */
	void polled(UUID channelId, String cursor, String error, Instant retryAt) {
		jdbc.sql("""
				insert into engagement_channels (channel_id, cursor, last_polled_at, last_error, retry_at)
				values (?, ?, now(), ?, ?)
				on conflict (channel_id) do update set cursor = coalesce(excluded.cursor, engagement_channels.cursor),
				    last_polled_at = now(), last_error = excluded.last_error, retry_at = excluded.retry_at""")
			.params(channelId, cursor, error, ts(retryAt)).update();
	}

	Blocklist blocklist() {
		return jdbc.sql("select accounts, words from engagement_blocklist where id = 1")
			.query((rs, n) -> new Blocklist(json.readValue(rs.getString(1), new TypeReference<List<String>>() {
			}), json.readValue(rs.getString(2), new TypeReference<List<String>>() {
			}))).single();
	}

	void blocklist(Blocklist list) {
		jdbc.sql("update engagement_blocklist set accounts = cast(? as jsonb), words = cast(? as jsonb) where id = 1")
			.params(json.writeValueAsString(list.accounts()), json.writeValueAsString(list.words())).update();
	}

	private static Instant instant(Timestamp at) {
		return at == null ? null : at.toInstant();
	}

	private static Timestamp ts(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}
}
