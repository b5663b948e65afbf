package dev.troupe.content;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A post of a character: caption, ordered media, target channels, and per-channel variants where a channel
 * needs something different (a shorter caption, platform options). {@code editors}: everyone who wrote or edited
 * the revision under review (since it was last approved); none of them may approve it.
 */
public record Post(UUID id, UUID characterId, String caption, List<Media> media, List<UUID> channelIds,
		Map<UUID, Variant> variants, PostState state, Review review, Instant scheduledAt, String createdBy,
		Instant createdAt, Instant updatedAt, int version, List<String> editors) {

	public Post {
		editors = editors == null ? List.of() : List.copyOf(editors);
		caption = caption == null ? "" : caption;
		media = media == null ? List.of() : List.copyOf(media);
		channelIds = channelIds == null ? List.of() : List.copyOf(channelIds);
		variants = variants == null ? Map.of() : Map.copyOf(variants);
	}

	/** The caption for one channel: its variant's override, else the post's. */
	public String captionFor(UUID channelId) {
		var variant = variants.get(channelId);
		return variant != null && variant.caption() != null && !variant.caption().isBlank() ? variant.caption() : caption;
	}

	public Map<String, String> optionsFor(UUID channelId) {
		var variant = variants.get(channelId);
		return variant == null || variant.options() == null ? Map.of() : variant.options();
	}

	/** Whether {@code actor} wrote this post or edited its current revision. */
	public boolean authoredBy(String actor) {
		return createdBy.equalsIgnoreCase(actor) || editors.stream().anyMatch(e -> e.equalsIgnoreCase(actor));
	}

	/** One attached asset, in order, with its alt text. */
	public record Media(UUID assetId, String altText) {
	}

	public record Variant(String caption, Map<String, String> options) {
	}

	/** The last review decision. */
	public record Review(String by, Instant at, String comment, boolean approved) {
	}
}
