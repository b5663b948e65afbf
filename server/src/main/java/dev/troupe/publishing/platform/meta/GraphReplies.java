package dev.troupe.publishing.platform.meta;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;

import dev.troupe.publishing.spi.PublishOutcome;
import dev.troupe.publishing.spi.PublishRequest;
import dev.troupe.publishing.spi.TransportFailures;
import tools.jackson.databind.JsonNode;

/**
 * A reply to a comment through a Graph edge (Instagram's {@code /{comment}/replies}, Facebook's
 * {@code /{comment}/comments}), sent once with {@code message}. Graph has no idempotency key: after a lost answer
 * the comment's replies are read back and the account's own reply with the same text since the attempt began is the
 * post. Comments are listed as soon as they exist, so one not there a minute after the last attempt was never made
 * and sending again cannot duplicate it.
 */
public final class GraphReplies {

	static final Duration LOOKUP_WINDOW = Duration.ofSeconds(60);

	private GraphReplies() {
	}

	/** Sends the reply; the url of a published reply is {@code url} (the post it sits under). */
	public static PublishOutcome send(String platform, GraphClient graph, String path, String text, String url) {
		try {
			var response = graph.post(path, Map.of("message", text));
			if (!response.ok()) {
				return MetaErrors.classify(platform, response, Instant.now());
			}
			return new PublishOutcome.Published(response.body().path("id").asString(), url);
		}
		catch (IOException e) {
			return TransportFailures.neverSent(e)
					? new PublishOutcome.Transient("could not reach " + platform + " (" + e.getClass().getSimpleName() + ")")
					: new PublishOutcome.OutcomeUnknown("no answer from " + platform + " to the reply ("
							+ e.getClass().getSimpleName() + ")");
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return new PublishOutcome.OutcomeUnknown("interrupted");
		}
	}

	/**
	 * Reads {@code path} (the replies under the comment) and looks for {@code own} reply whose {@code textField} is the
	 * request's text, created since the first attempt.
	 */
	public static PublishOutcome reconcile(String platform, GraphClient graph, String path, Map<String, String> query,
			PublishRequest request, Predicate<JsonNode> own, String textField, String timeField, String url) {
		var state = request.previousState();
		var first = instant(state.get(PublishRequest.FIRST_ATTEMPT_AT), request.scheduledAt());
		var last = instant(state.get(PublishRequest.LAST_ATTEMPT_AT), first);
		try {
			var replies = graph.get(path, query);
			if (!replies.ok()) {
				var outcome = MetaErrors.classify(platform, replies, Instant.now());
				return outcome instanceof PublishOutcome.RateLimited limited
						? new PublishOutcome.Pending(Map.of(), limited.until())
						: new PublishOutcome.OutcomeUnknown(platform + " did not list the replies: " + replies.message());
			}
			var since = first == null ? null : first.minusSeconds(60);
			for (var reply : replies.body().path("data")) {
				var created = GraphInbox.time(reply.path(timeField).asString(null));
				if (own.test(reply) && request.text().equals(reply.path(textField).asString(""))
						&& (since == null || created == null || !created.isBefore(since))) {
					return new PublishOutcome.Published(reply.path("id").asString(), url);
				}
			}
			if (last != null && Instant.now().isBefore(last.plus(LOOKUP_WINDOW))) {
				return new PublishOutcome.Pending(Map.of(), Instant.now().plusSeconds(15));
			}
			return new PublishOutcome.NotPublished("no reply with this text under the comment a minute after the attempt");
		}
		catch (IOException e) {
			return new PublishOutcome.Pending(Map.of(), Instant.now().plusSeconds(30));
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return new PublishOutcome.OutcomeUnknown("interrupted");
		}
	}

	private static Instant instant(String value, Instant fallback) {
		try {
			return value == null ? fallback : Instant.parse(value);
		}
		catch (RuntimeException unreadable) {
			return fallback;
		}
	}
}
