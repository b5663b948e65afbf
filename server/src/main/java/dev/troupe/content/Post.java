package dev.troupe.content;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.troupe.generation.Continuity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A post of a character: caption, ordered media, target channels, and per-channel variants where a channel
 * needs something different (a shorter caption, platform options). {@code editors}: everyone who wrote or edited
 * the revision under review (since it was last approved); none of them may approve it. {@code captionJobId}: the
 * caption job the post was made from, with the lorebook entries that job used ({@code loreUsed}, copied so review
 * sees them even after the job is gone); {@code continuity}: the last continuity check of the caption, if any.
 * {@code replyTo}: set when the post answers something said to the character (an inbox item) on its one channel.
 */
public record Post(UUID id, UUID characterId, String caption, List<Media> media, List<UUID> channelIds,
		Map<UUID, Variant> variants, PostState state, Review review, Instant scheduledAt, String createdBy,
		Instant createdAt, Instant updatedAt, int version, List<String> editors, UUID captionJobId, JsonNode loreUsed,
		Continuity continuity, ReplyTo replyTo) {

	/** A post that answers nothing. */
	public Post(UUID id, UUID characterId, String caption, List<Media> media, List<UUID> channelIds,
			Map<UUID, Variant> variants, PostState state, Review review, Instant scheduledAt, String createdBy,
			Instant createdAt, Instant updatedAt, int version, List<String> editors, UUID captionJobId, JsonNode loreUsed,
			Continuity continuity) {
		this(id, characterId, caption, media, channelIds, variants, state, review, scheduledAt, createdBy, createdAt,
				updatedAt, version, editors, captionJobId, loreUsed, continuity, null);
	}

	public Post {
		loreUsed = loreUsed == null ? JsonNodeFactory.instance.arrayNode() : loreUsed;
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

	/** The same post with another continuity verdict (a check's result is not an edit: no new version). */
	Post withContinuity(Continuity verdict) {
		return new Post(id, characterId, caption, media, channelIds, variants, state, review, scheduledAt, createdBy,
				createdAt, updatedAt, version, editors, captionJobId, loreUsed, verdict, replyTo);
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

	/**
	 * What a reply answers on its channel: the remote id of the item and the references its platform needs to thread
	 * the answer (opaque here; the channel's adapter reads them).
	 */
	public record ReplyTo(String remoteId, Map<String, String> refs) {

		public ReplyTo {
			refs = refs == null ? Map.of() : Map.copyOf(refs);
		}
	}

	/** The last review decision. */
	public record Review(String by, Instant at, String comment, boolean approved) {
	}
}
