package dev.troupe.generation;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.troupe.character.Character;
import dev.troupe.character.Lorebook;
import dev.troupe.character.Macros;
import dev.troupe.shared.ApiProblem;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The character's persona and preferences as an LLM system prompt, and the JSON schemas of captions and
 * content plans, with the lore the character's book activates ({@link PersonaPrompt}, {@link Lorebook}).
 */
@Component
class Prompts {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JsonMapper json;
	private final JdbcClient jdbc;
	private final CaptionPlatforms platforms;

	Prompts(JsonMapper json, JdbcClient jdbc, CaptionPlatforms platforms) {
		this.json = json;
		this.jdbc = jdbc;
		this.platforms = platforms;
	}

	void caption(Character c, ObjectNode recipe, String idea, UUID assetId, List<String> platforms, String thread) {
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
		String prompt = null;
		if (assetId != null) {
			prompt = imagePrompt(assetId);
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
		var persona = persona(c, recipe, "your audience", Arrays.asList(idea, prompt), thread);
		recipe.put("userPrompt", persona.user((thread.isBlank() ? "" : "You are answering this thread:\n" + thread + "\n\n")
				+ "Write one caption per platform for this post.\n" + subject + "\n\nPlatforms:\n" + limits
				+ "Each caption: the text in your voice, 0-5 fitting hashtags (also inside the text where natural), and "
				+ "alt text describing the image for blind readers."));
		recipe.set("jsonSchema", captionSchema(platforms));
		recipe.put("temperature", 0.8);
		recipe.put("maxTokens", 400 + 300 * platforms.size());
		bannedWords(c, recipe);
	}

	/**
	 * Candidate replies, in the character's voice, to something said to it: the persona with the lore the message,
	 * the thread and the character's original post trigger, and the platform's text limit.
	 */
	void reply(Character c, ObjectNode recipe, String message, String thread, String original, String platform,
			int maxLength, int count) {
		var persona = persona(c, recipe, "the person you answer", Arrays.asList(message, original), thread);
		var request = new StringBuilder();
		if (!original.isBlank()) {
			request.append("Your own post that started this:\n").append(original).append("\n\n");
		}
		if (!thread.isBlank()) {
			request.append("The conversation so far, oldest first:\n").append(thread).append("\n\n");
		}
		request.append("The message you answer:\n").append(message).append("\n\nWrite ").append(count)
			.append(count == 1 ? " reply" : " different replies").append(" to it on ").append(platform)
			.append(", in your voice, each at most ").append(maxLength).append(" characters. Answer what was said; no ")
			.append("hashtags unless they belong in a conversation, no disclosure line (it is a reply).");
		recipe.put("userPrompt", persona.user(request.toString()));
		var item = json.createObjectNode().put("type", "object");
		item.putObject("properties").putObject("text").put("type", "string");
		item.putArray("required").add("text");
		var schema = json.createObjectNode().put("type", "object");
		var replies = schema.putObject("properties").putObject("replies").put("type", "array").put("minItems", 1)
			.put("maxItems", count);
		replies.set("items", item);
		schema.putArray("required").add("replies");
		recipe.set("jsonSchema", schema);
		recipe.put("temperature", 0.8);
		recipe.put("maxTokens", Math.min(4000, 200 + maxLength * count));
		recipe.put("count", count);
		recipe.put("maxLength", maxLength);
		recipe.put("platform", platform);
		bannedWords(c, recipe);
	}

	void plan(Character c, ObjectNode recipe, int count, String from, String to, String idea) {
		var zone = ZoneId.of(c.timeZone());
		var start = date("from", from, LocalDate.now(zone));
		var end = date("to", to, start.plusDays(Math.max(count - 1, 0)));
		if (end.isBefore(start)) {
			throw ApiProblem.badRequest("input.to", "must not be before 'from'");
		}
		var persona = persona(c, recipe, "your audience", List.of(idea), "");
		recipe.put("userPrompt", persona.user("Plan " + count + " posts between " + start + " and " + end + " (dates as YYYY-MM-DD), "
				+ "spread over the content pillars" + (c.preferences().pillars().isEmpty() ? "" : " " + c.preferences().pillars())
				+ ". For each: the date, the pillar, a short title, an image prompt for an image model (describe the "
				+ "scene, not the character's looks), and a caption idea." + (idea.isBlank() ? "" : "\nTheme: " + idea)));
		recipe.set("jsonSchema", planSchema());
		recipe.put("temperature", 0.9);
		recipe.put("maxTokens", 200 + 160 * count);
		recipe.put("count", count);
		bannedWords(c, recipe);
	}

	/**
	 * A continuity check of a written caption: the character's persona (with the lore the caption and its recent
	 * captions activate) is given to the model as facts, and it answers whether the caption contradicts them.
	 */
	void continuity(Character c, ObjectNode recipe, String caption) {
		var persona = persona(c, recipe, "your audience", List.of(caption), "");
		recipe.put("systemPrompt", "You check social media captions for continuity with a character's established "
				+ "persona and world. The character, as its own instructions describe it:\n\n" + persona.system()
				+ (persona.notes().isBlank() ? "" : "\n\nWorld notes: " + persona.notes())
				+ "\n\nAnswer only with JSON that matches the given schema.");
		recipe.put("userPrompt", "Does this caption contradict the character's persona or lore (facts, traits, "
				+ "places, relationships)? Style and wording are not contradictions. If it does, say which fact it "
				+ "contradicts and how, in one sentence.\n\nCaption:\n" + caption);
		var schema = json.createObjectNode().put("type", "object").put("additionalProperties", false);
		var properties = schema.putObject("properties");
		properties.putObject("consistent").put("type", "boolean");
		properties.putObject("reason").put("type", "string");
		schema.putArray("required").add("consistent").add("reason");
		recipe.set("jsonSchema", schema);
		recipe.put("temperature", 0.0);
		recipe.put("maxTokens", 300);
	}

	/**
	 * Puts the persona (with the lore its book activates for this text) into the recipe as the system prompt, and
	 * the entries used under "lore"; returns the prompt so the request can be wrapped in notes and post-history
	 * instructions.
	 */
	private PersonaPrompt persona(Character c, ObjectNode recipe, String user, List<String> request, String thread) {
		var macros = new Macros(c.name(), user, c.persona(), ZonedDateTime.now(ZoneId.of(c.timeZone())), RANDOM);
		var messages = new ArrayList<String>();
		messages.add(String.join("\n", request.stream().filter(Objects::nonNull).toList()));
		messages.add(thread);
		messages.addAll(recentCaptions(c.id()));
		var lore = Lorebook.of(c.persona()).activate(new Lorebook.Scan(messages), macros::expand, RANDOM);
		var prompt = PersonaPrompt.of(c, lore, macros);
		recipe.put("systemPrompt", prompt.system());
		var used = recipe.putArray("lore");
		lore.forEach(a -> used.addObject().put("name", a.entry().label()).put("reason", a.reason())
			.put("position", a.entry().position().name()));
		return prompt;
	}

	/** The character's latest captions, newest first: the "chat history" its lorebook scans. */
	private List<String> recentCaptions(UUID characterId) {
		return jdbc.sql("""
				select string_agg(c ->> 'text', E'\n') from generation_jobs j, jsonb_array_elements(j.structured -> 'captions') c
				where j.character_id = ? and j.kind = 'CAPTION' and j.status = 'SUCCEEDED'
				group by j.id, j.finished_at order by j.finished_at desc limit 10""")
			.param(characterId).query(String.class).list();
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
