package dev.troupe.generation;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.troupe.character.CharacterManagement;
import dev.troupe.generation.spi.BackendException;
import dev.troupe.generation.spi.GenerationTask;
import dev.troupe.generation.spi.Modality;
import dev.troupe.generation.spi.ProgressListener;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks the configured text backend whether a caption contradicts its character's persona or lore. Runs while the
 * person waits (at submit), so it takes the first available text backend and a short timeout; it never queues.
 */
@Component
class ContinuityCheck {

	private static final Logger log = LoggerFactory.getLogger(ContinuityCheck.class);
	private static final Duration LONGEST = Duration.ofSeconds(60);

	private final CharacterManagement characters;
	private final Prompts prompts;
	private final BackendRegistry registry;
	private final GenerationSettings settings;
	private final JsonMapper json;

	ContinuityCheck(CharacterManagement characters, Prompts prompts, BackendRegistry registry,
			GenerationSettings settings, JsonMapper json) {
		this.characters = characters;
		this.prompts = prompts;
		this.registry = registry;
		this.settings = settings;
		this.json = json;
	}

	Continuity check(UUID characterId, String caption) {
		if (caption == null || caption.isBlank()) {
			return Continuity.notChecked("The caption is empty");
		}
		var recipe = json.createObjectNode();
		prompts.continuity(characters.get(characterId), recipe, caption);
		var backend = registry.candidates(Modality.TEXT).stream()
			.min(Comparator.comparing((BackendRegistry.Live l) -> l.config().id())).orElse(null);
		if (backend == null) {
			return Continuity.notChecked("No enabled text backend: add one under System → Backends");
		}
		var task = new GenerationTask.TextTask(UUID.randomUUID(), recipe.path("systemPrompt").asString(""),
				recipe.path("userPrompt").asString(""), recipe.path("jsonSchema").toString(), 0.0, 300, null);
		var timeout = settings.timeoutFor(GenerationKind.CAPTION);
		try {
			var remote = backend.backend().submit(task);
			var result = backend.backend().await(remote, task, ProgressListener.NONE, timeout.compareTo(LONGEST) < 0 ? timeout : LONGEST);
			var answer = json.readTree(result.text() == null ? "" : result.text());
			if (!answer.path("consistent").isBoolean()) {
				return Continuity.notChecked("The text backend's answer had no verdict");
			}
			var flagged = !answer.path("consistent").asBoolean();
			var reason = answer.path("reason").asString("").trim();
			return new Continuity(true, flagged, flagged && reason.isEmpty() ? "contradicts the persona or lore" : reason,
					backend.config().id(), Instant.now());
		}
		catch (BackendException e) {
			log.warn("Continuity check on backend {} failed: {}", backend.config().id(), e.getMessage());
			return Continuity.notChecked("The text backend failed: " + e.getMessage());
		}
		catch (RuntimeException e) { // an answer that is not JSON
			return Continuity.notChecked("The text backend's answer was not a verdict");
		}
	}
}
