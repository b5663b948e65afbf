package dev.troupe.generation;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.troupe.character.Character;
import dev.troupe.shared.ApiProblem;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The character's persona and preferences as an LLM system prompt, and the JSON schemas of captions and
 * content plans. The card's creator_notes never go into a prompt (Character Card spec).
 */
@Component
class Prompts {

	private final JsonMapper json;
	private final JdbcClient jdbc;
	private final CaptionPlatforms platforms;

	Prompts(JsonMapper json, JdbcClient jdbc, CaptionPlatforms platforms) {
		this.json = json;
		this.jdbc = jdbc;
		this.platforms = platforms;
	}

	void caption(Character c, ObjectNode recipe, String idea, UUID assetId, List<String> platforms) {
		if (platforms.isEmpty()) {
			throw ApiProblem.badRequest("input.platforms", "choose at least one platform");
		}
		var known = this.platforms.limits();
		for (var platform : platforms) {
			if (!known.containsKey(platform)) {
				throw ApiProblem.badRequest("input.platforms", "'" + platform + "' is not one of " + known.keySet());
			}
		}
		var subject = idea;
		if (assetId != null) {
			var prompt = imagePrompt(assetId);
			subject = (idea.isBlank() ? "" : idea + "\n") + "The post shows an image"
					+ (prompt == null ? "." : " generated from this description: " + prompt);
		}
		if (subject.isBlank()) {
			throw ApiProblem.badRequest("input.idea", "describe the post, or pick an image");
		}
		var limits = new StringBuilder();
		var limitsNode = recipe.putObject("limits");
		for (var platform : platforms) {
			var max = known.get(platform).maxLength();
			limits.append("- ").append(platform).append(": at most ").append(max).append(" characters including hashtags\n");
			limitsNode.put(platform, max);
		}
		recipe.put("systemPrompt", persona(c));
		recipe.put("userPrompt", "Write one caption per platform for this post.\n" + subject + "\n\nPlatforms:\n" + limits
				+ "Each caption: the text in your voice, 0-5 fitting hashtags (also inside the text where natural), and "
				+ "alt text describing the image for blind readers.");
		recipe.set("jsonSchema", captionSchema(platforms));
		recipe.put("temperature", 0.8);
		recipe.put("maxTokens", 400 + 300 * platforms.size());
		bannedWords(c, recipe);
	}

	void plan(Character c, ObjectNode recipe, int count, String from, String to, String idea) {
		var zone = ZoneId.of(c.timeZone());
		var start = date("from", from, LocalDate.now(zone));
		var end = date("to", to, start.plusDays(Math.max(count - 1, 0)));
		if (end.isBefore(start)) {
			throw ApiProblem.badRequest("input.to", "must not be before 'from'");
		}
		recipe.put("systemPrompt", persona(c));
		recipe.put("userPrompt", "Plan " + count + " posts between " + start + " and " + end + " (dates as YYYY-MM-DD), "
				+ "spread over the content pillars" + (c.preferences().pillars().isEmpty() ? "" : " " + c.preferences().pillars())
				+ ". For each: the date, the pillar, a short title, an image prompt for an image model (describe the "
				+ "scene, not the character's looks), and a caption idea." + (idea.isBlank() ? "" : "\nTheme: " + idea));
		recipe.set("jsonSchema", planSchema());
		recipe.put("temperature", 0.9);
		recipe.put("maxTokens", 200 + 160 * count);
		recipe.put("count", count);
		bannedWords(c, recipe);
	}

	private String persona(Character c) {
		var p = c.persona();
		var text = new StringBuilder();
		text.append("You are ").append(c.name()).append(" (@").append(c.handle()).append("), writing your own social media posts.\n");
		line(text, "Who you are", p.description());
		line(text, "Personality", p.personality());
		line(text, "Background", c.bio());
		line(text, "Tone", c.preferences().tone());
		line(text, "Write in this language (BCP 47)", c.language());
		if (!c.preferences().pillars().isEmpty()) line(text, "Your content pillars", String.join(", ", c.preferences().pillars()));
		if (!c.preferences().hashtags().isEmpty()) line(text, "Hashtags you like", String.join(" ", c.preferences().hashtags()));
		if (!c.preferences().bannedWords().isEmpty()) line(text, "Never use these words", String.join(", ", c.preferences().bannedWords()));
		if (!c.preferences().bannedTopics().isEmpty()) line(text, "Never touch these topics", String.join(", ", c.preferences().bannedTopics()));
		line(text, "End every caption with this disclosure line", c.preferences().disclosure());
		var base = text.append("Answer only with JSON that matches the given schema.").toString();
		var custom = p.systemPrompt();
		// a card's system_prompt replaces the default unless empty, and may embed it with {{original}}
		var prompt = custom == null || custom.isBlank() ? base : custom.replace("{{original}}", base);
		return prompt.replace("{{char}}", c.name()).replace("{{user}}", "your audience");
	}

	private static void line(StringBuilder text, String label, String value) {
		if (value != null && !value.isBlank()) {
			text.append(label).append(": ").append(value.trim()).append('\n');
		}
	}

	private void bannedWords(Character c, ObjectNode recipe) {
		var banned = recipe.putArray("bannedWords");
		c.preferences().bannedWords().forEach(banned::add);
	}

	private ObjectNode captionSchema(List<String> platforms) {
		var schema = json.createObjectNode().put("type", "object");
		var caption = json.createObjectNode().put("type", "object");
		var props = caption.putObject("properties");
		var platform = props.putObject("platform").put("type", "string");
		var allowed = platform.putArray("enum");
		platforms.forEach(allowed::add);
		props.putObject("text").put("type", "string");
		props.putObject("hashtags").put("type", "array").putObject("items").put("type", "string");
		props.putObject("altText").put("type", "string");
		caption.putArray("required").add("platform").add("text").add("hashtags").add("altText");
		schema.putObject("properties").putObject("captions").put("type", "array").set("items", caption);
		schema.putArray("required").add("captions");
		return schema;
	}

	private ObjectNode planSchema() {
		var idea = json.createObjectNode().put("type", "object");
		var props = idea.putObject("properties");
		for (var field : List.of("date", "pillar", "title", "imagePrompt", "captionIdea")) {
			props.putObject(field).put("type", "string");
		}
		var required = idea.putArray("required");
		List.of("date", "pillar", "title", "imagePrompt", "captionIdea").forEach(required::add);
		var schema = json.createObjectNode().put("type", "object");
		schema.putObject("properties").putObject("ideas").put("type", "array").set("items", idea);
		schema.putArray("required").add("ideas");
		return schema;
	}

	private String imagePrompt(UUID assetId) {
		return jdbc.sql("""
				select task ->> 'prompt' from generation_jobs
				where outputs @> cast(? as jsonb) limit 1""")
			.param("[{\"assetId\":\"" + assetId + "\"}]").query(String.class).optional().orElse(null);
	}

	private static LocalDate date(String field, String value, LocalDate fallback) {
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeParseException e) {
			throw ApiProblem.badRequest("input." + field, "must be a date like 2026-12-01");
		}
	}
}
