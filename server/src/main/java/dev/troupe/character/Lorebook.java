package dev.troupe.character;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A card's {@code character_book} (world info), applied as SillyTavern applies it: an entry is activated when
 * one of its keys appears in the scanned text (plain, case-insensitive unless {@code case_sensitive}, optional
 * whole-word matching, or a regex written {@code /pattern/flags}), filtered by its secondary keys with the
 * selective logic (AND ANY, NOT ALL, NOT ANY, AND ALL); {@code constant} entries always, disabled entries
 * never. Only the newest {@code scan_depth} messages are scanned; with {@code recursive_scanning} the content
 * of activated entries is scanned again for further keys. The {@code token_budget} keeps the entries with the
 * highest {@code insertion_order}; the chosen ones come back in ascending order, because SillyTavern places a
 * higher order closer to the end of the prompt, where it weighs more.
 *
 * <p>Tokens are estimated at four characters each: Troupe does not know the text backend's tokenizer.
 */
public record Lorebook(List<LoreEntry> entries, int scanDepth, int tokenBudget, boolean recursiveScanning) {

	/** SillyTavern's defaults: two messages deep; the budget is ours (SillyTavern takes a share of context). */
	public static final int DEFAULT_SCAN_DEPTH = 2;
	public static final int DEFAULT_TOKEN_BUDGET = 2048;
	private static final int MAX_RECURSION = 10;

	public Lorebook {
		entries = List.copyOf(entries);
	}

	/** The persona's lorebook; an empty one when the card has none. */
	public static Lorebook of(Persona persona) {
		var book = persona == null ? null : persona.characterBook();
		if (book == null || !book.isObject()) {
			return new Lorebook(List.of(), DEFAULT_SCAN_DEPTH, DEFAULT_TOKEN_BUDGET, false);
		}
		var entries = new ArrayList<LoreEntry>();
		var index = 0;
		for (JsonNode entry : book.path("entries")) {
			entries.add(LoreEntry.from(entry, index++));
		}
		return new Lorebook(entries, positive(book.get("scan_depth"), DEFAULT_SCAN_DEPTH),
				positive(book.get("token_budget"), DEFAULT_TOKEN_BUDGET), book.path("recursive_scanning").asBoolean(false));
	}

	private static int positive(JsonNode node, int fallback) {
		return node != null && node.isNumber() && node.asInt() >= 0 ? node.asInt() : fallback;
	}

	/**
	 * What the text to scan is.
	 *
	 * @param messages newest first, like a chat seen from its end: the request (idea and image prompt), then the
	 *                 thread being answered, then the character's recent captions
	 */
	public record Scan(List<String> messages) {

		public Scan {
			messages = messages.stream().filter(m -> m != null && !m.isBlank()).toList();
		}

		String depth(int depth) {
			return String.join("\n", messages.subList(0, Math.min(depth, messages.size())));
		}
	}

	/** An entry chosen for the prompt, and why. */
	public record Activation(LoreEntry entry, String content, String reason) {
	}

	/**
	 * The entries to insert, in insertion order (ascending).
	 *
	 * @param macros applied to keys and content ({{char}} in a key matches the character's name)
	 * @param random decides entries with a trigger probability below 100 %
	 */
	public List<Activation> activate(Scan scan, UnaryOperator<String> macros, RandomGenerator random) {
		var chosen = new ArrayList<Activation>();
		var done = new LinkedHashSet<Integer>();
		var recursion = new StringBuilder();
		var budget = tokenBudget;
		for (int loop = 0; loop <= MAX_RECURSION; loop++) {
			var found = new ArrayList<Activation>();
			for (var entry : entries) {
				if (done.contains(entry.index()) || !entry.enabled() || (loop > 0 && entry.excludeRecursion())) {
					continue;
				}
				var reason = match(entry, scan, recursion.toString(), macros);
				if (reason != null) {
					found.add(new Activation(entry, macros.apply(entry.content()), reason));
				}
			}
			found.sort(Comparator.comparing((Activation a) -> !a.entry().constant())
				.thenComparing(a -> -a.entry().insertionOrder()).thenComparing(a -> a.entry().index()));
			var added = false;
			for (var activation : found) {
				done.add(activation.entry().index());
				if (!activation.entry().rolls(random)) {
					continue;
				}
				var cost = tokens(activation.content());
				if (cost > budget) {
					// SillyTavern stops at the first entry that no longer fits.
					return ordered(chosen);
				}
				budget -= cost;
				chosen.add(activation);
				added = true;
				if (!activation.entry().preventRecursion()) {
					recursion.append('\n').append(activation.content());
				}
			}
			if (!recursiveScanning || !added) {
				break;
			}
		}
		return ordered(chosen);
	}

	private static List<Activation> ordered(List<Activation> chosen) {
		var list = new ArrayList<>(chosen);
		list.sort(Comparator.comparingInt((Activation a) -> a.entry().insertionOrder()).thenComparing(a -> a.entry().index()));
		return List.copyOf(list);
	}

	static int tokens(String text) {
		return (text.length() + 3) / 4;
	}

	private String match(LoreEntry entry, Scan scan, String recursion, UnaryOperator<String> macros) {
		if (entry.constant()) {
			return "constant";
		}
		var depth = entry.scanDepth() == null ? scanDepth : entry.scanDepth();
		var text = scan.depth(depth) + recursion;
		if (text.isBlank()) {
			return null;
		}
		String primary = null;
		for (var key : entry.keys()) {
			if (entry.matches(text, macros.apply(key))) {
				primary = key;
				break;
			}
		}
		if (primary == null) {
			return null;
		}
		var secondary = entry.selective() ? entry.secondaryKeys().stream().filter(k -> !k.isBlank()).toList() : List.<String>of();
		if (secondary.isEmpty()) {
			return "key " + primary;
		}
		var present = secondary.stream().filter(k -> entry.matches(text, macros.apply(k))).count();
		var pass = switch (entry.selectiveLogic()) {
			case AND_ANY -> present > 0;
			case NOT_ALL -> present < secondary.size();
			case NOT_ANY -> present == 0;
			case AND_ALL -> present == secondary.size();
		};
		return pass ? "key " + primary + " (" + entry.selectiveLogic().name().replace('_', ' ') + " " + secondary + ")" : null;
	}

	/** Names (or, failing that, numbers) of the activations, for the recipe's "lore used". */
	public static List<String> names(List<Activation> activations) {
		return activations.stream().map(a -> a.entry().label()).toList();
	}

	/** Lowercase unless case-sensitive; shared by the entry's matcher. */
	static String fold(String text, boolean caseSensitive) {
		return caseSensitive ? text : text.toLowerCase(Locale.ROOT);
	}
}
