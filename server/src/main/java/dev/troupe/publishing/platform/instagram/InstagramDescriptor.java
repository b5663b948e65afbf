package dev.troupe.publishing.platform.instagram;

import java.util.List;

import dev.troupe.publishing.spi.PlatformDescriptor;
import dev.troupe.publishing.spi.PlatformDescriptor.CapabilityFlags;
import dev.troupe.publishing.spi.PlatformDescriptor.ConnectKind;
import dev.troupe.publishing.spi.PlatformDescriptor.ConnectSpec;
import dev.troupe.publishing.spi.PlatformDescriptor.MediaRules;
import dev.troupe.publishing.spi.PlatformDescriptor.Setting;
import dev.troupe.publishing.spi.PlatformDescriptor.TextRules;
import dev.troupe.publishing.spi.TextCounting;

/**
 * Instagram professional accounts through the Instagram API with Instagram Login (ig-user/media reference and
 * Meta's media specs as of 2026): captions of 2,200 characters, JPEG images of at most 8 MB and 1,440 px wide
 * with an aspect ratio from 4:5 to 1.91:1 in the feed, carousels of up to 10 items, MP4 video. Meta fetches
 * every file by URL, so Troupe must be reachable from the internet.
 */
final class InstagramDescriptor {

	static final int MAX_CAPTION = 2200;
	static final int MAX_ITEMS = 10;
	static final long MAX_IMAGE_BYTES = 8L * 1024 * 1024;
	static final int MAX_IMAGE_EDGE = 1440;
	static final long MAX_VIDEO_BYTES = 300L * 1024 * 1024;
	static final double MIN_FEED_RATIO = 0.8;
	static final double MAX_FEED_RATIO = 1.91;
	static final int MAX_ALT_TEXT = 1000;

	static final PlatformDescriptor DESCRIPTOR = new PlatformDescriptor("instagram", "Instagram", "instagram", null,
			new ConnectSpec(ConnectKind.OAUTH, List.of()),
			List.of(Setting.choice("format", "Format", "Feed post (carousel with several files), Reel or Story.", "feed",
					List.of("feed", "reel", "story")),
					new Setting("shareToFeed", "Reels also in the feed", "Show Reels in the profile grid too.",
							PlatformDescriptor.SettingType.BOOLEAN, true, List.of(), false),
					Setting.integer("timeoutMillis", "Timeout (ms)", "How long to wait for each Graph API call.", 30_000),
					Setting.integer("processingTimeoutSeconds", "Processing wait (s)",
							"How long Instagram may take to process a video before the post fails.", 900)),
			new CapabilityFlags(new TextRules(MAX_CAPTION, TextCounting.CHARACTERS, null),
					new MediaRules(List.of("image", "video"), 1, MAX_ITEMS, List.of("image/jpeg", "video/mp4"), MAX_IMAGE_BYTES,
							MAX_IMAGE_EDGE, MAX_VIDEO_BYTES, 900, MIN_FEED_RATIO, MAX_FEED_RATIO, true, MAX_ALT_TEXT),
					true, false, false, false, false))
		.withMetrics(InstagramMetrics.SPEC);

	private InstagramDescriptor() {
	}
}
