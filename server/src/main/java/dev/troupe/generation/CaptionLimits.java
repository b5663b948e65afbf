package dev.troupe.generation;

import java.util.Map;

/**
 * Caption length limits per target platform, for writing captions that fit. These are the platforms' published
 * text limits (for a post with media where it differs); the publishing module's adapters will check the
 * exact, instance-specific limits again when a post is submitted.
 */
final class CaptionLimits {

	static final Map<String, Integer> LIMITS = Map.of("x", 280, "bluesky", 300, "threads", 500, "mastodon", 500,
			"telegram", 1024, "instagram", 2200, "tiktok", 2200, "youtube", 5000, "facebook", 63206);

	private CaptionLimits() {
	}
}
