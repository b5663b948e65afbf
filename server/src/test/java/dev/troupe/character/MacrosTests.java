package dev.troupe.character;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Random;

import org.junit.jupiter.api.Test;

class MacrosTests {

	private final Persona persona = Persona.fromTree(new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
		.put("description", "{{char}} keeps a lighthouse").put("scenario", "evening").put("personality", "dry"));
	private final Macros macros = new Macros("Mira", "Sam", persona,
			ZonedDateTime.of(2026, 12, 3, 18, 5, 0, 0, ZoneOffset.UTC), new Random(3));

	@Test
	void namesAndTheirOldForms() {
		assertThat(macros.expand("{{char}} greets {{user}}; <BOT> and <USER>; {{Char}} {{USER}}"))
			.isEqualTo("Mira greets Sam; Mira and Sam; Mira Sam");
	}

	@Test
	void cardFieldsTimeAndFormatting() {
		assertThat(macros.expand("{{description}} / {{personality}} / {{scenario}}"))
			.isEqualTo("Mira keeps a lighthouse / dry / evening");
		assertThat(macros.expand("{{date}}, {{weekday}}, {{isodate}} {{isotime}}"))
			.isEqualTo("December 3, 2026, Thursday, 2026-12-03 18:05");
		assertThat(macros.expand("a{{newline}}b{{noop}}{{// a comment}}c")).isEqualTo("a\nbc");
		assertThat(macros.expand("left   {{trim}}   right")).isEqualTo("leftright");
	}

	@Test
	void randomPicksOneOfTheOptionsAndUnknownMacrosStay() {
		assertThat(macros.expand("{{random:tea,coffee}}")).isIn("tea", "coffee");
		assertThat(macros.expand("{{random::red::blue}}")).isIn("red", "blue");
		assertThat(macros.expand("{{original}} and {{mystery}}")).isEqualTo("{{original}} and {{mystery}}");
	}
}
