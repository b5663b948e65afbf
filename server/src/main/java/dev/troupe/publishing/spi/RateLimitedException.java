package dev.troupe.publishing.spi;

import java.time.Instant;

/**
 * A read (metrics, inbox) the platform refused for now because a rate limit or quota is used up; {@code until} is
 * when the platform says it may be asked again (from its own headers or error body, else the adapter's safe
 * guess). Callers wait instead of counting it as a failure; never a revoked channel.
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
