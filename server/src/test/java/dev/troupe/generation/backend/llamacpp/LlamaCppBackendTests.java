package dev.troupe.generation.backend.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.troupe.generation.spi.BackendConfig;
import dev.troupe.generation.spi.BackendException;
import dev.troupe.generation.spi.BackendException.Kind;
import dev.troupe.generation.spi.GenerationBackend;
import dev.troupe.generation.spi.GenerationBackendContractTests;
import dev.troupe.generation.spi.GenerationResult;
import dev.troupe.generation.spi.GenerationTask;
import dev.troupe.generation.spi.GenerationTask.TextTask;
import dev.troupe.generation.spi.Progress;
import dev.troupe.generation.spi.ProgressListener;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The embedded llama.cpp backend against a real llama.cpp running a tiny random-weight model written by
 * {@link TinyGguf}: the answers are gibberish, but loading, templating, sampling and grammars are the real thing.
 */
class LlamaCppBackendTests extends GenerationBackendContractTests {

	private static final Logger log = LoggerFactory.getLogger(LlamaCppBackendTests.class);

	private static final String BOOLEAN_SCHEMA = """
			{"type":"object","properties":{"ok":{"type":"boolean"}},"required":["ok"],"additionalProperties":false}""";

	@TempDir
	static Path dir;

	private static Path model;

	/** One shared backend, so the model is loaded once for the whole class. */
	private static LlamaCppBackend backend;

	private static final ModelDownloader downloader = new ModelDownloader(HttpClient.newHttpClient());

	@BeforeAll
	static void writeModel() throws Exception {
		model = TinyGguf.write(dir.resolve("tiny.gguf"), 42);
		backend = backend(Map.of("model", model.toString(), "contextSize", "512", "threads", "2"), null);
	}

	@AfterAll
	static void closeModel() {
		backend.close();
	}

	private static LlamaCppBackend backend(Map<String, String> options, URI baseUrl) {
		var config = new BackendConfig("local-llama", "llamacpp", baseUrl, null, 1, true, options);
		return new LlamaCppBackend(config, dir.resolve("models"), downloader);
	}

	@Override
	protected GenerationBackend backend() {
		return backend;
	}

	@Override
	protected GenerationBackend unreachableBackend() {
		return backend(Map.of(), dir.resolve("nowhere/missing.gguf").toUri());
	}

	@Override
	protected GenerationTask task() {
		return text("Say hello.", null, 8);
	}

	@Override
	protected GenerationTask rejectedTask() {
		return text("  ", null, 8);
	}

	@Override
	protected void assertUsable(GenerationResult result) {
		// A random model says nothing meaningful; it must still have produced tokens through llama.cpp.
		assertThat(result.text()).isNotNull();
		assertThat((Integer) result.recipe().get("tokens")).isPositive();
		assertThat(result.recipe()).containsEntry("model", "tiny.gguf").containsEntry("backend", "llamacpp");
	}

	private static TextTask text(String user, String schema, int maxTokens) {
		return new TextTask(UUID.randomUUID(), "You are a test.", user, schema, 0.8, maxTokens, null);
	}

	private static GenerationResult run(GenerationBackend backend, TextTask task) throws BackendException {
		return backend.await(backend.submit(task), task, ProgressListener.NONE, Duration.ofSeconds(30));
	}

	@Test
	void aSchemaConstrainsTheAnswerToMatchingJson() throws Exception {
		for (int i = 0; i < 3; i++) {
			var result = run(backend, text("Is it ok?", BOOLEAN_SCHEMA, 64));
			var json = JsonMapper.builder().build().readTree(result.text());
			assertThat(json.propertyNames()).containsExactly("ok");
			assertThat(json.get("ok").isBoolean()).as(result.text()).isTrue();
		}
	}

	@Test
	void aSchemaOutsideTheSafeSubsetStillForcesAJsonObject() throws Exception {
		var result = run(backend, text("Name?", """
				{"type":"object","properties":{"name":{"type":"string","pattern":"[a-z]+"}}}""", 16));
		assertThat(result.text()).startsWith("{");
	}

	@Test
	void aBrokenSchemaIsRejectedWithoutTakingDownTheJvm() {
		// llama.cpp's converter aborts the process on this; the backend must refuse it first.
		assertThatThrownBy(() -> backend.submit(text("x", "{not json", 8)))
			.isInstanceOfSatisfying(BackendException.class, e -> {
				assertThat(e.kind()).isEqualTo(Kind.REJECTED_INPUT);
				assertThat(e.getMessage()).contains("JSON schema");
			});
	}

	@Test
	void aPromptLongerThanTheContextIsRejected() {
		assertThatThrownBy(() -> run(backend, text("hello world ".repeat(400), null, 8)))
			.isInstanceOfSatisfying(BackendException.class, e -> {
				assertThat(e.kind()).isEqualTo(Kind.REJECTED_INPUT);
				assertThat(e.getMessage()).contains("contextSize");
			});
	}

	@Test
	void progressCountsTokensAgainstMaxTokens() throws Exception {
		var progress = new CopyOnWriteArrayList<Progress>();
		var task = text("Count.", null, 5);
		backend.await(backend.submit(task), task, progress::add, Duration.ofSeconds(30));
		assertThat(progress.get(0).fraction()).isZero();
		assertThat(progress).last().satisfies(p -> assertThat(p.total()).isEqualTo(5));
	}

	@Test
	void aCancelledJobStopsWithCancelled() throws Exception {
		var task = text("Go on.", null, 50);
		var job = backend.submit(task);
		backend.cancel(job);
		assertThatThrownBy(() -> backend.await(job, task, ProgressListener.NONE, Duration.ofSeconds(30)))
			.isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CANCELLED));
		assertThat(run(backend, task).text()).as("the cancel was for that run only").isNotNull();
	}

	@Test
	void runningOutOfTimeIsATimeout() throws Exception {
		var task = text("Go on.", null, 50);
		assertThatThrownBy(() -> backend.await(backend.submit(task), task, ProgressListener.NONE, Duration.ZERO))
			.isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));
	}

	@Test
	void aFileThatIsNotGgufIsReportedAndRejected() throws Exception {
		var notAModel = Files.writeString(dir.resolve("notes.gguf"), "hello");
		var wrong = backend(Map.of("model", notAModel.toString()), null);
		assertThat(wrong.check().error()).contains(notAModel.toString(), "not a GGUF file");
		assertThatThrownBy(() -> run(wrong, text("x", null, 4))).isInstanceOfSatisfying(BackendException.class, e -> {
			assertThat(e.kind()).isEqualTo(Kind.REJECTED_INPUT);
			assertThat(e.getMessage()).contains(notAModel.toString());
		});
	}

	@Test
	void aCorruptGgufFailsToLoadWithTheReason() throws Exception {
		var corrupt = Files.write(dir.resolve("corrupt.gguf"), "GGUF and then nothing sensible".getBytes());
		try (var broken = backend(Map.of("model", corrupt.toString()), null)) {
			assertThatThrownBy(() -> run(broken, text("x", null, 4)))
				.isInstanceOfSatisfying(BackendException.class, e -> {
					assertThat(e.kind()).isEqualTo(Kind.REJECTED_INPUT);
					assertThat(e.getMessage()).contains("could not load", corrupt.toString());
				});
		}
	}

	@Test
	void aModelUrlIsDownloadedOnFirstUseWithProgressThenLoaded() throws Exception {
		var bytes = Files.readAllBytes(model);
		try (var server = new MockWebServer()) {
			server.start();
			server.enqueue(new MockResponse.Builder().body(new Buffer().write(bytes)).build());
			var url = server.url("/m/tiny.gguf").toString();
			var modelDir = dir.resolve("downloads");
			try (var remote = backend(Map.of("model", url, "sha256", ModelDownloaderTests.sha256(bytes), "modelDir",
					modelDir.toString(), "contextSize", "256"), null)) {
				var progress = new CopyOnWriteArrayList<Progress>();
				var task = text("Hi.", null, 4);
				var result = remote.await(remote.submit(task), task, progress::add, Duration.ofSeconds(30));

				assertUsable(result);
				assertThat(Files.readAllBytes(modelDir.resolve("tiny.gguf"))).isEqualTo(bytes);
				assertThat(progress).anySatisfy(p -> assertThat(p.node()).startsWith("downloading"));
				assertThat(progress.stream().map(Progress::fraction).toList()).isSorted();
				assertThat(remote.check().usable()).isTrue();
			}
		}
	}

	@Test
	void aModelUrlWithoutChecksumIsAConfigurationError() {
		var remote = backend(Map.of("model", "https://example.invalid/m.gguf"), null);
		assertThat(remote.check().error()).contains("sha256");
		assertThatThrownBy(() -> run(remote, text("x", null, 4)))
			.isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.kind()).isEqualTo(Kind.REJECTED_INPUT));
	}

	@Test
	void loadsAndGeneratesQuickly() throws Exception {
		var fresh = backend(Map.of("model", model.toString(), "contextSize", "512"), null);
		try (fresh) {
			long start = System.nanoTime();
			fresh.check();
			var result = run(fresh, text("Hello", null, 16));
			long millis = (System.nanoTime() - start) / 1_000_000;
			log.info("Tiny model: loaded and generated {} tokens in {} ms", result.recipe().get("tokens"), millis);
			assertThat(millis).isLessThan(10_000);
		}
	}
}
