package dev.troupe.publishing.platform.feed;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The feed's own audience numbers: how often its public page was served and its RSS, Atom or JSON feed fetched, per
 * feed and per entry shown. Only counters: no cookies, addresses, user agents or times of single requests are kept.
 * Responses are cacheable for five minutes, so a proxy or reader serving a cached copy is not counted again.
 */
@Repository
class FeedAudience {

	enum Kind {
		PAGE_VIEW("page_views"), FEED_FETCH("feed_fetches");

		final String column;

		Kind(String column) {
			this.column = column;
		}
	}

	private final JdbcClient jdbc;

	FeedAudience(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Counts one serving of the feed and of every entry it showed, in two statements. */
	void count(String handle, Collection<UUID> shown, Kind kind) {
		jdbc.sql("insert into publishing_feed_audience (handle, " + kind.column + ") values (?, 1) on conflict (handle) "
				+ "do update set " + kind.column + " = publishing_feed_audience." + kind.column + " + 1")
			.param(handle.toLowerCase(Locale.ROOT)).update();
		if (!shown.isEmpty()) {
			jdbc.sql("insert into publishing_feed_views (publication_id, " + kind.column + ") select id, 1 from unnest(?) "
					+ "as id on conflict (publication_id) do update set " + kind.column + " = publishing_feed_views."
					+ kind.column + " + 1")
				.param(shown.toArray(UUID[]::new)).update();
		}
	}

	/** Per entry; an entry never served has zeros (Troupe counted every serving, so 0 is known, not missing). */
	Map<String, Map<String, Long>> entries(List<UUID> publicationIds) {
		var result = new HashMap<String, Map<String, Long>>();
		publicationIds.forEach(id -> result.put(id.toString(), Map.of("page_views", 0L, "feed_fetches", 0L)));
		jdbc.sql("select publication_id, page_views, feed_fetches from publishing_feed_views where publication_id = any(?)")
			.param(publicationIds.toArray(UUID[]::new))
			.query((rs, n) -> result.put(rs.getObject(1, UUID.class).toString(),
					Map.of("page_views", rs.getLong(2), "feed_fetches", rs.getLong(3))))
			.list();
		return result;
	}

	Map<String, Long> feed(String handle) {
		return jdbc.sql("select page_views, feed_fetches from publishing_feed_audience where handle = ?")
			.param(handle.toLowerCase(Locale.ROOT))
			.query((rs, n) -> Map.of("page_views", rs.getLong(1), "feed_fetches", rs.getLong(2)))
			.optional().orElse(Map.of("page_views", 0L, "feed_fetches", 0L));
	}
}
