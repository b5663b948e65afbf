package dev.troupe.publishing.spi;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One publication to send. {@code idempotencyKey} is stable for the publication across attempts and restarts
 * (Mastodon's Idempotency-Key, Bluesky's TID record key derive from it). Media are already rendered to the
 * channel's limits. {@code previousState} carries what an earlier attempt stored (e.g. uploaded media ids).
 * {@code replyTo} is set when the post answers an inbox item; adapters that cannot reply refuse it in validation.
 */
public record PublishRequest(UUID publicationId, String idempotencyKey, String text, List<Media> media,
		Map<String, String> options, Instant scheduledAt, Map<String, String> previousState, ReplyTarget replyTo) {

	/** In {@code previousState}: when the first attempt started (ISO instant), for platforms whose idempotency expires. */
	public static final String FIRST_ATTEMPT_AT = "firstAttemptAt";

	/**
	 * In {@code previousState}: when the latest attempt started (ISO instant), for platforms where a request that
	 * timed out on our side may still be running on theirs.
	 */
	public static final String LAST_ATTEMPT_AT = "lastAttemptAt";

	public PublishRequest {
		media = media == null ? List.of() : List.copyOf(media);
		options = options == null ? Map.of() : Map.copyOf(options);
		previousState = previousState == null ? Map.of() : Map.copyOf(previousState);
	}

	/** A post that answers nothing. */
	public PublishRequest(UUID publicationId, String idempotencyKey, String text, List<Media> media,
			Map<String, String> options, Instant scheduledAt, Map<String, String> previousState) {
		this(publicationId, idempotencyKey, text, media, options, scheduledAt, previousState, null);
	}

	public record Media(byte[] bytes, String contentType, String filename, String altText) {
	}
}
