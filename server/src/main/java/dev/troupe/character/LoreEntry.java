package dev.troupe.character;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One {@code character_book} entry, read from the V2/V3 fields and from the {@code extensions} SillyTavern
 * writes next to them ({@code position} as a number, {@code selectiveLogic}, {@code scan_depth},
 * {@code match_whole_words}, {@code exclude_recursion}, {@code prevent_recursion}, {@code probability}).
 * SillyTavern's own extension values win over the plain V2 ones, as they do when SillyTavern imports a card.
 */
public record LoreEntry(int index, String name, List<String> keys, List<String> secondaryKeys, String content,
		boolean enabled, boolean constant, boolean selective, Logic selectiveLogic, Boolean caseSensitive,
		boolean matchWholeWords, int insertionOrder, Position position, Integer scanDepth, boolean excludeRecursion,
		boolean preventRecursion, int probability) {

	/** SillyTavern's {@code world_info_logic} numbers, in order. */
	public enum Logic { AND_ANY, NOT_ALL, NOT_ANY, AND_ALL }

	/** SillyTavern's {@code world_info_position} numbers, in order (V2 knows only the first two). */
	public enum Position { BEFORE_CHAR, AFTER_CHAR, AN_TOP, AN_BOTTOM, AT_DEPTH, EM_TOP, EM_BOTTOM, OUTLET }

	private static final Pattern REGEX_KEY = Pattern.compile("^/([\\w\\W]+?)/([gimsuy]*)$");

	static LoreEntry from(JsonNode e, int index) {
		var ext = e.path("extensions");
		var name = text(e.get("name"));
		if (name.isBlank()) {
			name = text(e.get("comment"));
		}
		Position position = e.path("position").asText("before_char").equals("after_char") ? Position.AFTER_CHAR
				: Position.BEFORE_CHAR;
		if (ext.path("position").isInt() && ext.path("position").asInt() >= 0
				&& ext.path("position").asInt() < Position.values().length) {
			position = Position.values()[ext.path("position").asInt()];
		}
		var logicNumber = ext.path("selectiveLogic").asInt(0);
		var logic = logicNumber >= 0 && logicNumber < Logic.values().length ? Logic.values()[logicNumber] : Logic.AND_ANY;
		var caseSensitive = e.get("case_sensitive");
		if (caseSensitive == null || caseSensitive.isNull()) {
			caseSensitive = ext.get("case_sensitive");
		}
		var scanDepth = ext.get("scan_depth");
		var probability = ext.path("useProbability").asBoolean(true) ? ext.path("probability").asInt(100) : 100;
		return new LoreEntry(index, name, strings(e.get("keys")), strings(e.get("secondary_keys")), text(e.get("content")),
				e.path("enabled").asBoolean(true), e.path("constant").asBoolean(false),
				e.path("selective").asBoolean(false), logic,
				caseSensitive == null || caseSensitive.isNull() ? null : caseSensitive.asBoolean(),
				ext.path("match_whole_words").asBoolean(false), e.path("insertion_order").asInt(100), position,
				scanDepth != null && scanDepth.isNumber() && scanDepth.asInt() >= 0 ? scanDepth.asInt() : null,
				ext.path("exclude_recursion").asBoolean(false), ext.path("prevent_recursion").asBoolean(false),
				Math.max(0, Math.min(100, probability)));
	}

	/** What the recipe and review show: the entry's name, or its number in the book. */
	public String label() {
		return name.isBlank() ? "entry " + (index + 1) : name;
	}

	boolean rolls(RandomGenerator random) {
		return probability >= 100 || (probability > 0 && random.nextInt(100) < probability);
	}

	/**
	 * SillyTavern's key matching: a {@code /regex/flags} key is a regular expression over the text as written;
	 * otherwise a substring, lowercased unless case-sensitive, and with whole words a single-word key must stand
	 * between non-word characters.
	 */
	boolean matches(String text, String key) {
		if (key == null || key.isBlank()) {
			return false;
		}
		var regex = REGEX_KEY.matcher(key.trim());
		if (regex.matches()) {
			try {
				var flags = regex.group(2);
				int bits = (flags.contains("i") ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0)
						| (flags.contains("m") ? Pattern.MULTILINE : 0) | (flags.contains("s") ? Pattern.DOTALL : 0);
				return Pattern.compile(regex.group(1), bits).matcher(text).find();
			}
			catch (PatternSyntaxException e) {
				return false;
			}
		}
		var sensitive = Boolean.TRUE.equals(caseSensitive);
		var haystack = Lorebook.fold(text, sensitive);
		var needle = Lorebook.fold(key.trim(), sensitive);
		if (matchWholeWords && needle.split("\\s+").length == 1) {
			return Pattern.compile("(?:^|\\W)(" + Pattern.quote(needle) + ")(?:$|\\W)").matcher(haystack).find();
		}
		return haystack.contains(needle);
	}

	private static String text(JsonNode node) {
		return node == null || node.isNull() ? "" : node.asText();
	}

	private static List<String> strings(JsonNode node) {
		var list = new ArrayList<String>();
		if (node != null && node.isArray()) {
			node.forEach(k -> list.add(k.asText()));
		} else if (node != null && node.isTextual()) {
			// Some editors write keys as one comma-separated string.
			for (var k : node.asText().split(",")) {
				list.add(k.trim());
			}
		}
		return List.copyOf(list);
	}
}
