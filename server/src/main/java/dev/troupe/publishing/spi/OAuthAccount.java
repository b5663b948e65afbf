package dev.troupe.publishing.spi;

import java.util.Map;

/**
 * One account a grant covers (an Instagram professional account, a Facebook Page…): its platform id and how
 * it shows, plus the credentials and settings its channel gets. Only id, name, handle and avatar leave the server.
 */
public record OAuthAccount(String id, String name, String handle, String avatarUrl, OAuthGrant grant,
		Map<String, String> settings) {

	public OAuthAccount {
		settings = settings == null ? Map.of() : Map.copyOf(settings);
	}

	@Override
	public String toString() {
		return "OAuthAccount[" + id + ", " + name + "]";
	}
}
