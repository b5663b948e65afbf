package dev.troupe.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.troupe.content.PostManagement;
import dev.troupe.publishing.ChannelInsights;
import dev.troupe.publishing.ChannelInsights.ChannelSummary;
import dev.troupe.publishing.spi.InsightsRateLimited;
import dev.troupe.publishing.spi.PlatformException;
import dev.troupe.publishing.spi.PlatformInsights.PublishedPost;

/**
 * One collection run for one channel (the body of its db-scheduler task): finds what was published, samples the
 * posts that are due (hourly while fresh, daily until they are a month old) in one batch the adapter may split as
 * its API allows, samples the account every few hours, and says when to run next.
 * <p>
 * Publishing comes first: while the channel is held by a rate limit, or a publication is due (or being sent)
 * within {@code publishingWindow}, the run does nothing and comes back after. A rate limit met while collecting is
 * honoured until the time the platform gave. Safe to re-run: a sample is keyed by (subject, time).
 */
@Component
class Collector {

	/** A run samples whatever falls due within this margin, so hourly samples do not drift by a poll each time. */
	static final Duration TOLERANCE = Duration.ofMinutes(5);
	static final int MAX_PER_RUN = 200;
	private static final Logger log = LoggerFactory.getLogger(Collector.class);

	private final ChannelInsights insights;
	private final Samples samples;
	private final CollectionStatus status;
	private final PostManagement posts;
	private final AnalyticsSettings settings;

	Collector(ChannelInsights insights, Samples samples, CollectionStatus status, PostManagement posts,
			AnalyticsSettings settings) {
		this.insights = insights;
		this.samples = samples;
		this.status = status;
		this.posts = posts;
		this.settings = settings;
	}

	/** Runs collection for the channel now; returns when to run next, or null when the channel reports nothing. */
	Instant collect(UUID channelId) {
		var now = Instant.now();
		var channel = insights.channel(channelId).orElse(null);
		if (channel == null || !insights.reportsMetrics(channel.platform())) {
			return null;
		}
		var previous = status.find(channelId).orElse(null);
		var held = previous == null ? null : previous.deferredUntil();
		if (held != null && held.isAfter(now)) {
			return wait(channelId, previous, held, previous.lastError());
		}
		if (!channel.usable()) {
			return wait(channelId, previous, now.plus(settings.accountInterval()), "the channel needs to be reconnected");
		}
		var busy = insights.busyUntil(channelId, settings.publishingWindow());
		if (busy.isPresent()) {
			return wait(channelId, previous, busy.get(), previous == null ? null : previous.lastError());
		}
		track(channel, now);
		String error = null;
		Instant deferred = null;
		try {
			samplePublications(channel, now);
			sampleAccount(channel, now);
		}
		catch (InsightsRateLimited e) {
			deferred = e.until();
			error = "rate limited until " + e.until() + ": " + e.getMessage();
		}
		catch (PlatformException e) {
			error = e.getMessage();
			log.info("Collecting metrics of channel {} failed: {}", channelId, e.getMessage());
		}
		var next = deferred != null ? deferred : next(channel, now);
		status.ran(channelId, now, next, error, deferred);
		return next;
	}

	private Instant wait(UUID channelId, CollectionStatus.Row previous, Instant until, String error) {
		status.ran(channelId, previous == null ? null : previous.lastRunAt(), until, error, until);
		return until;
	}

	/** Publications that reached the platform within the tracking period and are not tracked yet. */
	private void track(ChannelSummary channel, Instant now) {
		var known = samples.trackedIds(channel.id());
		for (var p : insights.published(channel.id(), now.minus(settings.trackFor()))) {
			if (known.contains(p.publicationId())) {
				continue;
			}
			String excerpt = "";
			UUID thumbnail = null;
			try {
				var post = posts.get(p.postId());
				excerpt = excerpt(post.captionFor(channel.id()));
				thumbnail = post.media().isEmpty() ? null : post.media().get(0).assetId();
			}
			catch (RuntimeException gone) {
				// the post was deleted; its publication still has numbers worth keeping
			}
			samples.track(new Tracked(p.publicationId(), p.postId(), channel.id(), channel.characterId(),
					channel.platform(), p.remoteId(), p.url(), p.publishedAt(), excerpt, thumbnail, null,
					java.util.Map.of(), Tracked.Common.NONE, 0));
		}
	}

	private void samplePublications(ChannelSummary channel, Instant now) throws PlatformException {
		var spec = insights.metrics(channel.platform()).publication();
		if (spec.isEmpty()) {
			return; // the platform reports nothing per post (Telegram's Bot API)
		}
		var due = samples.trackedSince(channel.id(), now.minus(settings.trackFor())).stream()
			.filter(t -> isDue(settings.nextSample(t.publishedAt(), t.sampledAt()), now))
			.sorted(Comparator.comparing(Tracked::publishedAt).reversed()) // the freshest move most
			.limit(MAX_PER_RUN)
			.toList();
		if (due.isEmpty()) {
			return;
		}
		var metrics = insights.publicationMetrics(channel.id(),
				due.stream().map(t -> new PublishedPost(t.remoteId(), t.url(), t.publishedAt())).toList());
		for (var t : due) {
			var found = metrics.get(t.remoteId());
			if (found == null) {
				samples.markMissing(t.publicationId(), now);
			}
			else {
				samples.recordPublication(t.publicationId(), now, found, CommonMetrics.publication(spec, found));
			}
		}
	}

	private void sampleAccount(ChannelSummary channel, Instant now) throws PlatformException {
		if (insights.metrics(channel.platform()).account().isEmpty()) {
			return;
		}
		var last = samples.lastAccountSample(channel.id());
		if (last.isEmpty() || isDue(last.get().plus(settings.accountInterval()), now)) {
			samples.recordAccount(channel.id(), now, insights.accountMetrics(channel.id()));
		}
	}

	/** The earliest due sample, and at least once per fresh interval so new publications are found soon. */
	private Instant next(ChannelSummary channel, Instant now) {
		var next = now.plus(settings.freshInterval());
		for (var t : samples.trackedSince(channel.id(), now.minus(settings.trackFor()))) {
			var at = settings.nextSample(t.publishedAt(), t.sampledAt());
			if (at != null && at.isBefore(next)) {
				next = at;
			}
		}
		if (!insights.metrics(channel.platform()).account().isEmpty()) {
			var account = samples.lastAccountSample(channel.id()).map(at -> at.plus(settings.accountInterval()))
				.orElse(now);
			next = account.isBefore(next) ? account : next;
		}
		var soonest = now.plus(Duration.ofMinutes(1));
		return Objects.requireNonNull(next).isBefore(soonest) ? soonest : next;
	}

	private static boolean isDue(Instant next, Instant now) {
		return next != null && !next.isAfter(now.plus(TOLERANCE));
	}

	static String excerpt(String caption) {
		var text = caption == null ? "" : caption.strip().replaceAll("\\s+", " ");
		return text.length() <= 140 ? text : text.substring(0, 139) + "…";
	}
}
