package dev.troupe.generation.backend.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
import mockwebserver3.MockWebServer;
import tools.jackson.databind.json.JsonMapper;

class OllamaBackendTests extends GenerationBackendContractTests {

	static final String SCHEMA = """
			{"type":"object","properties":{"name":{"type":"string"},"mood":{"type":"string"}},
			 "required":["name","mood"],"additionalProperties":false}""";

	private final FakeOllama fake = new FakeOllama();
	private final int closedPort = closedPort();
	private MockWebServer server;

	@BeforeEach
	void start() throws IOException {
		server = new MockWebServer();
		server.setDispatcher(fake);
		server.start();
	}

	@AfterEach
	void stop() {
		server.close();
	}

	@Override
	protected GenerationBackend backend() {
		return backend(Map.of("model", "llama3.2"));
	}

	private GenerationBackend backend(Map<String, String> options) {
		return new OllamaBackendFactory().create(new BackendConfig("ollama-1", "ollama",
				URI.create(server.url("/").toString()), null, 1, true, options));
	}

	@Override
	protected GenerationBackend unreachableBackend() {
		return new OllamaBackendFactory().create(new BackendConfig("ollama-down", "ollama",
				URI.create("http://127.0.0.1:" + closedPort), null, 1, true, Map.of("model", "llama3.2")));
	}

	static int closedPort() {
		try (var socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	@Override
	protected GenerationTask task() {
		return text(null, null);
	}

	@Override
	protected GenerationTask rejectedTask() {
		return text(null, "mistral-nemo:12b");
	}

	static TextTask text(String schema, String model) {
		return new TextTask(UUID.randomUUID(), "You are Ada, a cheerful baker.", "Describe your morning.", schema, 0.7,
				64, model);
	}

	@Override
	protected void assertUsable(GenerationResult result) {
		assertThat(result.text()).isEqualTo(fake.defaultAnswer);
		assertThat(result.recipe()).containsEntry("model", FakeOllama.MODEL).containsEntry("doneReason", "stop");
	}

	private GenerationResult run(TextTask task) throws BackendException {
		return run(backend(), task, ProgressListener.NONE);
	}

	private static GenerationResult run(GenerationBackend backend, TextTask task, ProgressListener progress)
			throws BackendException {
		return backend.await(backend.submit(task), task, progress, Duration.ofSeconds(10));
	}

	@Test
	void sendsMessagesOptionsAndTheSchemaAsFormat() throws Exception {
		fake.scripted.add(FakeOllama.stream("{\"name\":\"Ada\",\"mood\":\"sunny\"}"));
		var backend = backend(Map.of("model", "llama3.2", "numCtx", "8192", "keepAlive", "10m"));

		var result = run(backend, text(SCHEMA, null), ProgressListener.NONE);

		assertThat(result.text()).isEqualTo("{\"name\":\"Ada\",\"mood\":\"sunny\"}");
		var body = fake.chats.get(0);
		assertThat(body.path("model").asString()).isEqualTo("llama3.2");
		assertThat(body.path("stream").asBoolean()).isTrue();
		assertThat(body.path("format")).isEqualTo(JsonMapper.shared().readTree(SCHEMA));
		assertThat(body.path("options").path("temperature").asDouble()).isEqualTo(0.7);
		assertThat(body.path("options").path("num_predict").asInt()).isEqualTo(64);
		assertThat(body.path("options").path("num_ctx").asInt()).isEqualTo(8192);
		assertThat(body.path("keep_alive").asString()).isEqualTo("10m");
		assertThat(body.path("messages").get(0).path("role").asString()).isEqualTo("system");
		assertThat(body.path("messages").get(0).path("content").asString()).isEqualTo("You are Ada, a cheerful baker.");
		assertThat(body.path("messages").get(1).path("role").asString()).isEqualTo("user");
	}

	@Test
	void freeTextSendsNoFormatAndTheTaskModelWins() throws Exception {
		run(text(null, "llama3.2:latest"));

		assertThat(fake.chats.get(0).has("format")).isFalse();
		assertThat(fake.chats.get(0).path("model").asString()).isEqualTo("llama3.2:latest");
	}

	@Test
	void recordsTheServersFactsInTheRecipe() throws Exception {
		var result = run(text(null, null));

		assertThat(result.recipe()).containsEntry("promptTokens", 26L)
			.containsEntry("totalDurationMs", 2134L)
			.containsEntry("loadDurationMs", 1034L)
			.containsEntry("attempts", 1)
			.containsKey("tokensPerSecond");
	}

	@Test
	void progressCountsTokensAgainstMaxTokensThenFinishes() throws Exception {
		var progress = new CopyOnWriteArrayList<Progress>();
		run(backend(), text(null, null), progress::add);

		assertThat(progress).first().satisfies(p -> assertThat(p.fraction()).isZero());
		assertThat(progress.subList(0, progress.size() - 1)).allSatisfy(p -> assertThat(p.fraction()).isLessThan(1));
		assertThat(progress.get(progress.size() - 2).total()).isEqualTo(64);
		assertThat(progress.get(progress.size() - 1).fraction()).isEqualTo(1.0);
	}

	@Test
	void stripsCodeFencesAroundJson() throws Exception {
		fake.scripted.add(FakeOllama.stream("```json\n{\"name\":\"Ada\",\"mood\":\"sunny\"}\n```"));

		var result = run(text(SCHEMA, null));

		assertThat(result.text()).isEqualTo("{\"name\":\"Ada\",\"mood\":\"sunny\"}");
		assertThat(fake.chats).hasSize(1);
	}

	@Test
	void retriesOnceWithTheParseErrorWhenTheAnswerIsNotJson() throws Exception {
		fake.scripted.add(FakeOllama.stream("Sure! {name: Ada"));
		fake.scripted.add(FakeOllama.stream("{\"name\":\"Ada\",\"mood\":\"sunny\"}"));
		var progress = new CopyOnWriteArrayList<Double>();

		var result = run(backend(), text(SCHEMA, null), p -> progress.add(p.fraction()));

		assertThat(result.text()).isEqualTo("{\"name\":\"Ada\",\"mood\":\"sunny\"}");
		assertThat(result.recipe()).containsEntry("attempts", 2);
		assertThat(fake.chats).hasSize(2);
		var retry = fake.chats.get(1).path("messages");
		assertThat(retry.size()).isEqualTo(4);
		assertThat(retry.get(2).path("role").asString()).isEqualTo("assistant");
		assertThat(retry.get(2).path("content").asString()).isEqualTo("Sure! {name: Ada");
		assertThat(retry.get(3).path("role").asString()).isEqualTo("user");
		assertThat(retry.get(3).path("content").asString()).contains("not valid JSON", "Unrecognized token",
				"\"required\":[\"name\",\"mood\"]");
		assertThat(progress).isSorted().last().isEqualTo(1.0);
	}

	@Test
	void missingRequiredPropertiesAlsoTriggerTheRetry() throws Exception {
		fake.scripted.add(FakeOllama.stream("{\"name\":\"Ada\"}"));
		fake.scripted.add(FakeOllama.stream("{\"name\":\"Ada\",\"mood\":\"calm\"}"));

		var result = run(text(SCHEMA, null));

		assertThat(result.text()).contains("calm");
		assertThat(fake.chats.get(1).path("messages").get(3).path("content").asString())
			.contains("required properties are missing: mood");
	}

	@Test
	void invalidJsonTwiceIsInvalidOutput() {
		fake.scripted.add(FakeOllama.stream("I am sorry, I cannot produce JSON."));
		fake.scripted.add(FakeOllama.stream("Still no JSON, sorry."));

		assertThatThrownBy(() -> run(text(SCHEMA, null))).isInstanceOfSatisfying(BackendException.class, e -> {
			assertThat(e.kind()).isEqualTo(Kind.INVALID_OUTPUT);
			assertThat(e.kind().retryable()).isFalse();
			assertThat(e.getMessage()).startsWith(
					"The model's answer was not valid JSON for the requested schema after 2 attempts: ")
				.contains("first 200 chars: Still no JSON, sorry.");
		});
		assertThat(fake.chats).hasSize(2);
	}

	@Test
	void aTruncatedAnswerSaysToRaiseMaxTokens() {
		var cut = new mockwebserver3.MockResponse.Builder().code(200)
			.body(FakeOllama.ndjson("{\"name\":\"Ada\",\"mo", "length"))
			.build();
		fake.scripted.add(cut);
		fake.scripted.add(cut);

		assertThatThrownBy(() -> run(text(SCHEMA, null))).isInstanceOfSatisfying(BackendException.class,
				e -> assertThat(e.getMessage()).contains("cut off at the 64-token limit"));
	}

	@Test
	void anUnknownModelSaysWhatToPull() {
		assertThatThrownBy(() -> run(text(null, "mistral-nemo:12b"))).isInstanceOfSatisfying(BackendException.class,
				e -> {
					assertThat(e.kind()).isEqualTo(Kind.REJECTED_INPUT);
					assertThat(e.getMessage()).contains("ollama pull mistral-nemo:12b", server.url("/").toString());
				});
	}

	@Test
	void anErrorLineMidStreamIsAServerError() {
		fake.scripted.add(FakeOllama.failingStream("llama runner process has terminated: exit status 2"));

		assertThatThrownBy(() -> run(text(null, null))).isInstanceOfSatisfying(BackendException.class, e -> {
			assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR);
			assertThat(e.getMessage()).contains("llama runner process has terminated");
		});
	}

	@Test
	void serverFailuresAreRetryableAndMemoryShortageIsNamed() {
		fake.scripted.add(FakeOllama.json(500, "{\"error\":\"an internal error occurred\"}"));
		fake.scripted.add(FakeOllama.json(500,
				"{\"error\":\"model requires more system memory (12.4 GiB) than is available (7.1 GiB)\"}"));

		assertThatThrownBy(() -> run(text(null, null))).isInstanceOfSatisfying(BackendException.class,
				e -> assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR));
		assertThatThrownBy(() -> run(text(null, null))).isInstanceOfSatisfying(BackendException.class,
				e -> assertThat(e.kind()).isEqualTo(Kind.OUT_OF_MEMORY));
	}

	@Test
	void healthReportsVersionAndModelsAndAMissingDefaultModel() {
		var health = backend().check();
		assertThat(health.version()).isEqualTo("0.6.2");
		assertThat(health.models()).containsExactly(FakeOllama.MODEL);

		var missing = backend(Map.of("model", "qwen2.5:7b")).check();
		assertThat(missing.reachable()).isTrue();
		assertThat(missing.usable()).isFalse();
		assertThat(missing.error()).contains("ollama pull qwen2.5:7b");
	}

	@Test
	void aSlowAnswerTimesOut() {
		fake.scripted.add(FakeOllama.slowStream());
		var backend = backend();
		var task = text(null, null);

		var started = System.nanoTime();
		assertThatThrownBy(() -> backend.await(backend.submit(task), task, ProgressListener.NONE, Duration.ofMillis(700)))
			.isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void cancelStopsTheStream() throws Exception {
		fake.scripted.add(FakeOllama.slowStream());
		var backend = backend();
		var task = text(null, null);
		var job = backend.submit(task);
		var streaming = new CompletableFuture<Void>();

		var result = CompletableFuture.supplyAsync(() -> {
			try {
				backend.await(job, task, p -> streaming.complete(null), Duration.ofSeconds(30));
				return null;
			}
			catch (BackendException e) {
				return e;
			}
		});
		streaming.get(5, TimeUnit.SECONDS);
		backend.cancel(job);

		assertThat(result.get(5, TimeUnit.SECONDS)).isNotNull()
			.satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.CANCELLED));
	}
}
