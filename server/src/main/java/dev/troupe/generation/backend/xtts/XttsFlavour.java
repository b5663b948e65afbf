package dev.troupe.generation.backend.xtts;

import java.time.Duration;

import dev.troupe.generation.spi.BackendException;
import dev.troupe.generation.spi.BackendHealth;
import dev.troupe.generation.spi.GenerationTask.VoiceTask;

/** One of the two XTTS server shapes; they differ in how a voice is named and how audio comes back. */
interface XttsFlavour {

	String name();

	BackendHealth check();

	/** Checks the task's voice exists (or can be made) before any synthesis; returns a description for the recipe. */
	String prepareVoice(VoiceTask task) throws BackendException;

	/** Synthesises the whole text and returns a WAV file. */
	byte[] speak(VoiceTask task, String language, Duration timeout) throws BackendException;
}
