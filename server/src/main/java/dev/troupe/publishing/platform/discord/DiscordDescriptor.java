package dev.troupe.publishing.platform.discord;

import java.util.List;

import dev.troupe.publishing.spi.PlatformDescriptor;
import dev.troupe.publishing.spi.PlatformDescriptor.CapabilityFlags;
import dev.troupe.publishing.spi.PlatformDescriptor.ConnectKind;
import dev.troupe.publishing.spi.PlatformDescriptor.ConnectSpec;
import dev.troupe.publishing.spi.PlatformDescriptor.Field;
import dev.troupe.publishing.spi.PlatformDescriptor.FieldType;
import dev.troupe.publishing.spi.PlatformDescriptor.MediaRules;
import dev.troupe.publishing.spi.PlatformDescriptor.Setting;
import dev.troupe.publishing.spi.PlatformDescriptor.TextRules;
import dev.troupe.publishing.spi.TextCounting;

/**
 * A Discord channel webhook: 2000 characters, ten attachments of 10 MiB each (the default since January 2025;
 * boosted servers raise it with {@code maxUploadMegabytes}); attachment descriptions (alt text) allow 1024.
 * Images need no pixel limit; 4096 keeps them light.
 */
final class DiscordDescriptor {

	static final int MAX_UPLOAD_MEGABYTES = 10;
	private static final long MAX_UPLOAD_BYTES = MAX_UPLOAD_MEGABYTES * 1024L * 1024;

	static final PlatformDescriptor DESCRIPTOR = new PlatformDescriptor("discord", "Discord", "discord", null,
			new ConnectSpec(ConnectKind.WEBHOOK, List.of(
					new Field("webhookUrl", "Webhook URL", "Server Settings › Integrations › Webhooks › Copy Webhook URL.",
							FieldType.PASSWORD, true, true, "^https?://.+/api(/v\\d+)?/webhooks/\\d+/.+",
							"https://discord.com/api/webhooks/…", null))),
			List.of(Setting.string("username", "Display name", "Optional; the webhook's own name when empty.", false),
					Setting.string("avatarUrl", "Avatar URL", "Optional; the webhook's own avatar when empty.", false),
					Setting.string("threadId", "Thread ID", "Post into this thread of the channel.", false),
					Setting.string("guildId", "Server ID", "Enables links to the posted messages.", false),
					Setting.integer("maxUploadMegabytes", "Upload limit (MiB)", "Raise for boosted servers.", MAX_UPLOAD_MEGABYTES),
					Setting.integer("timeoutMillis", "Timeout (ms)", "How long to wait for Discord.", 30_000)),
			new CapabilityFlags(new TextRules(2000, TextCounting.CHARACTERS, null),
					new MediaRules(List.of("image", "video", "gif", "audio"), 0, 10, List.of("image/*", "video/*", "audio/*"),
							MAX_UPLOAD_BYTES, 4096, MAX_UPLOAD_BYTES, null, null, null, true, 1024),
					false, false, false, false, false));

	private DiscordDescriptor() {
	}
}
