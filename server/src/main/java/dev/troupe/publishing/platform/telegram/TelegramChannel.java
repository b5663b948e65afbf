package dev.troupe.publishing.platform.telegram;

import java.net.URI;
import java.time.Duration;

import dev.troupe.publishing.spi.ChannelContext;

/**
 * A Telegram channel's settings, read from the {@link ChannelContext}: the Bot API root (the official one or a
 * self-hosted telegram-bot-api server), the bot token (credential {@code botToken}) and the target chat
 * (setting {@code chatId}: {@code @channelname} or a numeric id such as {@code -1001234567890}).
 */
record TelegramChannel(URI apiRoot, String botToken, String chatId, String parseMode, Duration timeout) {

	static final URI OFFICIAL_API = URI.create("https://api.telegram.org");

	static TelegramChannel of(ChannelContext context) {
		var root = context.baseUrl() == null ? OFFICIAL_API : context.baseUrl();
		var chatId = context.setting("chatId", null);
		return new TelegramChannel(root, context.credential("botToken"), chatId == null ? null : chatId.trim(),
				context.setting("parseMode", null),
				timeout(context.setting("timeoutMillis", "30000")));
	}

	private static Duration timeout(String millis) {
		try {
			return Duration.ofMillis(Math.max(1, Long.parseLong(millis.trim())));
		}
		catch (NumberFormatException e) {
			return Duration.ofSeconds(30); // a typo in a setting should not stop publishing
		}
	}

	/** What is missing before anything can be sent, or null. */
	String misconfiguration() {
		if (botToken == null || botToken.isBlank()) {
			return "the channel has no bot token: paste the token @BotFather gave you";
		}
		if (chatId == null || chatId.isBlank()) {
			return "the channel has no chatId: set it to @channelname or the channel's numeric id";
		}
		return null;
	}

	/**
	 * The token is part of the path, as the Bot API wants ({@code /bot<token>/<method>}); it is never logged. It
	 * is percent-encoded: a mistyped token must come back as Telegram's 404, not as a URISyntaxException whose
	 * message quotes the whole URL, token included.
	 */
	URI method(String name) {
		var root = apiRoot.toString().endsWith("/") ? apiRoot.toString() : apiRoot + "/";
		return URI.create(root + "bot" + segment(botToken) + "/" + segment(name));
	}

	private static String segment(String value) {
		return java.net.URLEncoder.encode(value == null ? "" : value, java.nio.charset.StandardCharsets.UTF_8)
			.replace("+", "%20")
			.replace("%3A", ":");
	}

	/** The public username when the chat is given as {@code @name}: public channels have t.me links. */
	String publicUsername() {
		return chatId != null && chatId.startsWith("@") ? chatId.substring(1) : null;
	}
}
