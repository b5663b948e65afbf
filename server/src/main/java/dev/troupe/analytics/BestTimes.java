package dev.troupe.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;

import dev.troupe.analytics.BestTimeModel.Observation;
import dev.troupe.publishing.ChannelInsights;
import dev.troupe.publishing.ChannelInsights.QueueSlot;
import dev.troupe.shared.ApiProblem;

/**
 * Best times to post for a channel from the studio's collected history ({@link BestTimeModel}), and applying the
 * top ones as the channel's queue slots. Only posts at least a day old count: younger ones are still growing.
 */
@Service
class BestTimes {

	static final Duration MATURE = Duration.ofHours(24);

	private final ChannelInsights insights;
	private final Samples samples;
	private final AnalyticsReports reports;

	BestTimes(ChannelInsights insights, Samples samples, AnalyticsReports reports) {
		this.insights = insights;
		this.samples = samples;
		this.reports = reports;
	}

	record Answer(UUID channelId, String timeZone, String confidence, int sampleSize, List<BestTimeModel.BestTimeSlot> slots) {
	}

	record Applied(UUID channelId, List<QueueSlot> queueSlots) {
	}

	Answer forChannel(UUID channelId) {
		var channel = insights.channel(channelId).orElseThrow(() -> ApiProblem.notFound("Channel", channelId));
		var observations = new ArrayList<Observation>();
		var before = Instant.now().minus(MATURE);
		for (var c : insights.channels(null)) {
			var zone = reports.zone(c);
			var followersName = CommonMetrics.followersName(insights.metrics(c.platform()).account());
			var followers = samples.followerSeries(List.of(c.id()), followersName);
			for (var t : samples.matured(List.of(c.id()), before)) {
				var local = t.publishedAt().atZone(zone);
				observations.add(new Observation(c.id(), local.getDayOfWeek(), local.getHour(),
						value(t.engagement(), nearest(followers, t.publishedAt()))));
			}
		}
		var result = BestTimeModel.rank(channelId, observations);
		return new Answer(channelId, reports.zone(channel).getId(), result.confidence(), result.sampleSize(),
				result.slots());
	}

	Applied apply(UUID channelId, Integer count) {
		int wanted = count == null ? 5 : count;
		if (wanted < 1 || wanted > 28) {
			throw ApiProblem.badRequest("count", "must be between 1 and 28");
		}
		var slots = forChannel(channelId).slots();
		if (slots.isEmpty()) {
			throw ApiProblem.unprocessable("count", "there is no engagement history yet to choose slots from");
		}
		var chosen = slots.stream().limit(wanted)
			.map(s -> new QueueSlot(s.weekday(), LocalTime.of(s.hour(), 0)))
			.sorted(Comparator.comparing(QueueSlot::day).thenComparing(QueueSlot::time))
			.toList();
		return new Applied(channelId, insights.replaceQueueSlots(channelId, chosen));
	}

	/** Engagement per follower at the time, or raw engagement when the platform reports no followers. */
	private static double value(long engagement, Long followers) {
		return followers == null || followers <= 0 ? engagement : (double) engagement / followers;
	}

	/** The follower sample nearest in time (the series is sorted by time and short). */
	static Long nearest(List<Samples.Followers> series, Instant at) {
		Samples.Followers best = null;
		for (var f : series) {
			if (best == null || Math.abs(Duration.between(f.at(), at).toSeconds()) < Math.abs(
					Duration.between(best.at(), at).toSeconds())) {
				best = f;
			}
		}
		return best == null ? null : best.value();
	}

}
