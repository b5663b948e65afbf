package dev.troupe.publishing.platform.instagram;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import dev.troupe.publishing.platform.meta.GraphClient;
import dev.troupe.publishing.platform.meta.GraphResponse;
import dev.troupe.publishing.platform.meta.MetaErrors;
import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.PublishOutcome;
import dev.troupe.publishing.spi.PublishRequest;

/**
 * The second half of an Instagram post, for a container that exists: wait for {@code status_code} to be
 * {@code FINISHED} (briefly in the same call, then by coming back later), then {@code media_publish}. When
 * reconciling, answers the runner can only wait on (throttling, a lost answer) become "pending, look again".
 */
final class InstagramPublishing {

	private static final Duration INLINE_WAIT = Duration.ofSeconds(10);

	private final GraphClient graph;
	private final String userId;
	private final String container;
	private final PublishRequest request;
	private final Duration pollEvery;
	private final Instant giveUpAt;

	InstagramPublishing(GraphClient graph, String userId, String container, PublishRequest request, ChannelContext channel) {
		this.graph = graph;
		this.userId = userId;
		this.container = container;
		this.request = request;
		this.pollEvery = Duration.ofMillis(Long.parseLong(channel.setting("pollMillis", "1000")));
		var created = request.previousState().get(InstagramPlatform.CONTAINER_CREATED);
		this.giveUpAt = (created == null ? Instant.now() : Instant.parse(created))
			.plusSeconds(Long.parseLong(channel.setting("processingTimeoutSeconds", "900")));
	}

	PublishOutcome run(boolean reconciling) throws IOException, InterruptedException {
		var started = Instant.now();
		while (true) {
			var status = graph.get(container, Map.of("fields", "status_code,status"));
			if (!status.ok()) {
				return waitable(MetaErrors.classify("Instagram", status, Instant.now()), reconciling);
			}
			var code = status.body().path("status_code").asString("");
			switch (code) {
				case "PUBLISHED":
					return published();
				case "FINISHED":
					return mediaPublish(reconciling);
				case "ERROR":
					return new PublishOutcome.ContentRejected("Instagram could not process the media ("
							+ status.body().path("status").asString("no reason given") + ")");
				case "EXPIRED":
					return new PublishOutcome.ContentRejected("The Instagram container expired unpublished (after 24 hours); "
							+ "schedule the post again");
				default:
					if (!Instant.now().isBefore(giveUpAt)) {
						return new PublishOutcome.ContentRejected("Instagram did not finish processing the media in time");
					}
					if (reconciling || Duration.between(started, Instant.now()).compareTo(INLINE_WAIT) >= 0) {
						return new PublishOutcome.Pending(Map.of(InstagramPlatform.CONTAINER, container),
								Instant.now().plus(pollEvery.multipliedBy(5)));
					}
					Thread.sleep(pollEvery.toMillis());
			}
		}
	}

	private PublishOutcome mediaPublish(boolean reconciling) throws IOException, InterruptedException {
		GraphResponse response;
		try {
			response = graph.post(userId + "/media_publish", Map.of("creation_id", container));
		}
		catch (IOException lost) {
			// the container is kept: looking at it again tells whether this request went through
			return reconciling ? new PublishOutcome.Pending(Map.of(), Instant.now().plusSeconds(10))
					: new PublishOutcome.OutcomeUnknown("no answer from Instagram to media_publish (" + lost.getClass().getSimpleName() + ")");
		}
		if (response.ok()) {
			var id = response.body().path("id").asString();
			return new PublishOutcome.Published(id, permalink(id));
		}
		return waitable(MetaErrors.classify("Instagram", response, Instant.now()), reconciling);
	}

	/** The container is published; its media is the account's recent one with this caption. */
	private PublishOutcome published() throws IOException, InterruptedException {
		var media = graph.get(userId + "/media", Map.of("fields", "id,caption,permalink", "limit", "25"));
		for (var item : media.body().path("data")) {
			if (request.text().equals(item.path("caption").asString(""))) {
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
