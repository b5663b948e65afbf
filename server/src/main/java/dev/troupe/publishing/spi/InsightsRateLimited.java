package dev.troupe.publishing.spi;

import java.time.Instant;

/**
 * A {@link PlatformInsights} call the platform refused for now: its rate limit (429, Telegram's
 * {@code retry_after}) says when to ask again. Collection waits until then; it never counts as a broken channel.
 */
public class InsightsRateLimited extends PlatformException {

	private final Instant until;

	public InsightsRateLimited(String message, Instant until) {
		super(message, false);
		this.until = until;
	}

	public Instant until() {
		return until;
	}
}
