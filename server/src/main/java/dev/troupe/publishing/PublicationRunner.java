package dev.troupe.publishing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;

import dev.troupe.content.Post;
import dev.troupe.content.PostManagement;
import dev.troupe.media.MediaManagement;
import dev.troupe.publishing.Publication.State;
import dev.troupe.publishing.PublishingEvents.ChannelNeedsReconnect;
import dev.troupe.publishing.PublishingEvents.PublicationFailed;
import dev.troupe.publishing.PublishingEvents.PublicationPublished;
import dev.troupe.publishing.PublishingEvents.PublicationUnconfirmed;
import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.PublishOutcome;
import dev.troupe.publishing.spi.PublishRequest;

/**
 * The publication state machine (DESIGN §5), one db-scheduler execution per publication (instance id = its id).
 * IN_FLIGHT and the attempt are committed before the request goes out; the outcome and remote id are committed
 * before anything else happens (events are handled after commit). An execution that finds its publication
 * IN_FLIGHT knows a previous node died mid-request: the outcome is unknown, so it reconciles, never re-sends.
 */
@Component
class PublicationRunner {

	private static final Logger log = LoggerFactory.getLogger(PublicationRunner.class);
	private static final int MAX_TRANSIENT_ATTEMPTS = 5;
	private static final Duration RECONCILE_AFTER = Duration.ofSeconds(5);

	private final Publications publications;
	private final Channels channels;
	private final Platforms platforms;
	private final PostManagement posts;
	private final MediaManagement media;
	private final TransactionTemplate transactions;
	private final ApplicationEventPublisher events;
	private final PostRollup rollup;
	private final PublishingMetrics metrics;

	PublicationRunner(Publications publications, Channels channels, Platforms platforms, PostManagement posts,
			MediaManagement media, TransactionTemplate transactions, ApplicationEventPublisher events, PostRollup rollup,
			PublishingMetrics metrics) {
		this.metrics = metrics;
		this.publications = publications;
		this.channels = channels;
		this.platforms = platforms;
		this.posts = posts;
		this.media = media;
		this.transactions = transactions;
		this.events = events;
		this.rollup = rollup;
	}

	CompletionHandler<Void> run(UUID id) {
		var publication = publications.findWithoutAttempts(id).orElse(null);
		if (publication == null) {
			return (complete, ops) -> ops.remove();
		}
		var next = decide(publication);
		return settle(id, publication.dueAt(), next);
	}

	/** What this run wants next: {@code null} for nothing more, else when to run again. */
	private Instant decide(Publication publication) {
		var id = publication.id();
		return switch (publication.state()) {
			case SCHEDULED, DUE, RETRY_WAIT -> attempt(publication);
			case IN_FLIGHT -> {
				// a node died (or stopped) between sending and recording: never send again blindly
				transactions.executeWithoutResult(tx -> {
					publications.finishAttempt(id, "UNKNOWN", "the node stopped while the request was in flight");
					publications.move(id, State.UNCONFIRMED, List.of(State.IN_FLIGHT), "outcome unknown after a restart");
				});
				yield reconcile(publications.find(id).orElseThrow());
			}
			case UNCONFIRMED, PENDING -> reconcile(publication);
			default -> done();
		};
	}

	/**
	 * Ends the execution under the publication's row lock. db-scheduler refuses to reschedule an instance while it
	 * runs, so a person's new due time (or "publish again") that arrived during this run is armed here: a sendable
	 * publication always keeps its task, at its due time if that changed, else when this run asked for.
	 */
	private CompletionHandler<Void> settle(UUID id, Instant dueAtStart, Instant wanted) {
		return (complete, ops) -> transactions.executeWithoutResult(tx -> {
			var now = publications.lockForCompletion(id).orElse(null);
			Instant when = wanted;
			if (now != null && now.sendable() && (wanted == null || !now.dueAt().equals(dueAtStart))) {
				when = now.dueAt();
			}
			if (when == null) {
				ops.remove();
			}
			else {
				ops.reschedule(complete, when);
			}
		});
	}

	private Instant attempt(Publication p) {
		var now = Instant.now();
		if (now.isBefore(p.dueAt())) {
			return at(p.dueAt()); // never before its time
		}
		var channel = channels.find(p.channelId()).orElse(null);
		if (channel == null) {
			fail(p, "the channel was deleted");
			return done();
		}
		if (channel.status() == Channel.Status.NEEDS_RECONNECT) {
			publications.move(p.id(), State.WAITING_FOR_CHANNEL, List.of(State.SCHEDULED, State.DUE, State.RETRY_WAIT),
					"waiting for the channel to be reconnected");
			rollup.update(p.postId());
			return done();
		}
		if (channel.blockedUntil() != null && now.isBefore(channel.blockedUntil())) {
			return at(channel.blockedUntil()); // this channel waits; other channels' executions are unaffected
		}
		var renditions = new ArrayList<Renditions.Rendition>();
		try {
			return attempt(p, channel, renditions);
		}
		finally {
			renditions.forEach(Renditions.Rendition::close); // transcoded files live for one attempt
		}
	}

	private Instant attempt(Publication p, Channel channel, List<Renditions.Rendition> renditions) {
		PublishRequest request;
		ChannelContext context;
		try {
			context = platforms.context(channel);
			request = request(p, posts.get(p.postId()), channel, context, renditions);
		}
		catch (dev.troupe.shared.ApiProblem gone) {
			fail(p, "could not prepare the post: " + gone.getMessage()); // deleted post or media: a person must act
			return done();
		}
		catch (RuntimeException e) {
			log.warn("Preparing publication {} failed; retrying in a minute", p.id(), e);
			var when = Instant.now().plusSeconds(60);
			publications.move(p.id(), State.RETRY_WAIT, List.of(State.SCHEDULED, State.DUE, State.RETRY_WAIT),
					"could not prepare the post (" + e.getClass().getSimpleName() + "); retrying");
			return at(when);
		}
		var claimed = Boolean.TRUE.equals(transactions.execute(tx -> {
			if (!publications.claim(p.id())) {
				return false; // cancelled, or rescheduled while we prepared: the completion arms the new time
			}
			publications.startAttempt(p.id());
			return true;
		}));
		if (!claimed) {
			return done();
		}
		PublishOutcome outcome;
		var sentAt = Instant.now();
		var started = System.nanoTime();
		try {
			outcome = platforms.of(channel.platform()).publish(request, context);
		}
		catch (RuntimeException e) {
			// the message may quote a URL with a token in it: keep it out of the log line's text and the API
			log.warn("Publishing {} on {} threw {}; treating the outcome as unknown", p.id(), channel.platform(),
					e.getClass().getName());
			outcome = new PublishOutcome.OutcomeUnknown("the " + channel.platform() + " adapter failed ("
					+ e.getClass().getSimpleName() + ")");
		}
		metrics.attempt(channel.platform(), outcome, System.nanoTime() - started);
		if (outcome instanceof PublishOutcome.Published || outcome instanceof PublishOutcome.Pending) {
			metrics.lateness(channel.platform(), p.dueAt(), sentAt);
		}
		else if (outcome instanceof PublishOutcome.RateLimited limited) {
			metrics.hold(channel.platform(), limited.platformWide());
		}
		return record(p, channel, outcome);
	}

	private Instant record(Publication p, Channel channel, PublishOutcome outcome) {
		var id = p.id();
		var next = transactions.execute(tx -> {
			if (outcome instanceof PublishOutcome.Published done) {
				publications.finishAttempt(id, "PUBLISHED", done.url());
				publications.published(id, done.remoteId(), done.url());
				events.publishEvent(new PublicationPublished(id, p.postId(), p.channelId(), done.remoteId(), done.url()));
				return null;
			}
			if (outcome instanceof PublishOutcome.Pending pending) {
				publications.finishAttempt(id, "PENDING", "processing on the platform");
				publications.move(id, State.PENDING, List.of(State.IN_FLIGHT), null);
				publications.handle(id, pending.handle());
				return pending.checkAt();
			}
			if (outcome instanceof PublishOutcome.RateLimited limited) {
				publications.finishAttempt(id, "RATE_LIMITED", limited.reason());
				publications.retryAt(id, limited.until(), "rate limited until " + limited.until());
				if (limited.platformWide()) {
					channels.blockPlatform(channel.platform(), channel.baseUrl(), limited.until());
				}
				else {
					channels.block(p.channelId(), limited.until());
				}
				return limited.until();
			}
			if (outcome instanceof PublishOutcome.TokenExpired || outcome instanceof PublishOutcome.ChannelRevoked) {
				var reason = outcome instanceof PublishOutcome.TokenExpired t ? t.reason() : ((PublishOutcome.ChannelRevoked) outcome).reason();
				publications.finishAttempt(id, "NEEDS_RECONNECT", reason);
				publications.move(id, State.WAITING_FOR_CHANNEL, List.of(State.IN_FLIGHT), reason);
				channels.status(p.channelId(), Channel.Status.NEEDS_RECONNECT, reason);
				events.publishEvent(new ChannelNeedsReconnect(p.channelId(), channel.characterId(), reason));
				return null;
			}
			if (outcome instanceof PublishOutcome.ContentRejected rejected) {
				publications.finishAttempt(id, "REJECTED", rejected.reason());
				publications.move(id, State.FAILED, List.of(State.IN_FLIGHT), rejected.reason());
				events.publishEvent(new PublicationFailed(id, p.postId(), p.channelId(), rejected.reason()));
				return null;
			}
			if (outcome instanceof PublishOutcome.Transient failure) {
				var attempts = publications.trailingTransientAttempts(id); // includes this one
				publications.finishAttempt(id, "TRANSIENT", failure.reason());
				if (attempts >= MAX_TRANSIENT_ATTEMPTS) {
					publications.move(id, State.FAILED, List.of(State.IN_FLIGHT), failure.reason() + " (after " + attempts + " attempts)");
					events.publishEvent(new PublicationFailed(id, p.postId(), p.channelId(), failure.reason()));
					return null;
				}
				var when = Instant.now().plusSeconds((long) Math.min(600, 5 * Math.pow(3, attempts - 1)));
				publications.retryAt(id, when, failure.reason());
				return when;
			}
			var reason = outcome instanceof PublishOutcome.OutcomeUnknown u ? u.reason() : String.valueOf(outcome);
			publications.finishAttempt(id, "UNKNOWN", reason);
			publications.move(id, State.UNCONFIRMED, List.of(State.IN_FLIGHT), reason);
			return Instant.now().plus(RECONCILE_AFTER);
		});
		rollup.update(p.postId());
		return next == null ? done() : at(next);
	}

	/** Asks the platform whether an unconfirmed post exists; what cannot be known waits for a person. */
	private Instant reconcile(Publication p) {
		var channel = channels.find(p.channelId()).orElse(null);
		if (channel == null) {
			return done();
		}
		PublishOutcome outcome;
		var renditions = new ArrayList<Renditions.Rendition>();
		try {
			var context = platforms.context(channel);
			outcome = platforms.of(channel.platform()).reconcile(request(p, posts.get(p.postId()), channel, context,
					renditions), context);
		}
		catch (RuntimeException e) {
			log.warn("Reconciling {} threw {}", p.id(), e.getClass().getName());
			outcome = new PublishOutcome.OutcomeUnknown("reconciling failed (" + e.getClass().getSimpleName() + ")");
		}
		finally {
			renditions.forEach(Renditions.Rendition::close);
		}
		var result = outcome;
		transactions.executeWithoutResult(tx -> {
			if (result instanceof PublishOutcome.Published done) {
				if (publications.published(p.id(), done.remoteId(), done.url())) {
					events.publishEvent(new PublicationPublished(p.id(), p.postId(), p.channelId(), done.remoteId(), done.url()));
				}
			}
			else if (result instanceof PublishOutcome.NotPublished) {
				// certainly not on the platform: publishing again cannot make a duplicate
				publications.move(p.id(), State.RETRY_WAIT, List.of(State.UNCONFIRMED, State.PENDING), "not found on the platform; retrying");
			}
			else if (result instanceof PublishOutcome.Pending pending) {
				publications.move(p.id(), State.PENDING, List.of(State.UNCONFIRMED, State.PENDING), null);
				publications.handle(p.id(), pending.handle());
			}
			else if (result instanceof PublishOutcome.ContentRejected rejected) {
				if (publications.move(p.id(), State.FAILED, List.of(State.UNCONFIRMED, State.PENDING), rejected.reason())) {
					events.publishEvent(new PublicationFailed(p.id(), p.postId(), p.channelId(), rejected.reason()));
				}
			}
			else if ((p.state() != State.UNCONFIRMED || !"notified".equals(p.handle().get("unconfirmed")))
					// a person may have chosen "publish again" while this ran: then there is nothing to ask
					&& publications.move(p.id(), State.UNCONFIRMED, List.of(State.PENDING, State.UNCONFIRMED), describe(result))) {
				publications.handle(p.id(), java.util.Map.of("unconfirmed", "notified"));
				events.publishEvent(new PublicationUnconfirmed(p.id(), p.postId(), p.channelId(), describe(result)));
			}
		});
		rollup.update(p.postId());
		if (result instanceof PublishOutcome.Pending pending) {
			return at(pending.checkAt());
		}
		return result instanceof PublishOutcome.NotPublished ? at(Instant.now()) : done();
	}

	private void fail(Publication p, String reason) {
		transactions.executeWithoutResult(tx -> {
			if (publications.move(p.id(), State.FAILED, List.of(State.SCHEDULED, State.DUE, State.RETRY_WAIT), reason)) {
				events.publishEvent(new PublicationFailed(p.id(), p.postId(), p.channelId(), reason));
			}
		});
		rollup.update(p.postId());
	}

	/** Builds the request; renditions made for it are added to {@code renditions}, for the caller to close. */
	private PublishRequest request(Publication p, Post post, Channel channel, ChannelContext context,
			List<Renditions.Rendition> renditions) {
		var platform = platforms.of(channel.platform());
		var caps = platform.capabilities(context);
		var files = new ArrayList<PublishRequest.Media>();
		for (var m : post.media()) {
			var asset = media.get(m.assetId());
			Renditions.Rendition rendered;
			try {
				rendered = Renditions.fit(media, asset, caps);
			}
			catch (java.io.IOException e) {
				throw new java.io.UncheckedIOException(e);
			}
			renditions.add(rendered);
			var extension = rendered.contentType().substring(rendered.contentType().indexOf('/') + 1);
			files.add(new PublishRequest.Media(rendered.source(), rendered.size(), rendered.contentType(),
					asset.sha256().substring(0, 12) + "." + extension, m.altText()));
		}
		var previous = new java.util.HashMap<>(p.handle());
		var attempts = publications.attemptSpan(p.id());
		attempts.first().ifPresent(at -> previous.put(PublishRequest.FIRST_ATTEMPT_AT, at.toString()));
		attempts.last().ifPresent(at -> previous.put(PublishRequest.LAST_ATTEMPT_AT, at.toString()));
		return new PublishRequest(p.id(), p.idempotencyKey(), post.captionFor(channel.id()), files,
				post.optionsFor(channel.id()), p.dueAt(), previous, ChannelRulesAdapter.replyTarget(post));
	}

	private static String describe(PublishOutcome outcome) {
		return outcome instanceof PublishOutcome.OutcomeUnknown u ? u.reason() : String.valueOf(outcome);
	}

	private static Instant done() {
		return null;
	}

	private static Instant at(Instant when) {
		return when;
	}
}
