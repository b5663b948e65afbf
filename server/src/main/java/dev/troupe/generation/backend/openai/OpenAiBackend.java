package dev.troupe.generation.backend.openai;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.troupe.generation.backend.text.ChatAnswer;
import dev.troupe.generation.backend.text.ChatBackend;
import dev.troupe.generation.backend.text.ChatJson;
import dev.troupe.generation.backend.text.ChatStream;
import dev.troupe.generation.backend.text.TokenProgress;
import dev.troupe.generation.spi.BackendConfig;
import dev.troupe.generation.spi.BackendException;
import dev.troupe.generation.spi.BackendException.Kind;
import dev.troupe.generation.spi.BackendHealth;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Text generation on any server speaking the OpenAI chat completions API, streamed as server-sent events.
 * Options: {@code model} (used when the task names none), {@code strictSchema} ("false" for servers that refuse
 * OpenAI's strict mode, which requires every property listed as required and no additional properties) and
 * {@code includeUsage} ("false" for old servers that refuse {@code stream_options}).
 */
final class OpenAiBackend extends ChatBackend {

	private final String v1;
	private final String apiKey;

	OpenAiBackend(BackendConfig config) {
		super(config, "The OpenAI-compatible server at " + Objects.requireNonNull(config.baseUrl(),
				"An openai backend needs a base URL, e.g. http://localhost:8000/v1"));
		this.v1 = v1(config.baseUrl());
		this.apiKey = config.apiKey() == null || config.apiKey().isBlank() ? null : config.apiKey();
	}

	/** People paste either "http://host:8000" or "http://host:8000/v1" (as the provider's docs show): accept both. */
	static String v1(URI baseUrl) {
		var base = baseUrl.toString().replaceAll("/+$", "");
		return base.endsWith("/v1") ? base : base + "/v1";
	}

	@Override
	public BackendHealth check() {
		try {
			var response = http.get(URI.create(v1 + "/models"), authorization());
			if (response.statusCode() == 401 || response.statusCode() == 403) {
				return new BackendHealth(true, null, List.of(), List.of(), null, http.server()
						+ ": the API key was refused (" + ChatJson.error(response.body()).message() + ")");
			}
			if (response.statusCode() != 200) {
				return new BackendHealth(true, null, List.of(), List.of(), null, http.server() + " answered "
						+ response.statusCode() + " to " + v1 + "/models: check the base URL");
			}
			var models = new ArrayList<String>();
			ChatJson.tree(response.body()).path("data").values().forEach(m -> models.add(ChatJson.text(m.get("id"))));
			models.removeIf(Objects::isNull);
			return new BackendHealth(true, null, models, List.of(), null,
					defaultModelMissing(models, "choose one of " + String.join(", ", models)));
		}
		catch (IOException | RuntimeException e) {
			return BackendHealth.down(http.unreachable(e) + ": check that it is running and the URL is right");
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return BackendHealth.down(http.server() + ": health check interrupted");
		}
	}

	private Map<String, String> authorization() {
		return apiKey == null ? Map.of() : Map.of("Authorization", "Bearer " + apiKey);
	}

	@Override
	protected ChatAnswer chat(ChatRequest call, TokenProgress progress) throws BackendException {
		var request = HttpRequest.newBuilder(URI.create(v1 + "/chat/completions"))
			.header("Content-Type", "application/json")
			.header("Accept", "text/event-stream")
			.POST(HttpRequest.BodyPublishers.ofString(ChatJson.MAPPER.writeValueAsString(body(call))));
		authorization().forEach(request::header);
		try (var stream = http.open(call.key(), request, call.deadline())) {
			if (stream.status() != 200) {
				throw OpenAiErrors.forStatus(http.server(), stream.status(), stream.headers(), stream.readAll(),
						call.model(), apiKey != null);
			}
			// a server that ignores "stream" answers one JSON document; take it rather than fail
			var type = stream.headers().firstValue("Content-Type").orElse("");
			return type.startsWith("application/json") ? whole(stream, call.model()) : read(stream, call, progress);
		}
	}

	private ObjectNode body(ChatRequest call) {
		var body = ChatJson.MAPPER.createObjectNode();
		body.put("model", call.model());
		body.set("messages", ChatJson.messages(call.messages()));
		body.put("stream", true);
		if (Boolean.parseBoolean(config().option("includeUsage", "true"))) {
			// token counts arrive in a last chunk only when asked for
			body.putObject("stream_options").put("include_usage", true);
		}
		body.put("temperature", call.task().temperature());
		if (call.task().maxTokens() > 0) {
			body.put("max_tokens", call.task().maxTokens());
		}
		if (call.schema() != null) {
			var format = body.putObject("response_format").put("type", "json_schema").putObject("json_schema");
			format.put("name", "troupe_output");
			format.set("schema", call.schema());
			format.put("strict", Boolean.parseBoolean(config().option("strictSchema", "true")));
		}
		return body;
	}

	/** Reads {@code data:} events until {@code [DONE]}; comments and other SSE fields are keep-alives. */
	private ChatAnswer read(ChatStream stream, ChatRequest call, TokenProgress progress) throws BackendException {
		var content = new StringBuilder();
		var recipe = new HashMap<String, Object>();
		recipe.put("model", call.model());
		String finish = null;
		var tokens = 0;
		String line;
		while ((line = stream.readLine()) != null) {
			if (!line.startsWith("data:")) {
				continue;
			}
			var data = line.substring(5).strip();
			if (data.equals("[DONE]")) {
				return answer(content, finish, recipe);
			}
			var chunk = ChatJson.parse(data);
			if (chunk == null) {
				throw new BackendException(Kind.SERVER_ERROR,
						http.server() + " sent an event that is not JSON: " + data.substring(0, Math.min(200, data.length())));
			}
			if (chunk.has("error")) {
				throw OpenAiErrors.midStream(http.server(), ChatJson.error(data), call.model());
			}
			var choice = chunk.path("choices").path(0);
			var delta = ChatJson.text(choice.path("delta").get("content"));
			// reasoning models (vLLM, llama.cpp) stream their thinking separately; it uses the token budget
			if ((delta != null && !delta.isEmpty()) || ChatJson.text(choice.path("delta").get("reasoning_content")) != null) {
				tokens++;
				progress.tokens(tokens);
			}
			if (delta != null) {
				content.append(delta);
			}
			var reason = ChatJson.text(choice.get("finish_reason"));
			finish = reason != null ? reason : finish;
			facts(chunk, recipe);
		}
		// llama.cpp before 2024 ended without [DONE]; a finish reason says the answer is complete all the same
		if (finish != null) {
			return answer(content, finish, recipe);
		}
		throw new BackendException(Kind.SERVER_ERROR, http.server() + " ended the stream before the answer was done");
	}

	private ChatAnswer whole(ChatStream stream, String model) throws BackendException {
		var completion = ChatJson.tree(stream.readAll());
		var choice = completion.path("choices").path(0);
		var recipe = new HashMap<String, Object>();
		recipe.put("model", model);
		facts(completion, recipe);
		return answer(new StringBuilder(Objects.requireNonNullElse(ChatJson.text(choice.path("message").get("content")), "")),
				ChatJson.text(choice.get("finish_reason")), recipe);
	}

	/** Model actually used, token counts, and llama.cpp's own speed figure when it sends one. */
	private static void facts(JsonNode chunk, Map<String, Object> recipe) {
		var model = ChatJson.text(chunk.get("model"));
		if (model != null && !model.isBlank()) {
			recipe.put("model", model);
		}
		var usage = chunk.path("usage");
		if (usage.path("prompt_tokens").isNumber()) {
			recipe.put("promptTokens", usage.path("prompt_tokens").asLong());
		}
		if (usage.path("completion_tokens").isNumber()) {
			recipe.put("completionTokens", usage.path("completion_tokens").asLong());
		}
		var speed = chunk.path("timings").path("predicted_per_second");
		if (speed.isNumber()) {
			recipe.put("tokensPerSecond", Math.round(speed.asDouble() * 10) / 10.0);
		}
	}

	private static ChatAnswer answer(StringBuilder content, String finish, Map<String, Object> recipe) {
		if (finish != null) {
			recipe.put("finishReason", finish);
		}
		return new ChatAnswer(content.toString(), "length".equals(finish), recipe);
	}
}
