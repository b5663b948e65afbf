package dev.troupe.publishing.platform.facebook;

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
 * Facebook Pages through the Pages API: text with a link, one or several photos, one video. Photos and videos
 * are fetched by Meta from Troupe's public links. Page posts allow far more text than anyone writes; 63,206
 * characters is the long-standing figure.
 */
final class FacebookDescriptor {

	static final int MAX_TEXT = 63_206;
	static final int MAX_PHOTOS = 10;
	static final long MAX_IMAGE_BYTES = 4L * 1024 * 1024;
	static final int MAX_IMAGE_EDGE = 4096;
	static final long MAX_VIDEO_BYTES = 1024L * 1024 * 1024;

	static final PlatformDescriptor DESCRIPTOR = new PlatformDescriptor("facebook", "Facebook Page", "facebook", null,
			new ConnectSpec(ConnectKind.OAUTH, List.of()),
			List.of(Setting.choice("videoFormat", "Videos as", "A Page video, or a Reel (vertical, 3 to 90 seconds).",
					"video", List.of("video", "reel")),
					Setting.integer("timeoutMillis", "Timeout (ms)", "How long to wait for each Graph API call.", 60_000)),
			new CapabilityFlags(new TextRules(MAX_TEXT, TextCounting.CHARACTERS, null),
					new MediaRules(List.of("image", "video"), 0, MAX_PHOTOS, List.of("image/jpeg", "image/png", "video/mp4"),
							MAX_IMAGE_BYTES, MAX_IMAGE_EDGE, MAX_VIDEO_BYTES, null, null, null, false, 0),
					false, false, true, false, false))
		.withMetrics(FacebookMetrics.SPEC);

	private FacebookDescriptor() {
	}
}
