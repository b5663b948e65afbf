package dev.troupe.publishing.spi;

import java.time.Instant;
import java.util.Map;

/**
 * How one publish attempt ended. The state machine (DESIGN §5) maps each to the publication's next state.
 */
public sealed interface PublishOutcome {

	/** On the platform: the remote id and the post's public URL. */
	record Published(String remoteId, String url) implements PublishOutcome {
	}

	/** Accepted but still processing (video upload, container): poll again at {@code checkAt}. */
	record Pending(Map<String, String> handle, Instant checkAt) implements PublishOutcome {
	}

	/**
	 * The platform asked us to wait; nothing was published. {@code platformWide}: the limit is on the whole
	 * platform app or server (e.g. Discord's global limit), so every channel on the same platform and API
	 * address waits, not just this one.
	 */
	record RateLimited(Instant until, String reason, boolean platformWide) implements PublishOutcome {

		public RateLimited(Instant until, String reason) {
			this(until, reason, false);
		}
	}

	/** The token expired; a refresh or a reconnect is needed. Nothing was published. */
	record TokenExpired(String reason) implements PublishOutcome {
	}

	/** The credentials were revoked or are wrong; a person must reconnect the channel. */
	record ChannelRevoked(String reason) implements PublishOutcome {
	}

	/** The platform refused this content (too long, bad media): a person must change the post. */
	record ContentRejected(String reason) implements PublishOutcome {
	}

	/** Failed before the request could have reached the platform (connection refused, 5xx with no effect). */
	record Transient(String reason) implements PublishOutcome {
	}

	/** The request may have reached the platform (timeout, connection reset after sending): never blindly retried. */
	record OutcomeUnknown(String reason) implements PublishOutcome {
	}

	/** Only from reconcile: the post certainly does not exist, so publishing again cannot duplicate it. */
	record NotPublished(String reason) implements PublishOutcome {
	}
}
