package dev.troupe.engagement;

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

import dev.troupe.engagement.InboxItem.State;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Inbox item rows. An item is inserted once per (channel, platform id): a repeat is ignored, whoever wins. */
@Repository
class InboxItems {

	private final JdbcClient jdbc;
	private final JsonMapper json;

	InboxItems(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** True when the item is new; false when this channel already has an item with its platform id. */
	boolean insertOnce(InboxItem i) {
		return jdbc.sql("""
				insert into engagement_items (id, channel_id, character_id, platform, remote_id, kind, author_id,
				    author_handle, author_name, author_url, text, created_at, collected_at, url, in_reply_to, thread_root,
				    thread_key, reply_refs, state, flags, original_publication_id)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), ?, ?, ?, ?, cast(? as jsonb), ?, cast(? as jsonb), ?)
				on conflict (channel_id, remote_id) do nothing""")
			.params(i.id(), i.channelId(), i.characterId(), i.platform(), i.remoteId(), i.kind(), i.author().id(),
					i.author().handle(), i.author().displayName(), i.author().url(), i.text(), ts(i.createdAt()), i.url(),
					i.inReplyToRemoteId(), i.threadRoot(), i.threadKey(), json.writeValueAsString(i.replyRefs()),
					i.state().name(), json.writeValueAsString(i.flags()), i.originalPublicationId())
			.update() == 1;
	}

	Optional<InboxItem> find(UUID id) {
		return jdbc.sql("select * from engagement_items where id = ?").param(id).query(this::map).optional();
	}

	/** Newest first; {@code before} pages by creation time; {@code q} searches text, author handle and name. */
	List<InboxItem> search(Filter f, int limit) {
		return jdbc.sql("""
				select * from engagement_items
				where (cast(? as uuid) is null or character_id = ?) and (cast(? as uuid) is null or channel_id = ?)
				  and (cast(? as varchar) is null or platform = ?) and (cast(? as varchar) is null or state = ?)
				  and (cast(? as timestamptz) is null or created_at < ?)
				  and (cast(? as varchar) is null or text ilike ? escape '\\' or author_handle ilike ? escape '\\'
				       or author_name ilike ? escape '\\')
				order by created_at desc, id limit ?""")
			.params(f.characterId(), f.characterId(), f.channelId(), f.channelId(), f.platform(), f.platform(), state(f),
					state(f), ts(f.before()), ts(f.before()), f.q(), like(f.q()), like(f.q()), like(f.q()), limit)
			.query(this::map).list();
	}

	int count(Filter f) {
		return jdbc.sql("""
				select count(*) from engagement_items
				where (cast(? as uuid) is null or character_id = ?) and (cast(? as uuid) is null or channel_id = ?)
				  and (cast(? as varchar) is null or platform = ?) and state = 'OPEN'""")
			.params(f.characterId(), f.characterId(), f.channelId(), f.channelId(), f.platform(), f.platform())
			.query(Integer.class).single();
	}

	record Filter(UUID characterId, UUID channelId, String platform, State state, String q, Instant before) {
	}

	/** The conversation the item belongs to, as collected, oldest first. */
	List<InboxItem> thread(UUID channelId, String threadKey) {
		return jdbc.sql("select * from engagement_items where channel_id = ? and thread_key = ? order by created_at, id")
			.params(channelId, threadKey).query(this::map).list();
	}

	Optional<String> threadKeyOf(UUID channelId, String remoteId) {
		return jdbc.sql("select thread_key from engagement_items where channel_id = ? and remote_id = ?")
			.params(channelId, remoteId).query(String.class).optional();
	}

	/** The conversation of the item that the reply post {@code replyPostId} answers, when it answers one. */
	Optional<String> threadKeyAnsweredBy(UUID channelId, UUID replyPostId) {
		return jdbc.sql("""
				select thread_key from engagement_items where channel_id = ? and reply_post_id = ?
				order by created_at limit 1""")
			.params(channelId, replyPostId).query(String.class).optional();
	}

	/** How many replies in this conversation were approved automatically (the loop guard). */
	int automaticReplies(UUID channelId, String threadKey) {
		return jdbc.sql("""
				select count(*) from engagement_items where channel_id = ? and thread_key = ? and replied_automatically""")
			.params(channelId, threadKey).query(Integer.class).single();
	}

	boolean state(UUID id, State to, List<State> from) {
		return jdbc.sql("update engagement_items set state = ? where id = ? and state in (:from)".replace(":from",
				String.join(",", from.stream().map(s -> "'" + s.name() + "'").toList())))
			.params(to.name(), id).update() == 1;
	}

	void answered(UUID id, UUID replyPostId, boolean automatically) {
		jdbc.sql("""
				update engagement_items set state = 'ANSWERED', reply_post_id = ?,
				    replied_automatically = replied_automatically or ? where id = ?""")
			.params(replyPostId, automatically, id).update();
	}

	void draftJob(UUID id, UUID jobId) {
		jdbc.sql("update engagement_items set draft_job_id = ? where id = ?").params(jobId, id).update();
	}

	private static String state(Filter f) {
		return f.state() == null ? null : f.state().name();
	}

	private static String like(String q) {
		return q == null ? null : "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
	}

	private InboxItem map(ResultSet rs, int row) throws SQLException {
		return new InboxItem(rs.getObject("id", UUID.class), rs.getObject("channel_id", UUID.class),
				rs.getObject("character_id", UUID.class), rs.getString("platform"), rs.getString("kind"),
				new InboxItem.Author(rs.getString("author_id"), rs.getString("author_handle"), rs.getString("author_name"),
						rs.getString("author_url")),
				rs.getString("text"), rs.getTimestamp("created_at").toInstant(), rs.getString("url"),
				State.valueOf(rs.getString("state")), rs.getString("thread_key"), rs.getString("in_reply_to"),
				rs.getObject("original_publication_id", UUID.class),
				json.readValue(rs.getString("flags"), new TypeReference<List<InboxItem.Flag>>() {
				}), rs.getObject("reply_post_id", UUID.class), rs.getString("remote_id"), rs.getString("thread_root"),
				json.readValue(rs.getString("reply_refs"), new TypeReference<Map<String, String>>() {
				}), rs.getBoolean("replied_automatically"), rs.getObject("draft_job_id", UUID.class));
	}

	private static Timestamp ts(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}
}
