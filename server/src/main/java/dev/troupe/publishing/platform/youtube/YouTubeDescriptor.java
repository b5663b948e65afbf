package dev.troupe.publishing.platform.youtube;

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
 * YouTube Data API v3 videos.insert (developers.google.com, 2026): one video a post; title up to 100 characters
 * (the first line of the text, or the {@code title} option), description up to 5,000 bytes; Shorts are vertical
 * videos of up to three minutes (YouTube has no API flag for them). {@code status.containsSyntheticMedia} labels
 * generated media; {@code selfDeclaredMadeForKids} must be chosen for every channel (no default, COPPA). The
 * default daily allowance is 100 videos.insert calls, reset at midnight Pacific time.
 */
final class YouTubeDescriptor {

	static final int MAX_TITLE = 100;
	static final int MAX_DESCRIPTION_BYTES = 5000;
	static final long MAX_VIDEO_BYTES = 256L * 1024 * 1024 * 1024;
	static final int SHORTS_SECONDS = 180;
	static final int CHUNK_UNIT = 256 * 1024;

	static final PlatformDescriptor DESCRIPTOR = new PlatformDescriptor("youtube", "YouTube", "youtube", null,
			new ConnectSpec(ConnectKind.OAUTH, List.of()),
			List.of(new Setting("madeForKids", "Made for kids",
					"Required by YouTube (COPPA): are this channel's videos made for children? Troupe does not guess.",
					PlatformDescriptor.SettingType.ENUM, null, List.of("yes", "no"), true),
					Setting.choice("privacy", "Privacy", "Videos of API projects that have not passed Google's audit can only "
							+ "be private. A post's publishAt option schedules a private video to go public.", "private",
							List.of("public", "unlisted", "private")),
					Setting.choice("format", "Format", "Shorts must be vertical and at most three minutes long.", "video",
							List.of("video", "short")),
					Setting.integer("dailyUploads", "Uploads a day",
							"videos.insert calls this channel may make a day (YouTube's default allowance is 100, reset at "
									+ "midnight Pacific time).", 100),
					Setting.integer("chunkBytes", "Upload chunk (bytes)", "A multiple of 262,144 bytes (256 KiB).", 8 * 1024 * 1024),
					Setting.string("categoryId", "Category id", "YouTube's video category (22 is People & Blogs).", false),
					Setting.integer("timeoutMillis", "Timeout (ms)", "How long to wait for each YouTube call.", 60_000)),
			new CapabilityFlags(new TextRules(MAX_DESCRIPTION_BYTES, TextCounting.UTF8_BYTES, null),
					new MediaRules(List.of("video"), 1, 1, List.of("video/*"), 0, null, MAX_VIDEO_BYTES, null, null, null,
							false, 0),
					true, false, false, true, true))
		.withMetrics(YouTubeMetrics.SPEC);

	private YouTubeDescriptor() {
	}
}
