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
				    scheduled_at, created_by, created_at, updated_at, version, editors, caption_job_id, lore_used, continuity)
				values (?, ?, ?, cast(? as jsonb), cast(? as jsonb), cast(? as jsonb), ?, cast(? as jsonb), ?, ?, ?, ?, ?,
				    cast(? as jsonb), ?, cast(? as jsonb), cast(? as jsonb))""")
			.params(p.id(), p.characterId(), p.caption(), json.writeValueAsString(p.media()),
					json.writeValueAsString(p.channelIds()), json.writeValueAsString(p.variants()), p.state().name(),
					p.review() == null ? null : json.writeValueAsString(p.review()), ts(p.scheduledAt()), p.createdBy(),
					ts(p.createdAt()), ts(p.updatedAt()), p.version(), json.writeValueAsString(p.editors()),
					p.captionJobId(), json.writeValueAsString(p.loreUsed()), continuity(p.continuity()))
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

	/** Posts matching every given filter (null: any), newest first, one page of them. */
	List<Post> search(PostFilter f) {
		return jdbc.sql(FILTERED.formatted("*") + " order by coalesce(scheduled_at, updated_at) desc, id limit ? offset ?")
			.params(filterParams(f, f.limit(), f.offset()))
			.query(this::map).list();
	}

	/** How many posts match, for paging. */
	long count(PostFilter f) {
		return jdbc.sql(FILTERED.formatted("count(*)")).params(filterParams(f)).query(Long.class).single();
	}

	private static final String FILTERED = """
			select %s from content_posts
			where (cast(? as varchar) is null or state = any(string_to_array(?, ',')))
			  and (cast(? as uuid) is null or character_id = ?)
			  and (cast(? as varchar) is null or channel_ids @> cast(? as jsonb))
			  and (cast(? as varchar) is null or caption ilike ? escape '\\')
			  and (cast(? as timestamptz) is null or coalesce(scheduled_at, updated_at) >= ?)
			  and (cast(? as timestamptz) is null or coalesce(scheduled_at, updated_at) < ?)
			  and (cast(? as boolean) is null or (scheduled_at is null) = ?)""";

	private List<Object> filterParams(PostFilter f, Object... more) {
		var states = f.states().isEmpty() ? null : String.join(",", f.states().stream().map(Enum::name).toList());
		var channel = f.channelId() == null ? null : "[\"" + f.channelId() + "\"]";
		var like = f.query() == null ? null : "%" + f.query().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
		var params = new ArrayList<Object>();
		for (var value : new Object[] { states, f.characterId(), channel, like, ts(f.from()), ts(f.to()), f.unscheduled() }) {
			params.add(value);
			params.add(value);
		}
		params.addAll(List.of(more));
		return params;
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
				rs.getString("continuity") == null ? null : json.readValue(rs.getString("continuity"), Continuity.class));
	}

	private static Timestamp ts(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}
}
