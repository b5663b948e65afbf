package dev.troupe.content;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.troupe.generation.Continuity;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Post rows; media, targets and variants are jsonb documents written whole. */
@Repository
class Posts {

	private final JdbcClient jdbc;
	private final JsonMapper json;

	Posts(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	void insert(Post p) {
		jdbc.sql("""
				insert into content_posts (id, character_id, caption, media, channel_ids, variants, state, review,
				    scheduled_at, created_by, created_at, updated_at, version, editors, caption_job_id, lore_used, continuity,
				    reply_to)
				values (?, ?, ?, cast(? as jsonb), cast(? as jsonb), cast(? as jsonb), ?, cast(? as jsonb), ?, ?, ?, ?, ?,
				    cast(? as jsonb), ?, cast(? as jsonb), cast(? as jsonb), cast(? as jsonb))""")
			.params(p.id(), p.characterId(), p.caption(), json.writeValueAsString(p.media()),
					json.writeValueAsString(p.channelIds()), json.writeValueAsString(p.variants()), p.state().name(),
					p.review() == null ? null : json.writeValueAsString(p.review()), ts(p.scheduledAt()), p.createdBy(),
					ts(p.createdAt()), ts(p.updatedAt()), p.version(), json.writeValueAsString(p.editors()),
					p.captionJobId(), json.writeValueAsString(p.loreUsed()), continuity(p.continuity()),
					p.replyTo() == null ? null : json.writeValueAsString(p.replyTo()))
			.update();
	}

	/** Saves if the row still has {@code expectedVersion}. */
	boolean update(Post p, int expectedVersion) {
		return jdbc.sql("""
				update content_posts set caption = ?, media = cast(? as jsonb), channel_ids = cast(? as jsonb),
				    variants = cast(? as jsonb), state = ?, review = cast(? as jsonb), scheduled_at = ?, updated_at = ?,
				    version = ?, editors = cast(? as jsonb), caption_job_id = ?, lore_used = cast(? as jsonb),
				    continuity = cast(? as jsonb)
				where id = ? and version = ?""")
			.params(p.caption(), json.writeValueAsString(p.media()), json.writeValueAsString(p.channelIds()),
					json.writeValueAsString(p.variants()), p.state().name(),
					p.review() == null ? null : json.writeValueAsString(p.review()), ts(p.scheduledAt()),
					ts(p.updatedAt()), p.version(), json.writeValueAsString(p.editors()), p.captionJobId(),
					json.writeValueAsString(p.loreUsed()), continuity(p.continuity()), p.id(), expectedVersion)
			.update() == 1;
	}

	/**
	 * Stores a continuity verdict if the post's caption is still the one checked (an edit meanwhile made it
	 * stale). Not an edit: the version stays.
	 */
	void continuity(UUID id, String checkedCaption, Continuity verdict) {
		jdbc.sql("update content_posts set continuity = cast(? as jsonb) where id = ? and caption = ?")
			.params(continuity(verdict), id, checkedCaption).update();
	}

	private String continuity(Continuity verdict) {
		return verdict == null ? null : json.writeValueAsString(verdict);
	}

	Optional<Post> find(UUID id) {
		return jdbc.sql("select * from content_posts where id = ?").param(id).query(this::map).optional();
	}

	Map<UUID, Post> findAll(java.util.Collection<UUID> ids) {
		var found = new java.util.HashMap<UUID, Post>();
		if (!ids.isEmpty()) {
			jdbc.sql("select * from content_posts where id = any(?)").param(ids.toArray(UUID[]::new)).query(this::map).list()
				.forEach(post -> found.put(post.id(), post));
		}
		return found;
	}

	/**
	 * Posts matching every given filter, newest first, one page of them. Only the filters given become conditions,
	 * so each query can use the time indexes (V97) as the unfiltered list does.
	 */
	List<Post> search(PostFilter f) {
		var where = where(f);
		where.params().addAll(List.of(f.limit(), f.offset()));
		return jdbc.sql("select * from content_posts" + where.sql() + " order by coalesce(scheduled_at, updated_at) desc limit ? offset ?")
			.params(where.params())
			.query(this::map).list();
	}

	/** How many posts match, for paging. */
	long count(PostFilter f) {
		var where = where(f);
		return jdbc.sql("select count(*) from content_posts" + where.sql()).params(where.params()).query(Long.class).single();
	}

	private record Where(String sql, List<Object> params) {
	}

	private static Where where(PostFilter f) {
		var conditions = new ArrayList<String>();
		var params = new ArrayList<Object>();
		if (f.states().size() == 1) {
			conditions.add("state = ?");
			params.add(f.states().get(0).name());
		}
		else if (!f.states().isEmpty()) {
			conditions.add("state in (" + String.join(", ", f.states().stream().map(s -> "?").toList()) + ")");
			f.states().forEach(s -> params.add(s.name()));
		}
		if (f.characterId() != null) {
			conditions.add("character_id = ?");
			params.add(f.characterId());
		}
		if (f.channelId() != null) {
			conditions.add("channel_ids @> cast(? as jsonb)");
			params.add("[\"" + f.channelId() + "\"]");
		}
		if (f.query() != null) {
			conditions.add("caption ilike ? escape '\\'");
			params.add("%" + f.query().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
		}
		if (f.from() != null) {
			conditions.add("coalesce(scheduled_at, updated_at) >= ?");
			params.add(ts(f.from()));
		}
		if (f.to() != null) {
			conditions.add("coalesce(scheduled_at, updated_at) < ?");
			params.add(ts(f.to()));
		}
		if (f.unscheduled() != null) {
			conditions.add(f.unscheduled() ? "scheduled_at is null" : "scheduled_at is not null");
		}
		return new Where(conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions), params);
	}

	boolean delete(UUID id) {
		return jdbc.sql("delete from content_posts where id = ?").param(id).update() == 1;
	}

	/**
	 * The post this user's idempotency key created in the last 24 hours, with the hash of the request that created
	 * it. Another user's key, or an older one, is not seen (and an expired one is forgotten here).
	 */
	Optional<Map.Entry<String, UUID>> idempotent(String actor, String key) {
		jdbc.sql("delete from content_idempotency_keys where actor = ? and key = ? and created_at < now() - interval '24 hours'")
			.params(actor, key).update();
		return jdbc.sql("""
				select request_hash, post_id from content_idempotency_keys
				where actor = ? and key = ? and created_at >= now() - interval '24 hours'""")
			.params(actor, key).query((rs, n) -> Map.entry(rs.getString(1), rs.getObject(2, UUID.class))).optional();
	}

	void remember(String actor, String key, String requestHash, UUID postId) {
		jdbc.sql("""
				insert into content_idempotency_keys (actor, key, request_hash, post_id, created_at) values (?, ?, ?, ?, now())""")
			.params(actor, key, requestHash, postId).update();
	}

	/** Keys older than 24 hours, gone for good; returns how many. */
	int forgetExpiredKeys() {
		return jdbc.sql("delete from content_idempotency_keys where created_at < now() - interval '24 hours'").update();
	}

	private Post map(ResultSet rs, int row) throws SQLException {
		var review = rs.getString("review");
		var scheduled = rs.getTimestamp("scheduled_at");
		return new Post(rs.getObject("id", UUID.class), rs.getObject("character_id", UUID.class), rs.getString("caption"),
				json.readValue(rs.getString("media"), new TypeReference<List<Post.Media>>() {
				}), json.readValue(rs.getString("channel_ids"), new TypeReference<List<UUID>>() {
				}), json.readValue(rs.getString("variants"), new TypeReference<Map<UUID, Post.Variant>>() {
				}), PostState.valueOf(rs.getString("state")),
				review == null ? null : json.readValue(review, Post.Review.class),
				scheduled == null ? null : scheduled.toInstant(), rs.getString("created_by"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(), rs.getInt("version"),
				json.readValue(rs.getString("editors"), new TypeReference<List<String>>() {
				}), rs.getObject("caption_job_id", UUID.class), json.readTree(rs.getString("lore_used")),
				rs.getString("continuity") == null ? null : json.readValue(rs.getString("continuity"), Continuity.class),
				rs.getString("reply_to") == null ? null : json.readValue(rs.getString("reply_to"), Post.ReplyTo.class));
	}

	private static Timestamp ts(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}
}
