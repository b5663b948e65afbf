package dev.troupe.generation.spi;

import java.util.List;
import java.util.Map;

/**
 * What a job produced: files (images, videos, audio) and/or text (captions, plans: the raw model answer, JSON
 * when a schema was requested), plus the recipe facts only the server knows (model actually used, seeds, timings).
 */
public record GenerationResult(List<Artifact> artifacts, String text, Map<String, Object> recipe) {

	public GenerationResult {
		artifacts = artifacts == null ? List.of() : List.copyOf(artifacts);
		recipe = recipe == null ? Map.of() : Map.copyOf(recipe);
	}
}
