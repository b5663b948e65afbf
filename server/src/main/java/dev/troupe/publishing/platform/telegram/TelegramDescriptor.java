package dev.troupe.publishing.platform.telegram;

import java.util.List;

import dev.troupe.publishing.spi.PlatformDescriptor;
import dev.troupe.publishing.spi.PlatformDescriptor.CapabilityFlags;
import dev.troupe.publishing.spi.PlatformDescriptor.ConnectKind;
import dev.troupe.publishing.spi.PlatformDescriptor.ConnectSpec;
import dev.troupe.publishing.spi.PlatformDescriptor.Field;
import dev.troupe.publishing.spi.PlatformDescriptor.MediaRules;
import dev.troupe.publishing.spi.PlatformDescriptor.Metric;
import dev.troupe.publishing.spi.PlatformDescriptor.MetricsSpec;
import dev.troupe.publishing.spi.PlatformDescriptor.Setting;
import dev.troupe.publishing.spi.PlatformDescriptor.TextRules;
import dev.troupe.publishing.spi.TextCounting;

/**
 * Telegram through the Bot API. The text limit is a message's 4096 characters; a caption under media allows 1024
 * ({@link TelegramRules}). Telegram has no alt text, so any length is accepted (and dropped).
 */
final class TelegramDescriptor {

	static final int MAX_TEXT = 4096;
	static final int MAX_CAPTION = 1024;
	static final long MAX_PHOTO_BYTES = 10L * 1024 * 1024;
	static final long MAX_FILE_BYTES = 50L * 1024 * 1024;
	/**
	 * Telegram needs width + height ≤ 10000 for photos. A longest edge of 5000 satisfies that for every aspect
	 * ratio (a square is the worst case), and Telegram shrinks photos for display far below that anyway.
	 */
	static final int MAX_IMAGE_EDGE = 5000;

	static final PlatformDescriptor DESCRIPTOR = new PlatformDescriptor("telegram", "Telegram", "send", null,
			new ConnectSpec(ConnectKind.TOKEN, List.of(
					Field.baseUrl("Bot API URL", "Telegram's, or your own telegram-bot-api server.", "https://api.telegram.org"),
					Field.secret("botToken", "Bot token", "From @BotFather. The bot must be an admin of the channel.")
						.withPlaceholder("123456:ABC-DEF…"))),
			List.of(Setting.string("chatId", "Chat ID", "@channelname or the numeric id (-100…).", true),
					Setting.choice("parseMode", "Formatting", "How Telegram reads markup in the text.", null,
							List.of("HTML", "MarkdownV2")),
					Setting.integer("timeoutMillis", "Timeout (ms)", "How long to wait for Telegram.", 30_000)),
			new CapabilityFlags(new TextRules(MAX_TEXT, TextCounting.CHARACTERS, null),
					new MediaRules(List.of("image", "video", "gif", "audio"), 0, 10, List.of("image/*", "video/*", "audio/*"),
							MAX_PHOTO_BYTES, MAX_IMAGE_EDGE, MAX_FILE_BYTES, null, null, null, false, Integer.MAX_VALUE),
					false, false, true, false, false))
		// the Bot API has no view or reaction counts for channel posts: only the member count is reported
		.withMetrics(new MetricsSpec(List.of(), List.of(new Metric("member_count", "Members", "followers"))));

	private TelegramDescriptor() {
	}
}
