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

	/** One produced asset with its recipe and quality verdict. */
	public record Output(UUID assetId, String contentType, Integer width, Integer height, Map<String, Object> recipe,
			Quality quality) {
	}

	public record Quality(boolean passed, List<String> flags) {
	}
}
