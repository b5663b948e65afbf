package dev.troupe.publishing.platform.bluesky;

import java.time.Duration;
import java.time.Instant;

import dev.troupe.publishing.spi.PublishOutcome;
import dev.troupe.publishing.spi.TransportFailures;
import dev.troupe.publishing.spi.RateLimits;

/** Maps XRPC errors and transport failures to outcomes. */
final class BlueskyErrors {

	/** The PDS's shortest window is 5 minutes; used when a 429 carries no {@code ratelimit-reset}. */
	private static final Duration DEFAULT_RATE_LIMIT_WAIT = Duration.ofMinutes(5);

	private BlueskyErrors() {
	}

	/** An access token past its life: refresh the session and try once more. Sent as 400 by the PDS. */
	static boolean expired(XrpcResponse response) {
		return "ExpiredToken".equals(response.error());
	}

	/** Wrong or revoked credentials (a deleted app password, a taken-down account). */
	static boolean refused(XrpcResponse response) {
		return response.status() == 401 || switch (response.error()) {
			case "AuthenticationRequired", "InvalidToken", "AccountTakedown", "AccountDeactivated" -> true;
			default -> false;
		};
	}

	/** A failure of a call that cannot have created a post (session, blob upload): nothing to confirm. */
	static PublishOutcome beforePost(XrpcResponse response) {
		if (expired(response)) { // still expired after a refresh: the session cannot be renewed
			return new PublishOutcome.TokenExpired("Bluesky session expired: " + response.describe());
		}
		if (refused(response)) {
			return new PublishOutcome.ChannelRevoked("Bluesky refused the account: " + response.describe());
		}
		if (response.status() == 429) {
			return rateLimited(response);
		}
		if (response.status() >= 500) {
			return new PublishOutcome.Transient("the PDS answered " + response.status() + ": " + response.describe());
		}
		// 400 InvalidRequest, 413 BlobTooLarge, InvalidMimeType…: the post must change
		return new PublishOutcome.ContentRejected(response.describe());
	}

	static PublishOutcome rateLimited(XrpcResponse response) {
		var until = RateLimits.until(response.headers(), Instant.now())
			.orElse(Instant.now().plus(DEFAULT_RATE_LIMIT_WAIT));
		return new PublishOutcome.RateLimited(until, "Bluesky rate limit: " + response.describe());
	}

	/** A transport failure; {@code mayHaveCreated} only for createRecord once its request may have left. */
	static PublishOutcome transport(Exception failure, boolean mayHaveCreated) {
		if (failure instanceof InterruptedException) {
			Thread.currentThread().interrupt();
		}
		var reason = failure.getClass().getSimpleName() + ": " + failure.getMessage();
		if (!mayHaveCreated || TransportFailures.neverSent(failure)) {
			return new PublishOutcome.Transient("could not reach the PDS: " + reason);
		}
		return new PublishOutcome.OutcomeUnknown("no answer to createRecord; the post may exist: " + reason);
	}

}
