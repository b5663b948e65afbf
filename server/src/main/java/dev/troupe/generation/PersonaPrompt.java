package dev.troupe.generation;

import java.util.List;
import java.util.stream.Collectors;

import dev.troupe.character.Character;
import dev.troupe.character.LoreEntry.Position;
import dev.troupe.character.Lorebook.Activation;
import dev.troupe.character.Macros;

/**
 * The character as prompt text, laid out as SillyTavern lays out a card: the main instruction (the card's
 * {@code system_prompt} replaces only this, with {@code {{original}}} standing for Troupe's default), world
 * info before the character, the description, personality and scenario, world info after, the example messages
 * as style examples (with their own world info around them), then Troupe's preferences. Author's-note and
 * at-depth world info go next to the request ({@link #notes}); {@code post_history_instructions} come last,
 * after the request, where the spec places them. {@code creator_notes} never go in (they are for people).
 */
record PersonaPrompt(String system, String notes, String postHistory) {

	static PersonaPrompt of(Character c, List<Activation> lore, Macros macros) {
		var p = c.persona();
		var main = "You are " + c.name() + " (@" + c.handle() + "), writing your own social media posts.";
		var custom = p.systemPrompt();
		var instruction = custom.isBlank() ? main : custom.replace("{{original}}", main);
		var text = new StringBuilder(macros.expand(instruction).trim()).append("\n\n");
		block(text, lore, Position.BEFORE_CHAR);
		line(text, "Who you are", macros.expand(p.description()));
		line(text, "Personality", macros.expand(p.personality()));
		line(text, "Scenario", macros.expand(p.scenario()));
		line(text, "Background", macros.expand(c.bio()));
		block(text, lore, Position.AFTER_CHAR);
		block(text, lore, Position.EM_TOP);
		examples(text, macros.expand(p.mesExample()));
		block(text, lore, Position.EM_BOTTOM);
		var prefs = c.preferences();
		line(text, "Tone", prefs.tone());
		line(text, "Write in this language (BCP 47)", c.language());
		if (!prefs.pillars().isEmpty()) line(text, "Your content pillars", String.join(", ", prefs.pillars()));
		if (!prefs.hashtags().isEmpty()) line(text, "Hashtags you like", String.join(" ", prefs.hashtags()));
		if (!prefs.bannedWords().isEmpty()) line(text, "Never use these words", String.join(", ", prefs.bannedWords()));
		if (!prefs.bannedTopics().isEmpty()) line(text, "Never touch these topics", String.join(", ", prefs.bannedTopics()));
		line(text, "End every caption with this disclosure line", prefs.disclosure());
		text.append("Answer only with JSON that matches the given schema.");
		var notes = new StringBuilder();
		block(notes, lore, Position.AN_TOP);
		block(notes, lore, Position.AN_BOTTOM);
		block(notes, lore, Position.AT_DEPTH);
		block(notes, lore, Position.OUTLET);
		return new PersonaPrompt(text.toString(), notes.toString().trim(), macros.expand(p.postHistoryInstructions()).trim());
	}

	/** The request with the author's-note lore before it and the post-history instructions after it. */
	String user(String request) {
		var text = new StringBuilder();
		if (!notes.isBlank()) {
			text.append("[Notes: ").append(notes).append("]\n\n");
		}
		text.append(request);
		if (!postHistory.isBlank()) {
			text.append("\n\n").append(postHistory);
		}
		return text.toString();
	}

	private static void block(StringBuilder text, List<Activation> lore, Position position) {
		var contents = lore.stream().filter(a -> a.entry().position() == position).map(a -> a.content().trim())
			.filter(s -> !s.isEmpty()).collect(Collectors.joining("\n"));
		if (!contents.isEmpty()) {
			text.append(contents).append('\n');
		}
	}

	/** mes_example blocks start with {@code <START>}; they show how the character writes, not facts. */
	private static void examples(StringBuilder text, String mesExample) {
		if (mesExample == null || mesExample.isBlank()) {
			return;
		}
		text.append("Examples of how you write (style only; do not copy them):\n");
		for (var block : mesExample.split("(?i)<START>")) {
			if (!block.isBlank()) {
				text.append("---\n").append(block.trim()).append('\n');
			}
		}
		text.append("---\n");
	}

	private static void line(StringBuilder text, String label, String value) {
		if (value != null && !value.isBlank()) {
			text.append(label).append(": ").append(value.trim()).append('\n');
		}
	}
}
