package dev.troupe.character;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 *
 * <p>JSON binding is explicit ({@link #fromTree}/{@link #toTree}) and exposed to Jackson through
 * plain Java maps ({@link #fromJson}/{@link #toJson}): the annotations are shared by Jackson 2 and
 * Jackson 3, so Spring's Jackson 3 mapper and a plain Jackson 2 ObjectMapper both read and write a
 * persona correctly even though its trees are Jackson 2 nodes.
 */
public record Persona(
		String description,
		String personality,
		String scenario,
		String firstMes,
		String mesExample,
		String systemPrompt,
		String postHistoryInstructions,
		List<String> alternateGreetings,
		JsonNode characterBook,
		List<String> tags,
		String creator,
		String characterVersion,
		String creatorNotes,
		ObjectNode extensions,
		// V3 additions
		String nickname,
		JsonNode creatorNotesMultilingual,
		List<String> source,
		List<String> groupOnlyGreetings,
		Long creationDate,
		Long modificationDate,
		JsonNode assets,
		// Unknown keys of data, written back flat next to the known ones.
		Map<String, JsonNode> other) {

	/** JSON names of the V2 {@code data} fields (without {@code name}), in card order. */
	public static final List<String> V2_FIELDS = List.of("description", "personality", "scenario", "first_mes",
			"mes_example", "creator_notes", "system_prompt", "post_history_instructions", "alternate_greetings",
			"character_book", "tags", "creator", "character_version", "extensions");

	/** JSON names of the fields V3 adds to {@code data}, in card order. */
	public static final List<String> V3_FIELDS = List.of("nickname", "creator_notes_multilingual", "source",
			"group_only_greetings", "creation_date", "modification_date", "assets");

	private static final Set<String> KNOWN = Set.copyOf(concat(V2_FIELDS, V3_FIELDS, List.of("name")));

	private static final ObjectMapper TREES = new ObjectMapper();

	// Not a Jackson creator: Jackson 3 would otherwise try to bind the Jackson 2 node parameters.
	@JsonCreator(mode = JsonCreator.Mode.DISABLED)
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
		// Trees are copied so a caller mutating its node cannot change this (otherwise immutable) value.
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

	// ---- JSON -----------------------------------------------------------------------------------

	/** Jackson (2 or 3) entry point; see {@link #fromTree}. */
	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public static Persona fromJson(Map<String, Object> json) {
		return fromTree(TREES.valueToTree(json == null ? Map.of() : json));
	}

	/** Jackson (2 or 3) output: {@link #toTree()} as plain maps, lists and scalars. */
	@JsonValue
	public Map<String, Object> toJson() {
		return TREES.convertValue(toTree(), new TypeReference<LinkedHashMap<String, Object>>() {
		});
	}

	/**
	 * Reads a card's {@code data} object (a {@code name} key is ignored). Scalars are coerced to
	 * text where a string is expected and a single string is accepted for a list (real cards do
	 * both); a structurally wrong value is a {@link CardFormatException} naming the field.
	 */
	public static Persona fromTree(ObjectNode data) {
		return fromTree(data, "");
	}

	/** As {@link #fromTree(ObjectNode)}; {@code fieldPrefix} (e.g. "data.") goes into error fields. */
	static Persona fromTree(ObjectNode data, String fieldPrefix) {
		Map<String, JsonNode> other = new LinkedHashMap<>();
		data.properties().forEach(e -> {
			if (!KNOWN.contains(e.getKey())) {
				other.put(e.getKey(), e.getValue());
			}
		});
		String p = fieldPrefix;
		return new Persona(text(data, p, "description"), text(data, p, "personality"), text(data, p, "scenario"),
				text(data, p, "first_mes"), text(data, p, "mes_example"), text(data, p, "system_prompt"),
				text(data, p, "post_history_instructions"), list(data, p, "alternate_greetings"),
				data.get("character_book"), list(data, p, "tags"), text(data, p, "creator"),
				text(data, p, "character_version"), text(data, p, "creator_notes"), object(data, p, "extensions"),
				text(data, p, "nickname"), data.get("creator_notes_multilingual"), list(data, p, "source"),
				list(data, p, "group_only_greetings"), number(data, p, "creation_date"),
				number(data, p, "modification_date"), data.get("assets"), other);
	}

	/** All fields in card order (unset optionals as JSON null), then the unknown keys. */
	public ObjectNode toTree() {
		ObjectNode node = JsonNodeFactory.instance.objectNode();
		node.put("description", description);
		node.put("personality", personality);
		node.put("scenario", scenario);
		node.put("first_mes", firstMes);
		node.put("mes_example", mesExample);
		node.put("creator_notes", creatorNotes);
		node.put("system_prompt", systemPrompt);
		node.put("post_history_instructions", postHistoryInstructions);
		node.set("alternate_greetings", TREES.valueToTree(alternateGreetings));
		node.set("character_book", copyOrNull(characterBook));
		node.set("tags", TREES.valueToTree(tags));
		node.put("creator", creator);
		node.put("character_version", characterVersion);
		node.set("extensions", extensions.deepCopy());
		node.put("nickname", nickname);
		node.set("creator_notes_multilingual", copyOrNull(creatorNotesMultilingual));
		node.set("source", source == null ? NullNode.getInstance() : TREES.valueToTree(source));
		node.set("group_only_greetings", TREES.valueToTree(groupOnlyGreetings));
		node.put("creation_date", creationDate);
		node.put("modification_date", modificationDate);
		node.set("assets", copyOrNull(assets));
		other.forEach((key, value) -> node.set(key, value.deepCopy()));
		return node;
	}

	private static String text(ObjectNode data, String prefix, String field) {
		JsonNode value = data.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isValueNode()) {
			throw invalid(prefix + field, "expected text");
		}
		return value.asText();
	}

	private static List<String> list(ObjectNode data, String prefix, String field) {
		JsonNode value = data.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (value.isValueNode()) {
			return List.of(value.asText());
		}
		if (!value.isArray()) {
			throw invalid(prefix + field, "expected a list of text");
		}
		List<String> items = new ArrayList<>();
		for (JsonNode item : value) {
			if (item.isContainerNode()) {
				throw invalid(prefix + field, "expected a list of text");
			}
			items.add(item.isNull() ? "" : item.asText());
		}
		return items;
	}

	private static ObjectNode object(ObjectNode data, String prefix, String field) {
		JsonNode value = data.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isObject()) {
			throw invalid(prefix + field, "expected an object");
		}
		return (ObjectNode) value;
	}

	/** Unix seconds; tolerates floats and numeric strings, which some editors write. */
	private static Long number(ObjectNode data, String prefix, String field) {
		JsonNode value = data.get(field);
		if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
			return null;
		}
		if (value.isNumber()) {
			return value.longValue();
		}
		if (value.isTextual()) {
			try {
				return (long) Double.parseDouble(value.asText().strip());
			} catch (NumberFormatException e) {
				// fall through to the error below
			}
		}
		throw invalid(prefix + field, "expected a number (unix seconds)");
	}

	private static CardFormatException invalid(String field, String expected) {
		return new CardFormatException(field, "The character card has an invalid '" + field + "': " + expected);
	}

	// ---- normalisation --------------------------------------------------------------------------

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

	/** An explicit JSON null (NullNode) counts as absent. */
	private static JsonNode treeOrNull(JsonNode node) {
		return node == null || node.isNull() || node.isMissingNode() ? null : node.deepCopy();
	}

	private static JsonNode copyOrNull(JsonNode node) {
		return node == null ? NullNode.getInstance() : node.deepCopy();
	}

	private static Map<String, JsonNode> cleanOther(Map<String, JsonNode> other) {
		Map<String, JsonNode> copy = new LinkedHashMap<>();
		if (other != null) {
			other.forEach((key, value) -> {
				// Known names (and "name", which lives outside the persona) would be written twice.
				if (!KNOWN.contains(key)) {
					copy.put(key, value == null ? NullNode.getInstance() : value.deepCopy());
				}
			});
		}
		return Collections.unmodifiableMap(copy);
	}

	@SafeVarargs
	private static List<String> concat(List<String>... lists) {
		List<String> all = new ArrayList<>();
		for (List<String> list : lists) {
			all.addAll(list);
		}
		return all;
	}
}
