package dev.troupe.generation.backend.espeak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import javax.sound.sampled.AudioSystem;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.troupe.generation.spi.BackendConfig;
import dev.troupe.generation.spi.BackendException;
import dev.troupe.generation.spi.BackendException.Kind;
import dev.troupe.generation.spi.GenerationBackend;
import dev.troupe.generation.spi.GenerationBackendContractTests;
import dev.troupe.generation.spi.GenerationResult;
import dev.troupe.generation.spi.GenerationTask;
import dev.troupe.generation.spi.GenerationTask.VoiceTask;
import dev.troupe.generation.spi.ProgressListener;

/** Runs the real espeak-ng, so it needs the program: {@code apt-get install espeak-ng}. */
class EspeakBackendTests extends GenerationBackendContractTests {

	private static final URI LOCAL = URI.create("file:///usr/bin/espeak-ng");

	@BeforeAll
	static void requireEspeak() {
		var health = espeak(Map.of()).check();
		Assumptions.assumeTrue(health.reachable(),
				"espeak-ng is not installed (apt-get install espeak-ng); skipping its tests: " + health.error());
	}

	private static GenerationBackend espeak(Map<String, String> options) {
		return new EspeakBackendFactory().create(new BackendConfig("espeak-test", "espeak", LOCAL, null, 1, true, options));
	}

	@Override
	protected GenerationBackend backend() {
		return espeak(Map.of());
	}

	@Override
	protected GenerationBackend unreachableBackend() {
		return espeak(Map.of("binary", "/nonexistent/bin/espeak-ng"));
	}

	@Override
	protected GenerationTask task() {
		return new VoiceTask(UUID.randomUUID(), "Hello, I am Ada.", "en", null, null);
	}

	@Override
	protected GenerationTask rejectedTask() {
		return new VoiceTask(UUID.randomUUID(), "", "en", null, null);
	}

	@Override
	protected void assertUsable(GenerationResult result) {
		assertThat(result.artifacts()).hasSize(1);
		assertThat(result.artifacts().get(0).contentType()).isEqualTo("audio/wav");
		try {
			var audio = AudioSystem.getAudioInputStream(new ByteArrayInputStream(result.artifacts().get(0).bytes()));
			assertThat(audio.getFrameLength()).isPositive();
		}
		catch (Exception e) {
			throw new AssertionError("not a readable WAV", e);
		}
	}

	@Test
	void reportsItsVersionAndVoices() {
		var health = backend().check();
		assertThat(health.version()).matches("\\d+\\.\\d+.*");
		assertThat(health.models()).contains("en-us", "de").doesNotHaveDuplicates();
	}

	@Test
	void aMissingBinaryIsNamedInTheHealthCheck() {
		assertThat(unreachableBackend().check().error()).contains("/nonexistent/bin/espeak-ng");
	}

	@Test
	void textThatLooksLikeOptionsOrShellIsJustSpoken() throws Exception {
		var task = new VoiceTask(UUID.randomUUID(), "--version; rm -rf / $(reboot) `id`", "en", null, null);
		assertUsable(run(task));
	}

	@Test
	void aVoiceThatLooksLikeAnOptionIsRejected() {
		var failure = fail(new VoiceTask(UUID.randomUUID(), "hi", "en", "--stdout", null));
		assertThat(failure.kind()).isEqualTo(Kind.REJECTED_INPUT);
	}

	@Test
	void anUnknownVoiceIsRejectedWithEspeaksReason() {
		var failure = fail(new VoiceTask(UUID.randomUUID(), "hi", "xx-nope", null, null));
		assertThat(failure.kind()).isEqualTo(Kind.REJECTED_INPUT);
		assertThat(failure.getMessage()).contains("voice");
	}

	@Test
	void speedAndPitchOptionsAreApplied() throws Exception {
		var slow = new EspeakBackendFactory().create(new BackendConfig("espeak-slow", "espeak", LOCAL, null, 1, true,
				Map.of("speed", "80", "pitch", "20")));
		var task = task();
		var slowWav = slow.await(slow.submit(task), task, ProgressListener.NONE, Duration.ofSeconds(20));
		assertThat(slowWav.artifacts().get(0).bytes().length).isGreaterThan(run(task).artifacts().get(0).bytes().length);
	}

	private GenerationResult run(GenerationTask task) throws BackendException {
		var backend = backend();
		return backend.await(backend.submit(task), task, ProgressListener.NONE, Duration.ofSeconds(20));
	}

	private BackendException fail(GenerationTask task) {
		var failure = catchThrowableOfType(BackendException.class, () -> run(task));
		assertThat(failure).as("expected a BackendException").isNotNull();
		return failure;
	}
}
