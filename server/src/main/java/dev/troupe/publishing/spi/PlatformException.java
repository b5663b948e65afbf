package dev.troupe.publishing.spi;

import java.time.Instant;
import java.util.Optional;

/**
 * A failed verification or read: {@code revoked} when the credentials are wrong or no longer valid;
 * {@code retryAt} when the platform said when to ask again (a rate limit).
 */
public class PlatformException extends Exception {

	private final boolean revoked;
	private final Instant retryAt;

	public PlatformException(String message, boolean revoked) {
		super(message);
		this.revoked = revoked;
		this.retryAt = null;
	}

	/** The platform is rate limiting: ask again at {@code retryAt}. */
	public PlatformException(String message, Instant retryAt) {
		super(message);
		this.revoked = false;
		this.retryAt = retryAt;
	}

	public PlatformException(String message, boolean revoked, Throwable cause) {
		super(message, cause);
		this.revoked = revoked;
		this.retryAt = null;
	}

	public boolean revoked() {
		return revoked;
	}

	/** When the platform said to ask again, if it did. */
	public Optional<Instant> retryAt() {
		return Optional.ofNullable(retryAt);
	}
}
