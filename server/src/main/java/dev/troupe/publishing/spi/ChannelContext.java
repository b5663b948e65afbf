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
		credentials = withoutNulls(credentials);
		settings = withoutNulls(settings);
	}

	/** A value sent as JSON null is no value: adapters see it as absent, as if it had not been sent. */
	private static Map<String, String> withoutNulls(Map<String, String> values) {
		if (values == null) {
			return Map.of();
		}
		var copy = new java.util.HashMap<String, String>();
		values.forEach((k, v) -> {
			if (k != null && v != null) {
				copy.put(k, v);
			}
		});
		return Map.copyOf(copy);
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
