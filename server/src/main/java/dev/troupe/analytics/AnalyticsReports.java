package dev.troupe.analytics;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.troupe.analytics.AnalyticsViews.ChannelReport;
import dev.troupe.analytics.AnalyticsViews.CollectionRow;
import dev.troupe.analytics.AnalyticsViews.DayPoint;
import dev.troupe.analytics.AnalyticsViews.PlatformTotals;
import dev.troupe.analytics.AnalyticsViews.Point;
import dev.troupe.analytics.AnalyticsViews.PublicationDetail;
import dev.troupe.analytics.AnalyticsViews.PublicationItem;
import dev.troupe.analytics.AnalyticsViews.PublicationList;
import dev.troupe.analytics.AnalyticsViews.Totals;
import dev.troupe.character.CharacterManagement;
import dev.troupe.publishing.ChannelInsights;
import dev.troupe.publishing.ChannelInsights.ChannelSummary;
import dev.troupe.shared.ApiProblem;

/** Reads for the analytics API: lists with totals, one publication's series, a channel's chart, collection status. */
@Service
@Transactional(readOnly = true)
class AnalyticsReports {

	private final Samples samples;
	private final ChannelInsights insights;
	private final CollectionStatus status;
	private final CharacterManagement characters;
	private final Map<UUID, CachedZone> zones = new java.util.concurrent.ConcurrentHashMap<>();

	AnalyticsReports(Samples samples, ChannelInsights insights, CollectionStatus status,
			CharacterManagement characters) {
		this.samples = samples;
		this.insights = insights;
		this.status = status;
		this.characters = characters;
	}

	PublicationList publications(Samples.Filter filter, boolean byEngagement, int limit) {
		var names = channelNames();
		var items = samples.list(filter, byEngagement, limit).stream().map(t -> item(t, names)).toList();
		var perPlatform = samples.totals(filter);
		long reactions = 0, shares = 0, comments = 0, count = 0;
		Long views = null;
		for (var t : perPlatform) {
			reactions += t.reactions();
			shares += t.shares();
			comments += t.comments();
			count += t.publications();
			if (t.views() != null) {
				views = (views == null ? 0L : views) + t.views();
			}
		}
		return new PublicationList(items, new Totals(reactions, shares, comments, views, count), perPlatform.stream()
			.map(t -> new PlatformTotals(t.platform(), t.publications(), t.reactions(), t.shares(), t.comments(), t.views()))
			.toList());
	}

	PublicationDetail publication(UUID id) {
		var tracked = samples.find(id).orElseThrow(() -> ApiProblem.notFound("Publication with metrics", id));
		var spec = insights.metrics(tracked.platform()).publication();
		var series = samples.publicationSeries(id).stream()
			.map(s -> new Point(s.at(), s.metrics(), CommonMetrics.map(spec, s.metrics(), CommonMetrics.PUBLICATION)))
			.toList();
		return PublicationDetail.of(item(tracked, channelNames()), series, spec);
	}

	ChannelReport channel(UUID channelId, Instant from, Instant to) {
		var channel = insights.channel(channelId).orElseThrow(() -> ApiProblem.notFound("Channel", channelId));
		var spec = insights.metrics(channel.platform()).account();
		var series = samples.accountSeries(channelId, from, to).stream()
			.map(s -> new Point(s.at(), s.metrics(), CommonMetrics.map(spec, s.metrics(), CommonMetrics.ACCOUNT)))
			.toList();
		var days = samples.engagementPerDay(channelId, from, to, zone(channel).getId()).stream()
			.map(d -> new DayPoint(d.day(), d.publications(), d.engagement()))
			.toList();
		return new ChannelReport(channelId, channel.platform(), channel.characterId(), spec, series, days);
	}

	List<CollectionRow> collection() {
		var rows = status.all();
		return insights.channels(null).stream().map(c -> {
			var row = rows.get(c.id());
			return new CollectionRow(c.id(), c.platform(), insights.reportsMetrics(c.platform()),
					row == null ? null : row.lastRunAt(), row == null ? null : row.nextRunAt(),
					row == null ? null : row.lastError(), row == null ? null : row.deferredUntil());
		}).toList();
	}

	/** The character's zone; a minute-old answer is fine, and saves loading the whole character on every chart. */
	ZoneId zone(ChannelSummary channel) {
		var cached = zones.get(channel.characterId());
		if (cached != null && cached.at().isAfter(Instant.now().minusSeconds(60))) {
			return cached.zone();
		}
		ZoneId zone;
		try {
			zone = ZoneId.of(characters.get(channel.characterId()).timeZone());
		}
		catch (RuntimeException unknown) {
			zone = ZoneId.of("UTC");
		}
		zones.put(channel.characterId(), new CachedZone(zone, Instant.now()));
		return zone;
	}

	private record CachedZone(ZoneId zone, Instant at) {
	}

	private PublicationItem item(Tracked t, Map<UUID, String> names) {
		var common = new java.util.LinkedHashMap<String, Long>();
		common.put("reactions", t.common().reactions());
		common.put("shares", t.common().shares());
		common.put("comments", t.common().comments());
		common.put("views", t.common().views());
		return new PublicationItem(t.publicationId(), t.postId(), t.characterId(), t.channelId(),
				names.get(t.channelId()), t.platform(), t.publishedAt(), t.url(), t.excerpt(), t.thumbnailId(),
				t.metrics(), common, t.engagement(), t.sampledAt());
	}

	private Map<UUID, String> channelNames() {
		var names = new HashMap<UUID, String>();
		insights.channels(null).forEach(c -> names.put(c.id(), c.name()));
		return names;
	}
}
