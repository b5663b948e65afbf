package dev.troupe.publishing.platform.bluesky;

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
 * Bluesky's app.bsky.feed.post limits: 300 graphemes (and 3000 UTF-8 bytes, checked by the platform), four images
 * of at most 1,000,000 bytes each (the PDS's blob limit for posts).
 */
final class BlueskyDescriptor {

	static final int MAX_GRAPHEMES = 300;
	static final int MAX_BYTES = 3000;

	static final PlatformDescriptor DESCRIPTOR = new PlatformDescriptor("bluesky", "Bluesky", "butterfly", null,
			new ConnectSpec(ConnectKind.TOKEN, List.of(
					Field.baseUrl("PDS URL", "The account's PDS; https://bsky.social for most accounts.", "https://bsky.social"),
					Field.text("identifier", "Handle or email", "The account's handle, DID or email.", true)
						.withPlaceholder("name.bsky.social"),
					Field.secret("appPassword", "App password", "Settings → Privacy and security → App passwords."))),
			List.of(Setting.string("langs", "Languages", "Comma-separated language codes of the posts, e.g. en,de.", false),
					Setting.integer("maxImageBytes", "Largest image (bytes)", "Images are re-encoded to fit.", 1_000_000),
					Setting.integer("timeoutMillis", "Timeout (ms)", "How long to wait for the PDS.", 30_000),
					Setting.url("appViewUrl", "AppView URL", "Where likes, reposts and followers are counted; empty: "
							+ "the server's setting, by default the public AppView (https://public.api.bsky.app).", false)),
			new CapabilityFlags(new TextRules(MAX_GRAPHEMES, TextCounting.GRAPHEMES, null),
					new MediaRules(List.of("image"), 0, 4, List.of("image/jpeg", "image/png", "image/webp"), 1_000_000, 2000,
							0, null, null, null, true, 2000),
					false, true, true, false, true))
		.withMetrics(new MetricsSpec(List.of(new Metric("likeCount", "Likes", "reactions"),
				new Metric("repostCount", "Reposts", "shares"), new Metric("replyCount", "Replies", "comments"),
				new Metric("quoteCount", "Quotes", null)),
				List.of(new Metric("followersCount", "Followers", "followers"), new Metric("followsCount", "Following", null),
						new Metric("postsCount", "Posts", null))))
		.withInbox(new PlatformDescriptor.InboxSpec(List.of("reply", "mention", "quote"), false,
				"Bluesky's developer guidelines forbid automated interactions that notify people, replies included: "
						+ "every reply needs a person's approval."));

	private BlueskyDescriptor() {
	}
}
