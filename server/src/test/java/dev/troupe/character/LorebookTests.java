package dev.troupe.character;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The lorebook of a hand-written card that uses every entry option (test resource mira-lorebook-v2.json). */
class LorebookTests {

	private static final Persona MIRA = CharacterCards.parse(CharacterCardsTests.resource("mira-lorebook-v2.json")).persona();
	private static final Macros MACROS = new Macros("Mira", "your audience", MIRA,
			ZonedDateTime.of(2026, 12, 3, 10, 0, 0, 0, ZoneOffset.UTC), new Random(1));

	private static List<String> used(Persona persona, String... newestFirst) {
		var lore = Lorebook.of(persona).activate(new Lorebook.Scan(List.of(newestFirst)), MACROS::expand, new Random(7));
		return Lorebook.names(lore);
	}

	@Test
	void readsTheBookSettings() {
		var book = Lorebook.of(MIRA);
		assertThat(book.scanDepth()).isEqualTo(2);
		assertThat(book.tokenBudget()).isEqualTo(120);
		assertThat(book.recursiveScanning()).isTrue();
		assertThat(book.entries()).hasSize(19);
		assertThat(book.entries().get(15).position()).as("SillyTavern's numeric position wins").isEqualTo(LoreEntry.Position.AN_BOTTOM);
		assertThat(book.entries().get(18).label()).as("comment when there is no name").isEqualTo("Examples");
	}

	@Test
	void keysConstantDisabledProbabilityScanDepthAndRecursion() {
		// newest first: the request, then older captions; "anchor" is three deep, only its entry scans that far
		assertThat(used(MIRA, "Storm at night over the harbor", "A gull on the rail", "anchor dropped"))
			.containsExactly("Lighthouse", "Harbor", "Vell", "Anchor", "Gull", "Gull note", "Self", "And any", "Not all");
		assertThat(used(MIRA, "a", "b", "c", "anchor")).as("four deep is too deep").containsExactly("Lighthouse");
	}

	@Test
	void withoutRecursiveScanningOnlyTheScannedTextActivates() {
		var tree = MIRA.toTree();
		((ObjectNode) tree.get("character_book")).put("recursive_scanning", false);
		var flat = Persona.fromTree(tree);
		assertThat(used(flat, "Storm at night over the harbor")).containsExactly("Lighthouse", "Harbor", "And any", "Not all");
	}

	@Test
	void selectiveLogicCaseSensitivityWholeWordsAndRegexKeys() {
		assertThat(used(MIRA, "storm")).containsExactly("Lighthouse", "Not all", "Not any");
		assertThat(used(MIRA, "Orca and the cat, storm in winter at night"))
			.containsExactly("Lighthouse", "Cat", "Case", "And any", "And all");
		assertThat(used(MIRA, "Foggy morning. The orca is out with a category of birds"))
			.as("regex /\\bfog(gy)?\\b/i, lowercase orca against a case-sensitive key, cat inside category")
			.containsExactly("Lighthouse", "Fog");
	}

	@Test
	void theTokenBudgetStopsAtTheFirstEntryThatDoesNotFit() {
		assertThat(used(MIRA, "treasure at the harbor")).containsExactly("Lighthouse", "Harbor");
	}

	@Test
	void macrosInKeysAndContent() {
		var lore = Lorebook.of(MIRA).activate(new Lorebook.Scan(List.of("Mira went out")), MACROS::expand, new Random());
		assertThat(lore).extracting(a -> a.content()).contains("Mira signs posts with a star.");
		assertThat(lore).extracting(a -> a.reason()).contains("constant", "key {{char}}");
	}

	@Test
	void aCardWithoutABookHasNoLore() {
		assertThat(used(Persona.empty(), "harbor")).isEmpty();
	}
}
