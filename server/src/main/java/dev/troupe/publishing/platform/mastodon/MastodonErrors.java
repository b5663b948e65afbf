package dev.troupe.publishing.platform.mastodon;

import java.time.Duration;
import java.time.Instant;

import dev.troupe.publishing.spi.PublishOutcome;
import dev.troupe.publishing.spi.TransportFailures;
import dev.troupe.publishing.spi.RateLimits;

/** Maps Mastodon's answers and transport failures to outcomes, knowing which call could have created a status. */
final class MastodonErrors {

	/** Mastodon's default window is 5 minutes; used when a 429 carries no reset header. */
	private static final Duration DEFAULT_RATE_LIMIT_WAIT = Duration.ofMinutes(5);

	private MastodonErrors() {
	}

	/** A failed {@code POST /api/v1/statuses}: a 5xx may come after the status was written. */
	static PublishOutcome statusFailure(MastodonResponse response) {
		if (response.status() >= 500) {
			return new PublishOutcome.OutcomeUnknown("Mastodon answered " + response.status()
					+ " to the status create; the status may exist: " + response.error());
		}
		return clientError(response);
	}

	/** A failed media upload or poll: no status exists yet, so a 5xx is safe to retry. */
	static PublishOutcome mediaFailure(MastodonResponse response) {
		if (response.status() >= 500) {
			return new PublishOutcome.Transient("Mastodon answered " + response.status() + " to a media upload: "
					+ response.error());
		}
		return clientError(response);
	}

	private static PublishOutcome clientError(MastodonResponse response) {
		var error = response.error();
		return switch (response.status()) {
			// Doorkeeper says "The access token expired" for expired tokens, "…is invalid" for revoked ones
			case 401 -> error.contains("expired") ? new PublishOutcome.TokenExpired(error)
					: new PublishOutcome.ChannelRevoked(error);
			case 403 -> new PublishOutcome.ChannelRevoked(error);
			case 429 -> new PublishOutcome.RateLimited(RateLimits.until(response.headers(), Instant.now())
				.orElse(Instant.now().plus(DEFAULT_RATE_LIMIT_WAIT)), "Mastodon rate limit: " + error);
			// 422 validation ("Text character limit of 500 exceeded"), 413 too large, other 4xx: the post must change
			default -> new PublishOutcome.ContentRejected(error);
		};
	}

	static boolean refused(int status) {
		return status == 401 || status == 403;
	}

	/**
	 * A transport failure. {@code mayHaveCreated} is true only for the status create: once its request left,
	 * a timeout or a reset says nothing about whether the status exists.
	 */
	static PublishOutcome transport(Exception failure, boolean mayHaveCreated) {
		if (failure instanceof InterruptedException) {
			Thread.currentThread().interrupt();
		}
		var reason = failure.getClass().getSimpleName() + ": " + failure.getMessage();
		if (!mayHaveCreated || TransportFailures.neverSent(failure)) {
			return new PublishOutcome.Transient("could not reach the Mastodon instance: " + reason);
		}
		return new PublishOutcome.OutcomeUnknown("no answer to the status create; the status may exist: " + reason);
	}

}
