package dev.troupe.media;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Asset rows. One row per distinct content: the same bytes uploaded twice are the same asset.
 */
@Repository
class MediaAssets {

	private final JdbcClient jdbc;

	MediaAssets(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Inserts the asset unless its content is already known; either way returns the stored asset. */
	MediaAsset insertOrGet(MediaAsset asset, String thumbnailSha256, String filename) {
		jdbc.sql("""
				insert into media_assets (id, sha256, content_type, size_bytes, width, height, thumbnail_sha256,
				                          original_filename, created_by, created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (sha256) do nothing""")
				.params(asset.id(), asset.sha256(), asset.contentType(), asset.size(), asset.width(), asset.height(),
						thumbnailSha256, filename, asset.createdBy(), Timestamp.from(asset.createdAt()))
				.update();
		return findBySha256(asset.sha256()).orElseThrow();
	}

	void delete(UUID id) {
		jdbc.sql("delete from media_assets where id = ?").param(id).update();
	}

	Optional<MediaAsset> findById(UUID id) {
		return jdbc.sql("select * from media_assets where id = ?").param(id).query(MediaAssets::map).optional();
	}

	Optional<String> thumbnailOf(UUID id) {
		return jdbc.sql("select thumbnail_sha256 from media_assets where id = ?").param(id).query(String.class)
				.optional();
	}

	/** Whether an asset or a thumbnail is stored under this key. */
	boolean references(String sha256) {
		return jdbc.sql("select exists (select 1 from media_assets where sha256 = :sha or thumbnail_sha256 = :sha)")
			.param("sha", sha256).query(Boolean.class).single();
	}

	private Optional<MediaAsset> findBySha256(String sha256) {
		return jdbc.sql("select * from media_assets where sha256 = ?").param(sha256).query(MediaAssets::map).optional();
	}

	private static MediaAsset map(ResultSet rs, int row) throws SQLException {
		return new MediaAsset(rs.getObject("id", UUID.class), rs.getString("sha256"), rs.getString("content_type"),
				rs.getLong("size_bytes"), (Integer) rs.getObject("width"), (Integer) rs.getObject("height"),
				rs.getString("created_by"), rs.getTimestamp("created_at").toInstant());
	}
}
