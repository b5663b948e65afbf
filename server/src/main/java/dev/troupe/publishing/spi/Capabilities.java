package dev.troupe.publishing.spi;

import java.util.List;

/**
 * What a channel accepts. {@code mediaTypes} are content-type prefixes ("image/", "video/mp4");
 * {@code maxImageBytes}/{@code maxImageEdge} drive image renditions (Troupe re-encodes to fit).
 */
public record Capabilities(int maxTextLength, int maxMedia, List<String> mediaTypes, boolean requiresMedia,
		long maxImageBytes, int maxImageEdge, long maxVideoBytes, int maxAltTextLength, boolean idempotent) {
}
