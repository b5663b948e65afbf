package dev.troupe.publishing.spi;

import java.util.List;

/**
 * What a channel accepts. {@code mediaTypes} are content-type prefixes ("image/", "video/mp4");
 * {@code maxImageBytes}/{@code maxImageEdge} drive image renditions (Troupe re-encodes to fit).
 * Built from the platform's {@link PlatformDescriptor}; a channel may differ (a Mastodon instance's own limits).
 */
public record Capabilities(int maxTextLength, int maxMedia, List<String> mediaTypes, boolean requiresMedia,
		long maxImageBytes, int maxImageEdge, long maxVideoBytes, int maxAltTextLength, boolean idempotent) {

	/** The platform's defaults, as its descriptor writes them. */
	public static Capabilities of(PlatformDescriptor descriptor) {
		var caps = descriptor.capabilities();
		var media = caps.media();
		return new Capabilities(caps.text().maxLength(), media.maxCount(),
				media.formats().stream().map(Capabilities::prefix).toList(), caps.requiresMedia(), media.maxImageBytes(),
				media.maxImageEdge() == null ? 0 : media.maxImageEdge(), media.maxVideoBytes(), media.maxAltTextLength(),
				caps.idempotent());
	}

	/** The same, with a channel's own upload limits. */
	public Capabilities withMaxBytes(long image, long video) {
		return new Capabilities(maxTextLength, maxMedia, mediaTypes, requiresMedia, image, maxImageEdge, video,
				maxAltTextLength, idempotent);
	}

	/** The same, with a channel's own text limit. */
	public Capabilities withMaxTextLength(int length) {
		return new Capabilities(length, maxMedia, mediaTypes, requiresMedia, maxImageBytes, maxImageEdge, maxVideoBytes,
				maxAltTextLength, idempotent);
	}

	/** "image/*" accepts any image and "*&#47;*" anything: both become prefixes. */
	private static String prefix(String format) {
		return format.equals("*/*") ? "" : format.endsWith("/*") ? format.substring(0, format.length() - 1) : format;
	}
}
