package dev.troupe.publishing.platform.x;

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
 * X API v2 (docs.x.com, 2026): 280 weighted characters a post (twitter-text: CJK and emoji count 2, every URL 23),
 * up to 4 images, or 1 GIF, or 1 video; images 5 MB, GIFs 15 MB, videos 512 MB; alt text up to 1,000 characters
 * on images and GIFs. No AI-label field exists in the API. Threads: a line holding only {@code ---} splits the
 * text into a reply chain ({@link XThread}).
 */
final class XDescriptor {

	static final int MAX_TEXT = 280;
	static final int URL_LENGTH = 23;
	static final int MAX_IMAGES = 4;
	static final long MAX_IMAGE_BYTES = 5L * 1024 * 1024;
	static final long MAX_GIF_BYTES = 15L * 1024 * 1024;
	static final long MAX_VIDEO_BYTES = 512L * 1024 * 1024;
	static final int MAX_VIDEO_SECONDS = 140;
	static final int MAX_ALT_TEXT = 1000;
	static final TextRules TEXT = new TextRules(MAX_TEXT, TextCounting.WEIGHTED, URL_LENGTH);
	static final List<String> FORMATS = List.of("image/jpeg", "image/png", "image/webp", "image/gif", "video/mp4",
			"video/quicktime");

	static final PlatformDescriptor DESCRIPTOR = new PlatformDescriptor("x", "X", "x", null,
			new ConnectSpec(ConnectKind.OAUTH, List.of()),
			List.of(new Setting("automatedLabel", "Automated label is on",
					"X's developer rules: an automated account must turn on the \"Automated\" label (Settings → Your "
							+ "account → Account information → Automation) and name the person who runs it. Confirm "
							+ "once you have done so.",
					PlatformDescriptor.SettingType.BOOLEAN, false, List.of(), false),
					Setting.integer("lookupWindowSeconds", "Look-up window (s)",
							"When X does not answer a post, Troupe looks for it among the account's recent posts for "
									+ "this long before asking a person.", 300),
					Setting.integer("chunkBytes", "Upload chunk (bytes)", "Size of each video upload chunk.", 4 * 1024 * 1024),
					Setting.integer("timeoutMillis", "Timeout (ms)", "How long to wait for each X API call.", 30_000),
					Setting.integer("processingTimeoutSeconds", "Processing wait (s)",
							"How long X may process a video before the attempt is retried later.", 600)),
			new CapabilityFlags(TEXT,
					new MediaRules(List.of("image", "gif", "video"), 0, MAX_IMAGES, FORMATS, MAX_IMAGE_BYTES, 4096,
							MAX_VIDEO_BYTES, MAX_VIDEO_SECONDS, 1 / 3.0, 3.0, true, MAX_ALT_TEXT),
					false, true, true, false, false))
		.withMetrics(XMetrics.SPEC);

	private XDescriptor() {
	}
}
