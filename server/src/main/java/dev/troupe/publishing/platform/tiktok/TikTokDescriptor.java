package dev.troupe.publishing.platform.tiktok;

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
 * TikTok Content Posting API (developers.tiktok.com, 2026): one video (MP4, up to 4 GB) or up to 35 photos (JPEG
 * or WebP, fetched by TikTok from a public URL); titles up to 2,200 characters (photo titles 90). TikTok's UX rules
 * for Direct Post: no privacy level is preselected (the channel or the post must choose one the creator offers) and
 * comments, duets and stitches are off unless turned on. {@code post_info.is_aigc} labels generated media.
 */
final class TikTokDescriptor {

	static final int MAX_TITLE = 2200;
	static final int MAX_PHOTOS = 35;
	static final long MAX_VIDEO_BYTES = 4L * 1024 * 1024 * 1024;
	static final long MIN_CHUNK = 5L * 1024 * 1024;
	static final long MAX_CHUNK = 64L * 1024 * 1024;
	static final List<String> PRIVACY = List.of("PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "FOLLOWER_OF_CREATOR", "SELF_ONLY");

	static final PlatformDescriptor DESCRIPTOR = new PlatformDescriptor("tiktok", "TikTok", "tiktok", null,
			new ConnectSpec(ConnectKind.OAUTH, List.of()),
			List.of(new Setting("privacyLevel", "Who can view",
					"Required, no default (TikTok's rule): one of the levels the creator's account offers. Apps that have "
							+ "not passed TikTok's audit can only post SELF_ONLY.",
					PlatformDescriptor.SettingType.ENUM, null, PRIVACY, true),
					new Setting("allowComments", "Allow comments", "Off unless turned on (TikTok's rule).",
							PlatformDescriptor.SettingType.BOOLEAN, false, List.of(), false),
					new Setting("allowDuet", "Allow duets", "Off unless turned on (TikTok's rule).",
							PlatformDescriptor.SettingType.BOOLEAN, false, List.of(), false),
					new Setting("allowStitch", "Allow stitches", "Off unless turned on (TikTok's rule).",
							PlatformDescriptor.SettingType.BOOLEAN, false, List.of(), false),
					Setting.choice("mode", "Mode", "direct: posted at once. inbox: sent to the creator's TikTok inbox as a draft "
							+ "to finish in the app (for apps without Direct Post).", "direct", List.of("direct", "inbox")),
					Setting.integer("chunkBytes", "Upload chunk (bytes)", "5 MB to 64 MB (TikTok's media transfer rules).",
							10 * 1024 * 1024),
					Setting.integer("timeoutMillis", "Timeout (ms)", "How long to wait for each TikTok call.", 60_000)),
			new CapabilityFlags(new TextRules(MAX_TITLE, TextCounting.CHARACTERS, null),
					new MediaRules(List.of("image", "video"), 1, MAX_PHOTOS, List.of("image/jpeg", "image/webp", "video/mp4"),
							20L * 1024 * 1024, 1920, MAX_VIDEO_BYTES, 600, null, null, false, 0),
					true, false, false, true, false))
		.withMetrics(TikTokMetrics.SPEC);

	private TikTokDescriptor() {
	}
}
