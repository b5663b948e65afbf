package dev.troupe.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.troupe.character.Character;
import dev.troupe.character.CharacterCards;
import dev.troupe.character.ContentPreferences;
import dev.troupe.character.Lorebook;
import dev.troupe.character.Macros;
import dev.troupe.character.Persona;

/** The persona laid out as SillyTavern lays out a card (hand-written test card mira-lorebook-v2.json). */
class PersonaPromptTests {

	private static Persona card() throws IOException {
		try (var in = PersonaPromptTests.class.getResourceAsStream("/cards/mira-lorebook-v2.json")) {
			return CharacterCards.parse(in.readAllBytes()).persona();
		}
	}

	private static Character mira(Persona persona) {
		return new Character(UUID.randomUUID(), 1, Instant.now(), Instant.now(), "Mira", "mira", "Born at sea.", null,
				"en", "UTC", persona, null, null,
				new ContentPreferences(List.of("sea"), "calm", List.of("#sea"), List.of(), List.of(), "AI character"));
	}

	private static PersonaPrompt prompt(Persona persona, String... scan) {
		var c = mira(persona);
		var macros = new Macros("Mira", "your audience", persona, ZonedDateTime.now(ZoneOffset.UTC), new Random(1));
		var lore = Lorebook.of(persona).activate(new Lorebook.Scan(List.of(scan)), macros::expand, new Random(1));
		return PersonaPrompt.of(c, lore, macros);
	}

	@Test
	void aCardSystemPromptReplacesOnlyTheMainInstructionAndKeepsThePersona() throws IOException {
		var p = prompt(card(), "quiet evening");
		assertThat(p.system()).startsWith("Stay in character as Mira at all times. You are Mira (@mira), writing your own social media posts.")
			.contains("Who you are: Mira is a lighthouse keeper in her thirties")
			.contains("Personality: dry humour, patient")
			.contains("Scenario: Mira posts from the lighthouse to your audience every evening.")
			.contains("Background: Born at sea.")
			.contains("Examples of how you write (style only; do not copy them):\n---\nyour audience: How was the sea today?\nMira: Grey, loud, and honest.")
			.contains("End every caption with this disclosure line: AI character")
			.endsWith("Answer only with JSON that matches the given schema.")
			.doesNotContain("SECRET CREATOR NOTE").doesNotContain("{{").doesNotContain("<START>");
	}

	@Test
	void withoutACardSystemPromptTheDefaultInstructionIsUsed() throws IOException {
		var tree = card().toTree();
		tree.put("system_prompt", "");
		var p = prompt(Persona.fromTree(tree), "x");
		assertThat(p.system()).startsWith("You are Mira (@mira), writing your own social media posts.\n\n")
			.contains("Who you are: Mira is a lighthouse keeper");
	}

	@Test
	void postHistoryInstructionsComeAfterTheRequestAndLoreSitsWhereItsPositionSays() throws IOException {
		var p = prompt(card(), "A gull and a ship at the harbor");
		var user = p.user("Write one caption.");
		assertThat(user).startsWith("[Notes: Mention the weather first.]\n\nWrite one caption.")
			.endsWith("Write one caption.\n\nKeep Mira's answer under three sentences.");
		var system = p.system();
		assertThat(system.indexOf("The harbor of Vell is where Mira grew up.")).as("before_char")
			.isLessThan(system.indexOf("Who you are:"));
		assertThat(system.indexOf("Gulls steal her sandwiches.")).as("after_char")
			.isGreaterThan(system.indexOf("Background:")).isLessThan(system.indexOf("Examples of how you write"));
		assertThat(system.indexOf("Ships are rare here.")).as("after the example messages")
			.isGreaterThan(system.indexOf("Any ships?")).isLessThan(system.indexOf("Tone:"));
		assertThat(system.indexOf("The old lighthouse stands")).as("higher insertion order goes later")
			.isLessThan(system.indexOf("The harbor of Vell"));
		assertThat(system).doesNotContain("Mention the weather first.");
	}
}
