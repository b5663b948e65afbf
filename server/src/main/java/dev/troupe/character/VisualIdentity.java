package dev.troupe.character;

import java.util.List;
import java.util.UUID;

/**
 * How the character looks to an image model: the prompts, checkpoint and LoRAs that every image starts from,
 * reference images for face consistency, and how seeds are chosen.
 */
public record VisualIdentity(List<UUID> referenceAssetIds, String basePrompt, String negativePrompt,
		String checkpoint, List<Lora> loras, FaceMethod faceMethod, SeedPolicy seedPolicy, Long seed) {

	public VisualIdentity {
		referenceAssetIds = referenceAssetIds == null ? List.of() : List.copyOf(referenceAssetIds);
		basePrompt = basePrompt == null ? "" : basePrompt;
		negativePrompt = negativePrompt == null ? "" : negativePrompt;
		checkpoint = checkpoint == null ? "" : checkpoint;
		loras = loras == null ? List.of() : List.copyOf(loras);
		faceMethod = faceMethod == null ? FaceMethod.NONE : faceMethod;
		seedPolicy = seedPolicy == null ? SeedPolicy.RANDOM : seedPolicy;
	}

	static VisualIdentity empty() {
		return new VisualIdentity(null, null, null, null, null, null, null, null);
	}

	VisualIdentity withReferences(List<UUID> ids) {
		return new VisualIdentity(ids, basePrompt, negativePrompt, checkpoint, loras, faceMethod, seedPolicy, seed);
	}

	/** A LoRA applied with a weight, e.g. {@code <lora:mira_v2:0.8>}. */
	public record Lora(String name, double weight) {
	}

	/** How generation keeps the face the same across images. */
	public enum FaceMethod {
		NONE, IP_ADAPTER_FACEID, INSTANTID, PULID
	}

	/** RANDOM: a new seed per image; FIXED: always {@code seed}; INCREMENT: {@code seed}, seed+1, … */
	public enum SeedPolicy {
		RANDOM, FIXED, INCREMENT
	}
}
