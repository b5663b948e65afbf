package dev.troupe.publishing.platform.meta;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;

import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.PublishOutcome;
import dev.troupe.publishing.spi.PublishRequest;

/**
 * The second half of a Meta container post (Instagram, Threads), for a container that exists: wait for {@code status_code} to be
 * {@code FINISHED} (briefly in the same call, then by coming back later), then {@code media_publish}. When
 * reconciling, answers the runner can only wait on (throttling, a lost answer) become "pending, look again".
 */
public final class ContainerPublishing {

	private static final Duration INLINE_WAIT = Duration.ofSeconds(10);

	private final ContainerApi api;
	private final GraphClient graph;
	private final String userId;
	private final String container;
	private final PublishRequest request;
	private final Duration pollEvery;
	private final Instant giveUpAt;

	public ContainerPublishing(ContainerApi api, GraphClient graph, String userId, String container, PublishRequest request,
			ChannelContext channel) {
		this.api = api;
		this.graph = graph;
		this.userId = userId;
		this.container = container;
		this.request = request;
		this.pollEvery = Duration.ofMillis(Long.parseLong(channel.setting("pollMillis", "1000")));
		var created = request.previousState().get(api.createdKey());
		this.giveUpAt = (created == null ? Instant.now() : Instant.parse(created))
			.plusSeconds(Long.parseLong(channel.setting("processingTimeoutSeconds", "900")));
	}

	public PublishOutcome run(boolean reconciling) throws IOException, InterruptedException {
		var started = Instant.now();
		while (true) {
			var status = graph.get(container, Map.of("fields", api.statusField() + "," + api.errorField()));
			if (!status.ok()) {
				return waitable(MetaErrors.classify(api.platform(), status, Instant.now()), reconciling);
			}
			var code = status.body().path(api.statusField()).asString("");
			switch (code) {
				case "PUBLISHED":
					return published();
				case "FINISHED":
					return mediaPublish(reconciling);
				case "ERROR":
					return new PublishOutcome.ContentRejected(api.platform() + " could not process the media ("
							+ status.body().path(api.errorField()).asString("no reason given") + ")");
				case "EXPIRED":
					return new PublishOutcome.ContentRejected("The " + api.platform() + " container expired unpublished (after 24 hours); "
							+ "schedule the post again");
				default:
					if (!Instant.now().isBefore(giveUpAt)) {
						return new PublishOutcome.ContentRejected(api.platform() + " did not finish processing the media in time");
					}
					if (reconciling || Duration.between(started, Instant.now()).compareTo(INLINE_WAIT) >= 0) {
						return new PublishOutcome.Pending(Map.of(api.handleKey(), container),
								Instant.now().plus(pollEvery.multipliedBy(5)));
					}
					Thread.sleep(pollEvery.toMillis());
			}
		}
	}

	private PublishOutcome mediaPublish(boolean reconciling) throws IOException, InterruptedException {
		GraphResponse response;
		try {
			response = graph.post(userId + "/" + api.publishPath(), Map.of("creation_id", container));
		}
		catch (IOException lost) {
			// the container is kept: looking at it again tells whether this request went through
			return reconciling ? new PublishOutcome.Pending(Map.of(), Instant.now().plusSeconds(10))
					: new PublishOutcome.OutcomeUnknown("no answer from " + api.platform() + " to " + api.publishPath() + " ("
							+ lost.getClass().getSimpleName() + ")");
		}
		if (response.ok()) {
			var id = response.body().path("id").asString();
			return new PublishOutcome.Published(id, permalink(id));
		}
		// e.g. "already published" after a lost answer: the container tells the truth
		var after = graph.get(container, Map.of("fields", api.statusField()));
		if (after.ok() && "PUBLISHED".equals(after.body().path(api.statusField()).asString(""))) {
			return published();
		}
		return waitable(MetaErrors.classify(api.platform(), response, Instant.now()), reconciling);
	}

	/** The container is published; its media is the account's recent one with this caption. */
	private PublishOutcome published() throws IOException, InterruptedException {
		if (request.replyTo() != null && api.repliesPath() != null) {
			return publishedReply();
		}
		var media = graph.get(userId + "/" + api.createPath(), Map.of("fields", "id,caption,text,permalink", "limit", "25"));
		for (var item : media.body().path("data")) {
			if (request.text().equals(item.path("caption").asString(item.path("text").asString("")))) {
				return new PublishOutcome.Published(item.path("id").asString(), item.path("permalink").asString(null));
			}
		}
		return new PublishOutcome.Published("container:" + container, null);
	}

	/**
	 * A published reply is not among the account's posts but in its own replies (newest first): the one with this
	 * text that answers the same target. Only when none is found does the container id stand in for it.
	 */
	private PublishOutcome publishedReply() throws IOException, InterruptedException {
		var targets = new HashSet<>(request.replyTo().refs().values());
		targets.add(request.replyTo().remoteId());
		var replies = graph.get(userId + "/" + api.repliesPath(), Map.of("fields", "id,text,permalink,replied_to", "limit", "25"));
		for (var item : replies.body().path("data")) {
			var answered = item.path("replied_to").path("id").asString(null);
			if (request.text().equals(item.path("text").asString("")) && (answered == null || targets.contains(answered))) {
				return new PublishOutcome.Published(item.path("id").asString(), item.path("permalink").asString(null));
			}
		}
		return new PublishOutcome.Published("container:" + container, null);
	}

	private String permalink(String mediaId) {
		try {
			var media = graph.get(mediaId, Map.of("fields", "permalink"));
			return media.ok() ? media.body().path("permalink").asString(null) : null;
		}
		catch (IOException | RuntimeException e) {
			return null; // the post exists; a missing link is not worth an unknown outcome
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	/** While reconciling, the runner can only be told to look again: a throttle or a 5xx becomes "pending". */
	private static PublishOutcome waitable(PublishOutcome outcome, boolean reconciling) {
		if (!reconciling) {
			return outcome;
		}
		if (outcome instanceof PublishOutcome.RateLimited limited) {
			return new PublishOutcome.Pending(Map.of(), limited.until());
		}
		if (outcome instanceof PublishOutcome.Transient) {
			return new PublishOutcome.Pending(Map.of(), Instant.now().plusSeconds(30));
		}
		return outcome;
	}
}
