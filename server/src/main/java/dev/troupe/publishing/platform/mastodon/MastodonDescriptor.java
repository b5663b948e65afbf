package dev.troupe.publishing.platform.mastodon;

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
 * Mastodon's own defaults (4.x). An instance may allow more: {@link MastodonInstances} reads its limits and falls
 * back to these when it does not answer.
 */
final class MastodonDescriptor {

	static final PlatformDescriptor DESCRIPTOR = new PlatformDescriptor("mastodon", "Mastodon", "mastodon", null,
			new ConnectSpec(ConnectKind.TOKEN, List.of(
					Field.baseUrl("Instance URL", "The server the account lives on.", null)
						.withPlaceholder("https://mastodon.social"),
					Field.secret("accessToken", "Access token", "Preferences → Development → New application, with "
							+ "read:accounts, write:statuses and write:media."))),
			List.of(Setting.choice("visibility", "Visibility", "Who sees the posts.", "public",
					List.of("public", "unlisted", "private", "direct")),
					Setting.string("language", "Language", "ISO 639 code of the posts, e.g. en.", false),
					new Setting("sensitive", "Sensitive", "Hide media behind a warning.",
							PlatformDescriptor.SettingType.BOOLEAN, false, List.of(), false),
					Setting.string("spoilerText", "Content warning", "Shown before the post's text.", false),
					Setting.integer("timeoutMillis", "Timeout (ms)", "How long to wait for the instance.", 30_000),
					Setting.integer("mediaTimeoutSeconds", "Media processing wait (s)",
							"How long to wait for the instance to process a video.", 300)),
			new CapabilityFlags(new TextRules(500, TextCounting.CHARACTERS, 23),
					new MediaRules(List.of("image", "video", "gif", "audio"), 0, 4,
							List.of("image/jpeg", "image/png", "image/gif", "image/webp", "image/heic", "image/heif",
									"image/avif", "video/mp4", "video/webm", "video/quicktime", "audio/mpeg", "audio/ogg",
									"audio/wav"),
							16L * 1024 * 1024, 5760, 99L * 1024 * 1024, null, null, null, true, 1500),
					false, true, true, false, true))
		.withMetrics(new MetricsSpec(List.of(new Metric("favourites_count", "Favourites", "reactions"),
				new Metric("reblogs_count", "Boosts", "shares"), new Metric("replies_count", "Replies", "comments"),
				new Metric("quotes_count", "Quotes", null)),
				List.of(new Metric("followers_count", "Followers", "followers"),
						new Metric("following_count", "Following", null), new Metric("statuses_count", "Posts", null))));

	private MastodonDescriptor() {
	}
}
