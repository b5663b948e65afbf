package dev.troupe.character;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A character's persona: everything in a Character Card V2/V3 {@code data} object except
 * {@code name}, under the card's own snake_case names so a card maps onto it one to one.
 *
 * <p>Free-form parts ({@code character_book}, {@code extensions}, {@code assets}, ...) are kept as
 * JSON trees and unknown {@code data} keys land in {@link #other()}: the spec says unknown keys
 * must never be dropped, and other tools (SillyTavern, chub, RisuAI) rely on theirs surviving.
 *
 * <p>The V2 strings are never null (empty string) and the V2 lists never null (empty list);
 * optional V3 fields ({@code nickname}, {@code source}, dates, ...) stay null when absent so that
 * exporting does not invent values the card never had. {@code group_only_greetings} is required
 * by V3 and therefore defaults to an empty list.
 */
@JsonPropertyOrder({"description", "personality", "scenario", "first_mes", "mes_example", "creator_notes",
		"system_prompt", "post_history_instructions", "alternate_greetings", "character_book", "tags", "creator",
		"character_version", "extensions", "nickname", "creator_notes_multilingual", "source",
		"group_only_greetings", "creation_date", "modification_date", "assets"})
public record Persona(
		@JsonProperty("description") String description,
		@JsonProperty("personality") String personality,
		@JsonProperty("scenario") String scenario,
		@JsonProperty("first_mes") String firstMes,
		@JsonProperty("mes_example") String mesExample,
		@JsonProperty("system_prompt") String systemPrompt,
		@JsonProperty("post_history_instructions") String postHistoryInstructions,
		@JsonProperty("alternate_greetings") List<String> alternateGreetings,
		@JsonProperty("character_book") JsonNode characterBook,
		@JsonProperty("tags") List<String> tags,
		@JsonProperty("creator") String creator,
		@JsonProperty("character_version") String characterVersion,
		@JsonProperty("creator_notes") String creatorNotes,
		@JsonProperty("extensions") ObjectNode extensions,
		// V3 additions
		@JsonProperty("nickname") String nickname,
		@JsonProperty("creator_notes_multilingual") JsonNode creatorNotesMultilingual,
		@JsonProperty("source") List<String> source,
		@JsonProperty("group_only_greetings") List<String> groupOnlyGreetings,
		@JsonProperty("creation_date") Long creationDate,
		@JsonProperty("modification_date") Long modificationDate,
		@JsonProperty("assets") JsonNode assets,
		// Unknown keys of data, written back flat next to the known ones.
		@JsonAnySetter @JsonAnyGetter Map<String, JsonNode> other) {

	/** JSON names of the V2 {@code data} fields (without {@code name}). */
	public static final Set<String> V2_FIELDS = Set.of("description", "personality", "scenario", "first_mes",
			"mes_example", "system_prompt", "post_history_instructions", "alternate_greetings", "character_book",
			"tags", "creator", "character_version", "creator_notes", "extensions");

	/** JSON names of the fields V3 adds to {@code data}. */
	public static final Set<String> V3_FIELDS = Set.of("nickname", "creator_notes_multilingual", "source",
			"group_only_greetings", "creation_date", "modification_date", "assets");

	public Persona {
		description = nonNull(description);
		personality = nonNull(personality);
		scenario = nonNull(scenario);
		firstMes = nonNull(firstMes);
		mesExample = nonNull(mesExample);
		systemPrompt = nonNull(systemPrompt);
		postHistoryInstructions = nonNull(postHistoryInstructions);
		alternateGreetings = listOrEmpty(alternateGreetings);
		characterBook = treeOrNull(characterBook);
		tags = listOrEmpty(tags);
		creator = nonNull(creator);
		characterVersion = nonNull(characterVersion);
		creatorNotes = nonNull(creatorNotes);
		// Copied so a caller mutating its tree cannot change this (otherwise immutable) value.
		extensions = extensions == null ? JsonNodeFactory.instance.objectNode() : extensions.deepCopy();
		creatorNotesMultilingual = treeOrNull(creatorNotesMultilingual);
		source = source == null ? null : listOrEmpty(source);
		groupOnlyGreetings = listOrEmpty(groupOnlyGreetings);
		assets = treeOrNull(assets);
		other = cleanOther(other);
	}

	/** A persona with every field empty. */
	public static Persona empty() {
		return new Persona(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
				null, null, null, null, null, null, null, null);
	}

	private static String nonNull(String s) {
		return s == null ? "" : s;
	}

	private static List<String> listOrEmpty(List<String> list) {
		if (list == null) {
			return List.of();
		}
		List<String> copy = new ArrayList<>(list.size());
		list.forEach(s -> copy.add(nonNull(s)));
		return Collections.unmodifiableList(copy);
	}

	/** Jackson hands JsonNode properties an explicit JSON null as NullNode; treat it as absent. */
	private static JsonNode treeOrNull(JsonNode node) {
		return node == null || node.isNull() || node.isMissingNode() ? null : node.deepCopy();
	}

	private static Map<String, JsonNode> cleanOther(Map<String, JsonNode> other) {
		Map<String, JsonNode> copy = new LinkedHashMap<>();
		if (other != null) {
			other.forEach((key, value) -> {
				// Known names (and "name", which lives outside the persona) would be written twice.
				if (!V2_FIELDS.contains(key) && !V3_FIELDS.contains(key) && !key.equals("name")) {
					copy.put(key, value == null ? NullNode.getInstance() : value.deepCopy());
				}
			});
		}
		return Collections.unmodifiableMap(copy);
	}
}
