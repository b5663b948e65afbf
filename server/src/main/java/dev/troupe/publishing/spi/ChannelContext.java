package dev.troupe.publishing.spi;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

/**
 * One connected account. {@code baseUrl} is the API root (any Mastodon instance, any Bluesky PDS, a self-hosted
 * Telegram Bot API server); {@code credentials} are decrypted secrets (never logged); {@code settings} are plain
 * options (chat id, visibility…). {@code characterHandle} is the character the channel belongs to.
 */
public record ChannelContext(UUID channelId, String platform, URI baseUrl, Map<String, String> credentials,
		Map<String, String> settings, String characterHandle) {

	public ChannelContext {
		credentials = credentials == null ? Map.of() : Map.copyOf(credentials);
		settings = settings == null ? Map.of() : Map.copyOf(settings);
	}

	public String credential(String name) {
		return credentials.get(name);
	}

	public String setting(String name, String fallback) {
		var value = settings.get(name);
		return value == null || value.isBlank() ? fallback : value;
	}

	@Override
	public String toString() {
		return "ChannelContext[" + channelId + ", " + platform + ", " + baseUrl + "]"; // never the credentials
	}
}
