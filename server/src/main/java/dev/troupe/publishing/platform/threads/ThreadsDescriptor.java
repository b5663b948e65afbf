package dev.troupe.publishing.platform.threads;

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
 * Threads through the Threads API (posts and publishing references, 2026): 500 characters where an emoji counts
 * as its UTF-8 bytes ({@link ThreadsText}), carousels of 2 to 20 items, JPEG or PNG images of 8 MB, MP4 video.
 * Threads fetches media by URL, so Troupe must be reachable from the internet.
 */
final class ThreadsDescriptor {

	static final int MAX_TEXT = 500;
	static final int MAX_ITEMS = 20;
	static final long MAX_IMAGE_BYTES = 8L * 1024 * 1024;
	static final int MAX_IMAGE_EDGE = 1440;
	static final long MAX_VIDEO_BYTES = 1024L * 1024 * 1024;

	static final PlatformDescriptor DESCRIPTOR = new PlatformDescriptor("threads", "Threads", "threads", null,
			new ConnectSpec(ConnectKind.OAUTH, List.of()),
			List.of(Setting.choice("replyControl", "Who can reply", "Threads' reply_control.", "everyone",
					List.of("everyone", "accounts_you_follow", "mentioned_only")),
					Setting.integer("timeoutMillis", "Timeout (ms)", "How long to wait for each Threads API call.", 30_000),
					Setting.integer("processingTimeoutSeconds", "Processing wait (s)",
							"How long Threads may take to process a video before the post fails.", 600)),
			new CapabilityFlags(new TextRules(MAX_TEXT, TextCounting.CHARACTERS, null),
					new MediaRules(List.of("image", "video"), 0, MAX_ITEMS, List.of("image/jpeg", "image/png", "video/mp4"),
							MAX_IMAGE_BYTES, MAX_IMAGE_EDGE, MAX_VIDEO_BYTES, 300, null, 10.0, false, 0),
					false, false, true, false, false))
		.withMetrics(ThreadsMetrics.SPEC);

	private ThreadsDescriptor() {
	}
}
