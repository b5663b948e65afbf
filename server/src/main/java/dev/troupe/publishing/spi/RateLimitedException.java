package dev.troupe.publishing.spi;

import java.time.Instant;

/**
 * A read (an inbox poll) the platform refused for now because a rate limit or quota is spent; the caller should not
 * ask again before {@link #until()}. Not a revocation.
 */
public class RateLimitedException extends PlatformException {

	private final Instant until;

	public RateLimitedException(String message, Instant until) {
		super(message, false);
		this.until = until;
	}

	public Instant until() {
		return until;
	}
}
