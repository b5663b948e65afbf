package dev.troupe.analytics;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The time series and the per-publication read model. A sample is one row of (subject, time, small jsonb of the
 * platform's metric names); the latest sample of each publication is copied onto its read-model row with the common
 * numbers, so lists, totals, the channel chart and the best-time model never scan the series.
 */
@Repository
class Samples {

	private static final TypeReference<Map<String, Long>> METRICS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;
	private final JsonMapper json;

	Samples(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	Set<UUID> trackedIds(UUID channelId) {
		return Set.copyOf(jdbc.sql("select publication_id from analytics_publications where channel_id = ?")
			.param(channelId).query(UUID.class).list());
	}

	void track(Tracked t) {
		jdbc.sql("""
				insert into analytics_publications (publication_id, post_id, channel_id, character_id, platform, remote_id,
				    url, published_at, excerpt, thumbnail_id)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (publication_id) do nothing""")
			.params(t.publicationId(), t.postId(), t.channelId(), t.characterId(), t.platform(), t.remoteId(), t.url(),
					ts(t.publishedAt()), t.excerpt(), t.thumbnailId())
			.update();
	}

	/** Publications of the channel published after {@code since}, oldest first. */
	List<Tracked> trackedSince(UUID channelId, Instant since) {
		return jdbc.sql(SELECT + " where channel_id = ? and published_at >= ? order by published_at")
			.params(channelId, ts(since)).query(this::map).list();
	}

	Optional<Tracked> find(UUID publicationId) {
		return jdbc.sql(SELECT + " where publication_id = ?").param(publicationId).query(this::map).optional();
	}

	/** Stores a sample and makes it the publication's latest numbers. */
	void recordPublication(UUID publicationId, Instant at, Map<String, Long> metrics, Tracked.Common common) {
		var body = json.writeValueAsString(metrics);
		jdbc.sql("""
				insert into analytics_publication_samples (publication_id, sampled_at, metrics) values (?, ?, cast(? as jsonb))
				on conflict do nothing""").params(publicationId, ts(at), body).update();
		jdbc.sql("""
				update analytics_publications set sampled_at = ?, metrics = cast(? as jsonb), reactions = ?, shares = ?,
				    comments = ?, views = ?, engagement = ? where publication_id = ?""")
			.params(ts(at), body, common.reactions(), common.shares(), common.comments(), common.views(),
					common.engagement(), publicationId)
			.update();
	}

	/** A post the platform no longer has: sampled (so it is not asked again this round) with no new numbers. */
	void markMissing(UUID publicationId, Instant at) {
		jdbc.sql("update analytics_publications set sampled_at = ? where publication_id = ?").params(ts(at), publicationId)
			.update();
	}

	void recordAccount(UUID channelId, Instant at, Map<String, Long> metrics) {
		jdbc.sql("""
				insert into analytics_account_samples (channel_id, sampled_at, metrics) values (?, ?, cast(? as jsonb))
				on conflict do nothing""").params(channelId, ts(at), json.writeValueAsString(metrics)).update();
	}

	record Sample(Instant at, Map<String, Long> metrics) {
	}

	List<Sample> publicationSeries(UUID publicationId) {
		return jdbc.sql("""
				select sampled_at, metrics from analytics_publication_samples where publication_id = ? order by sampled_at""")
			.param(publicationId).query((rs, n) -> sample(rs)).list();
	}

	List<Sample> accountSeries(UUID channelId, Instant from, Instant to) {
		return jdbc.sql("""
				select sampled_at, metrics from analytics_account_samples where channel_id = ? and sampled_at >= ?
				  and sampled_at < ? order by sampled_at""")
			.params(channelId, ts(from), ts(to)).query((rs, n) -> sample(rs)).list();
	}

	record Followers(UUID channelId, Instant at, long value) {
	}

	/** The channels' follower counts over all time, for the best-time model (a few per day and channel). */
	List<Followers> followerSeries(Collection<UUID> channelIds, String metric) {
		if (channelIds.isEmpty() || metric == null) {
			return List.of();
		}
		return jdbc.sql("""
				select channel_id, sampled_at, (metrics ->> ?)::bigint from analytics_account_samples
				where channel_id = any(?) and jsonb_exists(metrics, ?) order by sampled_at""")
			.params(metric, channelIds.toArray(UUID[]::new), metric)
			.query((rs, n) -> new Followers(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(), rs.getLong(3)))
			.list();
	}

	Optional<Instant> lastAccountSample(UUID channelId) {
		return jdbc.sql("select max(sampled_at) from analytics_account_samples where channel_id = ?").param(channelId)
			.query(Timestamp.class).optional().map(Timestamp::toInstant);
	}

	record Filter(UUID characterId, UUID channelId, String platform, Instant from, Instant to) {
	}

	List<Tracked> list(Filter f, boolean byEngagement, int limit) {
		return jdbc.sql(SELECT + WHERE + (byEngagement ? " order by engagement desc, published_at desc"
				: " order by published_at desc") + " limit ?")
			.params(params(f, limit)).query(this::map).list();
	}

	record Totals(String platform, long publications, long reactions, long shares, long comments, Long views) {
	}

	/** Totals over the whole filter, per platform (views stay null where no publication reports any). */
	List<Totals> totals(Filter f) {
		return jdbc.sql("""
				select platform, count(*), coalesce(sum(reactions), 0), coalesce(sum(shares), 0),
				       coalesce(sum(comments), 0), sum(views)::bigint from analytics_publications""" + WHERE
				+ " group by platform order by platform")
			.params(params(f, null))
			.query((rs, n) -> new Totals(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
					(Long) rs.getObject(6, Long.class)))
			.list();
	}

	record Day(java.time.LocalDate day, long publications, long engagement) {
	}

	/** Publications and their engagement per day of publishing, in the zone given. */
	List<Day> engagementPerDay(UUID channelId, Instant from, Instant to, String zone) {
		return jdbc.sql("""
				select (published_at at time zone ?)::date as day, count(*), coalesce(sum(engagement), 0)
				from analytics_publications where channel_id = ? and published_at >= ? and published_at < ?
				group by 1 order by 1""")
			.params(zone, channelId, ts(from), ts(to))
			.query((rs, n) -> new Day(rs.getObject(1, java.time.LocalDate.class), rs.getLong(2), rs.getLong(3))).list();
	}

	/** Publications old enough for the best-time model, of all the given channels. */
	List<Tracked> matured(Collection<UUID> channelIds, Instant publishedBefore) {
		if (channelIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql(SELECT + " where channel_id = any(?) and published_at < ? and sampled_at is not null")
			.params(channelIds.toArray(UUID[]::new), ts(publishedBefore)).query(this::map).list();
	}

	int deleteOlderThan(Instant before) {
		return jdbc.sql("delete from analytics_publication_samples where sampled_at < ?").param(ts(before)).update()
				+ jdbc.sql("delete from analytics_account_samples where sampled_at < ?").param(ts(before)).update();
	}

	private static final String SELECT = "select * from analytics_publications";

	private static final String WHERE = " where (cast(? as uuid) is null or character_id = ?)"
			+ " and (cast(? as uuid) is null or channel_id = ?) and (cast(? as varchar) is null or platform = ?)"
			+ " and published_at >= ? and published_at < ?";

	private static Object[] params(Filter f, Integer limit) {
		var list = new ArrayList<Object>(List.of());
		list.add(f.characterId());
		list.add(f.characterId());
		list.add(f.channelId());
		list.add(f.channelId());
		list.add(f.platform());
		list.add(f.platform());
		list.add(ts(f.from()));
		list.add(ts(f.to()));
		if (limit != null) {
			list.add(limit);
		}
		return list.toArray();
	}

	private Sample sample(ResultSet rs) throws SQLException {
		return new Sample(rs.getTimestamp(1).toInstant(), json.readValue(rs.getString(2), METRICS));
	}

	private Tracked map(ResultSet rs, int row) throws SQLException {
		var sampled = rs.getTimestamp("sampled_at");
		return new Tracked(rs.getObject("publication_id", UUID.class), rs.getObject("post_id", UUID.class),
				rs.getObject("channel_id", UUID.class), rs.getObject("character_id", UUID.class), rs.getString("platform"),
				rs.getString("remote_id"), rs.getString("url"), rs.getTimestamp("published_at").toInstant(),
				rs.getString("excerpt"), rs.getObject("thumbnail_id", UUID.class),
				sampled == null ? null : sampled.toInstant(), json.readValue(rs.getString("metrics"), METRICS),
				new Tracked.Common(rs.getObject("reactions", Long.class), rs.getObject("shares", Long.class),
						rs.getObject("comments", Long.class), rs.getObject("views", Long.class)),
				rs.getLong("engagement"));
	}

	private static Timestamp ts(Instant at) {
		return at == null ? null : Timestamp.from(at);
	}
}
