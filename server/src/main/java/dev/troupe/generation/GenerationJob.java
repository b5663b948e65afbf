package dev.troupe.generation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.troupe.generation.spi.RemoteJob;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A generation job as stored and as the API shows it. {@code task} is the composed backend task (the recipe
 * in full); {@code remote} the server's handle while it runs, so another node can resume it.
 */
public record GenerationJob(UUID id, UUID characterId, GenerationKind kind, JobStatus status, JsonNode input,
		@JsonIgnore JsonNode task, String backendId, @JsonIgnore RemoteJob remote, int attempts, JobProgress progress,
		String error, List<Output> outputs, String text, JsonNode structured, String createdBy, Instant createdAt,
		Instant startedAt, Instant finishedAt) {

	/** The lorebook entries the recipe used ("lore used" in Studio and review); empty for kinds without a persona. */
	@JsonProperty("loreUsed")
	public JsonNode loreUsed() {
		var lore = task == null ? null : task.get("lore");
		return lore == null ? JsonNodeFactory.instance.arrayNode() : lore;
	}

	/** Progress as shown: {@code hasPreview} says whether GET …/preview has an image. */
	public record JobProgress(double fraction, Integer step, Integer total, String node, boolean hasPreview) {

		static JobProgress none() {
			return new JobProgress(0, null, null, null, false);
		}
	}

	/**
	 * One produced asset with its recipe, quality verdict and face check ({@code faceCheck} is "not-checked" for
	 * outputs stored before face checks existed).
	 */
	public record Output(UUID assetId, String contentType, Integer width, Integer height, Map<String, Object> recipe,
			Quality quality, FaceCheck faceCheck) {

		public Output {
			faceCheck = faceCheck == null ? FaceCheck.notChecked("This output was stored before face checks existed") : faceCheck;
		}
	}

	/**
	 * How close the face in an image is to the character's reference images. {@code status} is "checked" (then
	 * {@code similarity} = 1 − cosine distance of the face embeddings, and {@code flagged} when it is below
	 * {@code threshold}), "not-checked" (no face-check service, no references, not an image) or "failed" (the
	 * service failed or found no face; {@code reason} says which). Only "checked" carries numbers: never an invented
	 * score.
	 */
	public record FaceCheck(String status, Double similarity, Double threshold, Boolean flagged, String reason,
			String backendId) {

		public static final String CHECKED = "checked";
		public static final String NOT_CHECKED = "not-checked";
		public static final String FAILED = "failed";

		static FaceCheck checked(double similarity, double threshold, String backendId) {
			return new FaceCheck(CHECKED, similarity, threshold, similarity < threshold, null, backendId);
		}

		static FaceCheck notChecked(String reason) {
			return new FaceCheck(NOT_CHECKED, null, null, null, reason, null);
		}

		static FaceCheck failed(String reason, String backendId) {
			return new FaceCheck(FAILED, null, null, null, "check failed: " + reason, backendId);
		}
	}

	public record Quality(boolean passed, List<String> flags) {
	}
}
