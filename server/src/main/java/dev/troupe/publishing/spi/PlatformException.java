package dev.troupe.publishing.spi;

/** A failed verification: {@code revoked} when the credentials are wrong or no longer valid. */
public class PlatformException extends Exception {

	private final boolean revoked;

	public PlatformException(String message, boolean revoked) {
		super(message);
		this.revoked = revoked;
	}

	public PlatformException(String message, boolean revoked, Throwable cause) {
		super(message, cause);
		this.revoked = revoked;
	}

	public boolean revoked() {
		return revoked;
	}
}
