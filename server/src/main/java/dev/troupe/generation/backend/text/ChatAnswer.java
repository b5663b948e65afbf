package dev.troupe.generation.backend.text;

import java.util.Map;

/**
 * One completed chat answer: the full text, whether the server stopped because it hit the token limit (which
 * explains most broken JSON), and the server's recipe facts (model used, token counts, timings).
 */
public record ChatAnswer(String text, boolean truncated, Map<String, Object> recipe) {

	public ChatAnswer {
		text = text == null ? "" : text;
		recipe = recipe == null ? Map.of() : Map.copyOf(recipe);
	}
}
