package dev.troupe.generation.backend.xtts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import javax.sound.sampled.AudioSystem;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.troupe.generation.spi.BackendConfig;
import dev.troupe.generation.spi.BackendException;
import dev.troupe.generation.spi.BackendException.Kind;
import dev.troupe.generation.spi.GenerationBackend;
import dev.troupe.generation.spi.GenerationBackendContractTests;
import dev.troupe.generation.spi.GenerationResult;
import dev.troupe.generation.spi.GenerationTask;
import dev.troupe.generation.spi.GenerationTask.InputFile;
import dev.troupe.generation.spi.GenerationTask.VoiceTask;
import dev.troupe.generation.spi.ProgressListener;
import mockwebserver3.MockWebServer;

class XttsBackendTests {

	static final byte[] CLIP = XttsFakes.wav(0.5);

	static VoiceTask say(String language, String voice, InputFile clip) {
		return new VoiceTask(UUID.randomUUID(), "Hello, I am Ada.", language, voice, clip);
	}

	static void assertWav(GenerationResult result) throws Exception {
		assertThat(result.artifacts()).hasSize(1);
		var artifact = result.artifacts().get(0);
		assertThat(artifact.contentType()).isEqualTo("audio/wav");
		var audio = AudioSystem.getAudioInputStream(new ByteArrayInputStream(artifact.bytes()));
		assertThat(audio.getFormat().getSampleRate()).isEqualTo(24_000f);
		assertThat(audio.getFrameLength()).isPositive();
	}

	static GenerationResult run(GenerationBackend backend, GenerationTask task) throws BackendException {
		return backend.await(backend.submit(task), task, ProgressListener.NONE, Duration.ofSeconds(10));
	}

	static BackendException failure(GenerationBackend backend, GenerationTask task, Kind kind, String message) {
		var failure = catchThrowableOfType(BackendException.class, () -> run(backend, task));
		assertThat(failure).as("expected a BackendException").isNotNull();
		assertThat(failure.kind()).isEqualTo(kind);
		assertThat(failure.getMessage()).contains(message);
		return failure;
	}

	static GenerationBackend xtts(URI url, String flavour, Map<String, String> extra) {
		var options = new HashMap<>(extra);
		options.put("flavour", flavour);
		return new XttsBackendFactory(XttsFakes.JSON)
			.create(new BackendConfig("xtts-test", "xtts", url, null, 1, true, options));
	}

	static int freePort() {
		try (var socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	/** Shared server lifecycle for both flavours. */
	abstract static class AgainstFake extends GenerationBackendContractTests {

		final MockWebServer server = new MockWebServer();
		final int closedPort = freePort();

		abstract XttsFakes.Recording fake();

		abstract String flavour();

		Map<String, String> options() {
			return Map.of();
		}

		@BeforeEach
		void start() throws IOException {
			server.setDispatcher(fake());
			server.start();
		}

		@AfterEach
		void stop() {
			server.close();
		}

		@Override
		protected GenerationBackend backend() {
			return xtts(server.url("/").uri(), flavour(), options());
		}

		@Override
		protected GenerationBackend unreachableBackend() {
			return xtts(URI.create("http://127.0.0.1:" + closedPort), flavour(), options());
		}

		@Override
		protected void assertUsable(GenerationResult result) {
			try {
				assertWav(result);
			}
			catch (Exception e) {
				throw new AssertionError(e);
			}
			assertThat(result.recipe()).containsEntry("flavour", flavour());
		}

		@Test
		void emptyTextIsRejected() {
			failure(backend(), new VoiceTask(UUID.randomUUID(), "  ", "en", "ada", null), Kind.REJECTED_INPUT, "no text");
		}
	}

	@Nested
	class ApiServer extends AgainstFake {

		@TempDir
		Path speakers;
		XttsFakes.ApiServer fake;

		@Override
		XttsFakes.Recording fake() {
			fake = new XttsFakes.ApiServer(speakers);
			return fake;
		}

		@Override
		String flavour() {
			return "api-server";
		}

		@Override
		protected GenerationTask task() {
			return say("en-GB", "ada", null);
		}

		@Override
		protected GenerationTask rejectedTask() {
			return say("en", "nobody", null);
		}

		@Test
		void sendsTextSpeakerAndBareLanguageToTtsToAudio() throws Exception {
			run(backend(), task());
			var body = fake.json.get("/tts_to_audio/");
			assertThat(body.path("text").asString()).isEqualTo("Hello, I am Ada.");
			assertThat(body.path("speaker_wav").asString()).isEqualTo("ada");
			assertThat(body.path("language").asString()).isEqualTo("en");
		}

		@Test
		void anUnknownVoiceListsTheSpeakers() {
			failure(backend(), rejectedTask(), Kind.REJECTED_INPUT, "female_01");
			assertThat(fake.calls).doesNotContain("POST /tts_to_audio/");
		}

		@Test
		void anUnsupportedLanguageIsRejectedWithTheServersReason() {
			failure(backend(), say("sv", "ada", null), Kind.REJECTED_INPUT, "Language code sv not supported");
		}

		@Test
		void aReferenceClipNeedsASharedSpeakerFolder() {
			failure(backend(), say("en", null, new InputFile("ada.wav", CLIP)), Kind.REJECTED_INPUT, "speakerFolder");
		}

		@Test
		void aReferenceClipIsEnrolledInTheSharedSpeakerFolder() throws Exception {
			var backend = xtts(server.url("/").uri(), flavour(), Map.of("speakerFolder", speakers.toString()));
			var result = run(backend, say("en", null, new InputFile("ada.wav", CLIP)));
			assertWav(result);
			var name = fake.json.get("/tts_to_audio/").path("speaker_wav").asString();
			assertThat(name).startsWith("troupe-").endsWith(".wav");
			assertThat(Files.readAllBytes(speakers.resolve(name))).isEqualTo(CLIP);
		}

		@Test
		void outOfMemoryIsRetryableElsewhere() {
			fake.synthesisOverride = XttsFakes.json(500, "{\"detail\": \"CUDA out of memory. Tried to allocate 20.00 MiB\"}");
			failure(backend(), task(), Kind.OUT_OF_MEMORY, "CUDA out of memory");
		}

		@Test
		void healthListsTheSpeakers() {
			assertThat(backend().check().models()).contains("female_01", "ada");
		}

		@Test
		void theWrongFlavourIsNamedInTheHealthCheck() {
			var wrong = xtts(server.url("/").uri(), "streaming-server", Map.of());
			assertThat(wrong.check().error()).contains("flavour");
		}
	}

	@Nested
	class StreamingServer extends AgainstFake {

		final XttsFakes.StreamingServer fake = new XttsFakes.StreamingServer();

		@Override
		XttsFakes.Recording fake() {
			return fake;
		}

		@Override
		String flavour() {
			return "streaming-server";
		}

		@Override
		protected GenerationTask task() {
			return say("de-DE", null, new InputFile("ada.wav", CLIP));
		}

		@Override
		protected GenerationTask rejectedTask() {
			return say("en", "Nobody Atall", null);
		}

		@Test
		void clonesTheClipOnceAndSpeaksWithItsLatents() throws Exception {
			var backend = backend();
			run(backend, task());
			run(backend, task());
			assertThat(fake.calls).containsOnlyOnce("POST /clone_speaker");
			assertThat(new String(fake.raw.get("/clone_speaker"), java.nio.charset.StandardCharsets.ISO_8859_1))
				.contains("name=\"wav_file\"; filename=\"ada.wav\"");
			var body = fake.json.get("/tts");
			assertThat(body.path("language").asString()).isEqualTo("de");
			assertThat(body.path("speaker_embedding").get(0).asDouble()).isEqualTo(0.35);
			assertThat(body.path("gpt_cond_latent").get(1).get(0).asDouble()).isEqualTo(0.33);
		}

		@Test
		void aStudioVoiceIsUsedByName() throws Exception {
			assertWav(run(backend(), say("en", "Daisy Studious", null)));
			assertThat(fake.json.get("/tts").path("speaker_embedding").get(0).asDouble()).isEqualTo(0.21);
			assertThat(fake.calls).doesNotContain("POST /clone_speaker");
		}

		@Test
		void anUnknownStudioVoiceListsTheOthers() {
			failure(backend(), rejectedTask(), Kind.REJECTED_INPUT, "Claribel Dervla");
		}

		@Test
		void aValidationErrorNamesTheField() {
			fake.synthesisOverride = XttsFakes.json(422,
					"{\"detail\": [{\"loc\": [\"body\", \"text\"], \"msg\": \"field required\", \"type\": \"value_error.missing\"}]}");
			failure(backend(), task(), Kind.REJECTED_INPUT, "body.text: field required");
		}

		@Test
		void aCrashIsARetryableServerError() {
			fake.synthesisOverride = new mockwebserver3.MockResponse.Builder().code(500).body("Internal Server Error").build();
			failure(backend(), task(), Kind.SERVER_ERROR, "Internal Server Error");
		}
	}
}
