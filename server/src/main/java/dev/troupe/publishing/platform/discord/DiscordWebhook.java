package dev.troupe.publishing.platform.discord;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;

import dev.troupe.publishing.spi.ChannelContext;

/**
 * A Discord channel webhook, read from the {@link ChannelContext}. Credentials: either {@code webhookUrl} (what
 * Discord's "Copy Webhook URL" gives: {@code https://discord.com/api/webhooks/<id>/<token>}) or
 * {@code webhookId} + {@code webhookToken}. {@code baseUrl}, when set, is the API root that replaces the URL's
 * host (tests, a proxy); otherwise the webhook URL's own origin, or {@code https://discord.com}. Settings:
 * {@code username}, {@code avatarUrl} (per-message overrides), {@code threadId}, {@code guildId} (enables jump
 * links), {@code maxUploadMegabytes} (10), {@code timeoutMillis} (30000).
 */
record DiscordWebhook(URI apiRoot, String id, String token, String threadId, String username, String avatarUrl,
		String guildId, long maxUploadBytes, Duration timeout) {

	static final URI DISCORD = URI.create("https://discord.com");

	private static final Pattern WEBHOOK_PATH = Pattern.compile(".*/api(?:/v\\d+)?/webhooks/(\\d+)/([^/?#]+).*");

	static DiscordWebhook of(ChannelContext context) {
		var id = context.credential("webhookId");
		var token = context.credential("webhookToken");
		var root = context.baseUrl();
		var url = context.credential("webhookUrl");
		if (url != null && !url.isBlank()) {
			var matcher = WEBHOOK_PATH.matcher(url.trim());
			if (matcher.matches()) {
				id = matcher.group(1);
				token = matcher.group(2);
			}
			if (root == null) {
				root = rootOf(url.trim());
			}
		}
		return new DiscordWebhook(root == null ? DISCORD : root, id, token, context.setting("threadId", null),
				context.setting("username", null), context.setting("avatarUrl", null), context.setting("guildId", null),
				number(context.setting("maxUploadMegabytes", String.valueOf(DiscordDescriptor.MAX_UPLOAD_MEGABYTES)),
						DiscordDescriptor.MAX_UPLOAD_MEGABYTES) * 1024 * 1024,
				Duration.ofMillis(number(context.setting("timeoutMillis", "30000"), 30_000)));
	}

	/** What is missing before anything can be sent, or null. */
	String misconfiguration() {
		return id == null || id.isBlank() || token == null || token.isBlank()
				? "the channel has no webhook: paste the URL from Server Settings › Integrations › Webhooks" : null;
	}

	/**
	 * The execute/get URL. The token is the credential: it is in the path, so URLs are never logged. Id, token
	 * and thread are percent-encoded, so a mistyped one comes back as Discord's 404 rather than as an exception
	 * whose message quotes the URL, token included.
	 */
	URI url(boolean execute) {
		var root = apiRoot.toString().endsWith("/") ? apiRoot.toString() : apiRoot + "/";
		var query = execute ? "?wait=true" + (threadId == null ? "" : "&thread_id=" + encode(threadId)) : "";
		return URI.create(root + "api/webhooks/" + encode(id) + "/" + encode(token) + query);
	}

	/** The scheme and host of a pasted webhook URL; null when it is not a URL (never an exception quoting it). */
	private static URI rootOf(String url) {
		try {
			var parsed = new URI(url);
			return parsed.getScheme() == null || parsed.getRawAuthority() == null ? null
					: new URI(parsed.getScheme() + "://" + parsed.getRawAuthority());
		}
		catch (java.net.URISyntaxException e) {
			return null;
		}
	}

	private static String encode(String value) {
		return java.net.URLEncoder.encode(value == null ? "" : value, java.nio.charset.StandardCharsets.UTF_8)
			.replace("+", "%20");
	}

	private static long number(String value, long fallback) {
		try {
			return Math.max(1, Long.parseLong(value.trim()));
		}
		catch (NumberFormatException e) {
			return fallback; // a typo in a setting should not stop publishing
		}
	}
}
