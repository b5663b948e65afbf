package dev.troupe.publishing.spi;

import java.time.Instant;
import java.util.Map;

/**
 * Tokens from the platform, opaque to generic code: {@code credentials} become a channel's (encrypted)
 * credentials; {@code expiresAt} is null when they do not expire.
 */
public record OAuthGrant(Map<String, String> credentials, Instant expiresAt) {

	public OAuthGrant {
		credentials = Map.copyOf(credentials);
	}

	public String credential(String name) {
		return credentials.get(name);
	}

	@Override
	public String toString() {
		return "OAuthGrant[expires " + expiresAt + "]"; // never the tokens
	}
}
