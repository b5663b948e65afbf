package dev.troupe.generation.backend.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

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
import dev.troupe.generation.spi.ProgressListener;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import tools.jackson.databind.json.JsonMapper;

class OpenAiBackendTests extends GenerationBackendContractTests {

	static final String SCHEMA = """
			{"type":"object","properties":{"name":{"type":"string"},"mood":{"type":"string"}},
			 "required":["name","mood"],"additionalProperties":false}""";

	private final FakeOpenAi fake = new FakeOpenAi();
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
		return backend(server.url("/").toString(), FakeOpenAi.KEY, Map.of("model", FakeOpenAi.MODEL));
	}

	private GenerationBackend backend(String url, String key, Map<String, String> options) {
		return new OpenAiBackendFactory()
			.create(new BackendConfig("vllm-1", "openai", URI.create(url), key, 1, true, options));
	}

	@Override
	protected GenerationBackend unreachableBackend() {
		return backend("http://127.0.0.1:" + closedPort, FakeOpenAi.KEY, Map.of("model", FakeOpenAi.MODEL));
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
		return text(null, "gpt-5-turbo-ultra");
	}

	static TextTask text(String schema, String model) {
		return new TextTask(UUID.randomUUID(), "You are Ada, a cheerful baker.", "Describe your morning.", schema, 0.2,
				128, model);
	}

	@Override
	protected void assertUsable(GenerationResult result) {
		assertThat(result.text()).isEqualTo(fake.defaultAnswer);
		assertThat(result.recipe()).containsEntry("model", FakeOpenAi.MODEL).containsEntry("finishReason", "stop");
	}

	private GenerationResult run(GenerationBackend backend, TextTask task) throws BackendException {
		return backend.await(backend.submit(task), task, ProgressListener.NONE, Duration.ofSeconds(10));
	}

	private GenerationResult run(TextTask task) throws BackendException {
		return run(backend(), task);
	}

	@Test
	void sendsTheKeyAndTheSchemaAsAStrictResponseFormat() throws Exception {
		fake.scripted.add(FakeOpenAi.stream("{\"name\":\"Ada\",\"mood\":\"sunny\"}", "stop"));

		var result = run(text(SCHEMA, null));

		assertThat(result.text()).isEqualTo("{\"name\":\"Ada\",\"mood\":\"sunny\"}");
		var request = fake.chats.get(0);
		assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + FakeOpenAi.KEY);
		var body = FakeOpenAi.body(request);
		assertThat(body.path("stream").asBoolean()).isTrue();
		assertThat(body.path("max_tokens").asInt()).isEqualTo(128);
		assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
		var format = body.path("response_format");
		assertThat(format.path("type").asString()).isEqualTo("json_schema");
		assertThat(format.path("json_schema").path("name").asString()).isEqualTo("troupe_output");
		assertThat(format.path("json_schema").path("strict").asBoolean()).isTrue();
		assertThat(format.path("json_schema").path("schema")).isEqualTo(JsonMapper.shared().readTree(SCHEMA));
		assertThat(body.path("messages").get(0).path("role").asString()).isEqualTo("system");
	}

	@Test
	void freeTextSendsNoResponseFormatAndRecordsUsage() throws Exception {
		var result = run(text(null, null));

		assertThat(FakeOpenAi.body(fake.chats.get(0)).has("response_format")).isFalse();
		assertThat(result.recipe()).containsEntry("promptTokens", 31L).containsEntry("attempts", 1);
	}

	@Test
	void retriesOnceWithTheParseErrorWhenTheAnswerIsNotJson() throws Exception {
		fake.scripted.add(FakeOpenAi.stream("Here you go: {\"name\": \"Ada\", mood}", "stop"));
		fake.scripted.add(FakeOpenAi.stream("```json\n{\"name\":\"Ada\",\"mood\":\"calm\"}\n```", "stop"));

		var result = run(text(SCHEMA, null));

		assertThat(result.text()).isEqualTo("{\"name\":\"Ada\",\"mood\":\"calm\"}");
		assertThat(fake.chats).hasSize(2);
		var retry = FakeOpenAi.body(fake.chats.get(1)).path("messages");
		assertThat(retry.size()).isEqualTo(4);
		assertThat(retry.get(3).path("content").asString()).contains("not valid JSON", "\"required\":[\"name\",\"mood\"]");
	}

	@Test
	void invalidJsonTwiceIsInvalidOutput() {
		fake.scripted.add(FakeOpenAi.stream("No.", "stop"));
		fake.scripted.add(FakeOpenAi.stream("{\"name\":\"Ada\"}", "stop"));

		assertThatThrownBy(() -> run(text(SCHEMA, null))).isInstanceOfSatisfying(BackendException.class, e -> {
			assertThat(e.kind()).isEqualTo(Kind.INVALID_OUTPUT);
			assertThat(e.getMessage()).contains("after 2 attempts", "required properties are missing: mood",
					"first 200 chars: {\"name\":\"Ada\"}");
		});
		assertThat(fake.chats).hasSize(2);
	}

	@Test
	void aRefusedKeyIsRejectedInputSayingSo() {
		var backend = backend(server.url("/").toString(), "sk-wrong", Map.of("model", FakeOpenAi.MODEL));

		assertThatThrownBy(() -> run(backend, text(null, null))).isInstanceOfSatisfying(BackendException.class, e -> {
			assertThat(e.kind()).isEqualTo(Kind.REJECTED_INPUT);
			assertThat(e.getMessage()).contains("the API key was refused", "Incorrect API key provided");
		});
		assertThat(backend.check().error()).contains("the API key was refused");
	}

	@Test
	void noKeyMeansNoAuthorizationHeader() {
		var backend = backend(server.url("/").toString(), null, Map.of("model", FakeOpenAi.MODEL));

		assertThatThrownBy(() -> run(backend, text(null, null))).isInstanceOfSatisfying(BackendException.class,
				e -> assertThat(e.getMessage()).contains("needs an API key"));
		assertThat(fake.chats.get(0).getHeaders().get("Authorization")).isNull();
	}

	@Test
	void anUnknownModelIsRejectedInput() {
		assertThatThrownBy(() -> run(text(null, "gpt-5-turbo-ultra"))).isInstanceOfSatisfying(BackendException.class,
				e -> {
					assertThat(e.kind()).isEqualTo(Kind.REJECTED_INPUT);
					assertThat(e.getMessage()).contains("has no model \"gpt-5-turbo-ultra\"", "/v1/models");
				});
	}

	@Test
	void aBaseUrlEndingInV1IsNotDoubled() throws Exception {
		run(backend(server.url("/v1").toString(), FakeOpenAi.KEY, Map.of("model", FakeOpenAi.MODEL)), text(null, null));
		run(backend(server.url("/v1/").toString(), FakeOpenAi.KEY, Map.of("model", FakeOpenAi.MODEL)), text(null, null));
		run(backend(server.url("/").toString(), FakeOpenAi.KEY, Map.of("model", FakeOpenAi.MODEL)), text(null, null));

		assertThat(fake.paths).containsOnly("/v1/chat/completions");
		assertThat(OpenAiBackend.v1(URI.create("https://api.groq.com/openai/v1")))
			.isEqualTo("https://api.groq.com/openai/v1");
		assertThat(OpenAiBackend.v1(URI.create("http://gpu:8080"))).isEqualTo("http://gpu:8080/v1");
	}

	@Test
	void rateLimitsAreRetryableAndQuoteRetryAfter() {
		fake.scripted.add(new MockResponse.Builder(FakeOpenAi.error(429,
				"Rate limit reached for requests", "requests", "rate_limit_exceeded"))
			.addHeader("Retry-After", "20")
			.build());

		assertThatThrownBy(() -> run(text(null, null))).isInstanceOfSatisfying(BackendException.class, e -> {
			assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR);
			assertThat(e.kind().retryable()).isTrue();
			assertThat(e.getMessage()).contains("Rate limit reached", "retry after 20 s");
		});
	}

	@Test
	void anErrorEventMidStreamIsAServerError() {
		fake.scripted.add(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
			.body("data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Ada\"},\"finish_reason\":null}]}\n\n"
					+ "data: {\"error\":{\"message\":\"CUDA error: out of memory\",\"type\":\"InternalServerError\",\"code\":500}}\n\n")
			.build());

		assertThatThrownBy(() -> run(text(null, null))).isInstanceOfSatisfying(BackendException.class,
				e -> assertThat(e.kind()).isEqualTo(Kind.OUT_OF_MEMORY));
	}

	@Test
	void aServerThatIgnoresStreamingStillWorks() throws Exception {
		fake.scripted.add(FakeOpenAi.json(200, """
				{"id":"chatcmpl-1","object":"chat.completion","created":1736500001,"model":"qwen2.5-7b-instruct",
				"choices":[{"index":0,"message":{"role":"assistant","content":"Hello!"},"finish_reason":"stop"}],
				"usage":{"prompt_tokens":31,"completion_tokens":3,"total_tokens":34}}"""));

		assertThat(run(text(null, null)).text()).isEqualTo("Hello!");
	}

	@Test
	void healthListsTheServedModels() {
		assertThat(backend().check().models()).containsExactly(FakeOpenAi.MODEL);
		var wrongDefault = backend(server.url("/").toString(), FakeOpenAi.KEY, Map.of("model", "llama-3-70b")).check();
		assertThat(wrongDefault.usable()).isFalse();
		assertThat(wrongDefault.error()).contains("llama-3-70b", FakeOpenAi.MODEL);
	}
}
