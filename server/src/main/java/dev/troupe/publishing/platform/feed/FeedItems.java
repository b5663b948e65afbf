package dev.troupe.publishing.platform.feed;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Published feed entries; one per publication, so publishing the same publication twice is a no-op. */
@Repository
class FeedItems {

	private final JdbcClient jdbc;
	private final JsonMapper json;

	FeedItems(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	record Item(UUID id, String handle, String text, List<MediaRef> media, Instant publishedAt) {
	}

	/** {@code size} in bytes; null in entries written before sizes were recorded. */
	record MediaRef(UUID assetId, String contentType, String altText, Long size) {
	}

	void add(UUID publicationId, String handle, String text, List<MediaRef> media, Instant at) {
		jdbc.sql("""
				insert into publishing_feed_items (publication_id, character_id, handle, text, media, published_at)
				values (?, (select character_id from publishing_channels c join publishing_publications p on p.channel_id = c.id
				            where p.id = ?), ?, ?, cast(? as jsonb), ?)
				on conflict (publication_id) do nothing""")
			.params(publicationId, publicationId, handle, text, json.writeValueAsString(media), Timestamp.from(at)).update();
	}

	boolean exists(UUID publicationId) {
		return jdbc.sql("select exists (select 1 from publishing_feed_items where publication_id = ?)").param(publicationId)
			.query(Boolean.class).single();
	}

	List<Item> latest(String handle, int limit) {
		return jdbc.sql("""
				select * from publishing_feed_items where lower(handle) = lower(?) order by published_at desc limit ?""")
			.params(handle, limit)
			.query((rs, n) -> new Item(rs.getObject("publication_id", UUID.class), rs.getString("handle"), rs.getString("text"),
					json.readValue(rs.getString("media"), new TypeReference<List<MediaRef>>() {
					}), rs.getTimestamp("published_at").toInstant()))
			.list();
	}

	boolean servesAsset(String handle, UUID assetId) {
		return jdbc.sql("""
				select exists (select 1 from publishing_feed_items where lower(handle) = lower(?)
				  and media @> cast(? as jsonb))""").params(handle, "[{\"assetId\":\"" + assetId + "\"}]")
			.query(Boolean.class).single();
	}
}
