package dev.troupe.media;

import java.time.Instant;
import java.util.Objects;

/**
 * What {@link Provenance} writes into a generated file.
 *
 * @param generator the tool chain, e.g. {@code "Troupe 0.1 via ComfyUI (sd_xl_base_1.0)"}; becomes
 *        {@code xmp:CreatorTool}
 * @param characterName the character the media was made for, or {@code null}; becomes {@code dc:creator}
 * @param jobId Troupe's generation job, or {@code null}; becomes {@code troupe:jobId} so a file found in the wild
 *        can be traced back to its generation record
 * @param createdAt when the generation finished; becomes {@code xmp:CreateDate}
 */
public record ProvenanceInfo(String generator, String characterName, String jobId, Instant createdAt) {

	public ProvenanceInfo {
		Objects.requireNonNull(generator, "generator");
		Objects.requireNonNull(createdAt, "createdAt");
		if (generator.isBlank()) {
			throw new IllegalArgumentException("generator must not be blank");
		}
	}
}
