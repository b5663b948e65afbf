package dev.troupe.generation.backend.ollama;

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

/**
 * Text generation on an Ollama server through its native {@code POST /api/chat}, streamed as NDJSON so progress
 * moves and a cancel (closing the stream) stops the model. The native API rather than /v1 because only it takes
 * {@code num_ctx} and reports load and eval timings. Options: {@code model} (used when the task names none),
 * {@code keepAlive} (e.g. "10m", how long the model stays loaded) and {@code numCtx} (context length, whose
 * server default varies with the GPU).
 */
final class OllamaBackend extends ChatBackend {

	static final URI DEFAULT_URL = URI.create("http://localhost:11434");

	private final String base;

	OllamaBackend(BackendConfig config) {
		super(config, "Ollama at " + url(config));
		this.base = url(config).toString().replaceAll("/+$", "");
	}

	private static URI url(BackendConfig config) {
		return config.baseUrl() == null ? DEFAULT_URL : config.baseUrl();
	}

	@Override
	public BackendHealth check() {
		try {
			var version = http.get(URI.create(base + "/api/version"), Map.of());
			if (version.statusCode() != 200) {
				return new BackendHealth(true, null, List.of(), List.of(), null, http.server() + " answered "
						+ version.statusCode() + " to /api/version: is this an Ollama server?");
			}
			var tags = http.get(URI.create(base + "/api/tags"), Map.of());
			var models = new ArrayList<String>();
			ChatJson.tree(tags.body()).path("models").values()
				.forEach(m -> models.add(ChatJson.text(m.get("name"))));
			models.removeIf(m -> m == null);
			var versionText = ChatJson.text(ChatJson.tree(version.body()).get("version"));
			return new BackendHealth(true, versionText, models, List.of(), null, modelProblem(models));
		}
		catch (IOException | RuntimeException e) {
			return BackendHealth.down(http.unreachable(e) + ": check that Ollama is running and the URL is right");
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return BackendHealth.down(http.server() + ": health check interrupted");
		}
	}

	private String modelProblem(List<String> models) {
		if (models.isEmpty() && config().option("model", null) == null) {
			return http.server() + " has no models: run `ollama pull <model>` on that server";
		}
		var wanted = config().option("model", "");
		return defaultModelMissing(models, "run `ollama pull " + wanted + "` on that server");
	}

	/** Ollama treats "llama3" and "llama3:latest" as the same model. */
	@Override
	protected boolean sameModel(String listed, String wanted) {
		return withTag(listed).equals(withTag(wanted));
	}

	private static String withTag(String model) {
		var name = model.substring(model.lastIndexOf('/') + 1);
		return name.contains(":") ? model : model + ":latest";
	}

	@Override
	protected ChatAnswer chat(ChatRequest call, TokenProgress progress) throws BackendException {
		var task = call.task();
		var model = call.model();
		var body = ChatJson.MAPPER.createObjectNode();
		body.put("model", model);
		body.set("messages", ChatJson.messages(call.messages()));
		body.put("stream", true);
		if (call.schema() != null) {
			body.set("format", call.schema());
		}
		var options = body.putObject("options");
		options.put("temperature", task.temperature());
		if (task.maxTokens() > 0) {
			options.put("num_predict", task.maxTokens());
		}
		var numCtx = config().option("numCtx", null);
		if (numCtx != null) {
			options.put("num_ctx", number("numCtx", numCtx));
		}
		var keepAlive = config().option("keepAlive", null);
		if (keepAlive != null) {
			body.put("keep_alive", keepAlive);
		}
		var request = HttpRequest.newBuilder(URI.create(base + "/api/chat")).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(ChatJson.MAPPER.writeValueAsString(body)));
		try (var stream = http.open(call.key(), request, call.deadline())) {
			if (stream.status() != 200) {
				throw OllamaErrors.forStatus(http.server(), stream.status(), stream.readAll(), model);
			}
			return read(stream, model, progress);
		}
	}

	/** Reads NDJSON chunks until {@code done: true}; any line may instead be an error (the status is already 200). */
	private ChatAnswer read(ChatStream stream, String model, TokenProgress progress) throws BackendException {
		var content = new StringBuilder();
		var tokens = 0;
		String line;
		while ((line = stream.readLine()) != null) {
			if (line.isBlank()) {
				continue;
			}
			var chunk = ChatJson.parse(line);
			if (chunk == null) {
				throw new BackendException(Kind.SERVER_ERROR, http.server() + " sent a line that is not JSON: "
						+ line.substring(0, Math.min(line.length(), 200)));
			}
			var error = ChatJson.text(chunk.get("error"));
			if (error != null) {
				throw OllamaErrors.midStream(http.server(), error, model);
			}
			var message = chunk.path("message");
			var delta = ChatJson.text(message.get("content"));
			// thinking models stream their reasoning separately; it uses the token budget but is not the answer
			if ((delta != null && !delta.isEmpty()) || ChatJson.text(message.get("thinking")) != null) {
				tokens++;
			}
			if (delta != null) {
				content.append(delta);
			}
			if (chunk.path("done").asBoolean(false)) {
				return new ChatAnswer(content.toString(), "length".equals(ChatJson.text(chunk.get("done_reason"))),
						recipe(chunk, model));
			}
			progress.tokens(tokens);
		}
		throw new BackendException(Kind.SERVER_ERROR,
				http.server() + " ended the stream before the answer was done (the model runner may have crashed)");
	}

	/** The final chunk's facts; Ollama reports durations in nanoseconds. */
	private static Map<String, Object> recipe(JsonNode done, String requested) {
		var recipe = new HashMap<String, Object>();
		recipe.put("model", Objects.requireNonNullElse(ChatJson.text(done.get("model")), requested));
		var reason = ChatJson.text(done.get("done_reason"));
		if (reason != null) {
			recipe.put("doneReason", reason);
		}
		putLong(recipe, "promptTokens", done.get("prompt_eval_count"), 1);
		putLong(recipe, "completionTokens", done.get("eval_count"), 1);
		putLong(recipe, "totalDurationMs", done.get("total_duration"), 1_000_000);
		putLong(recipe, "loadDurationMs", done.get("load_duration"), 1_000_000);
		var evalCount = done.path("eval_count").asLong(0);
		var evalNanos = done.path("eval_duration").asLong(0);
		if (evalCount > 0 && evalNanos > 0) {
			recipe.put("tokensPerSecond", Math.round(evalCount * 1e10 / evalNanos) / 10.0);
		}
		return recipe;
	}

	private static void putLong(Map<String, Object> recipe, String key, JsonNode value, long divisor) {
		if (value != null && value.isNumber()) {
			recipe.put(key, value.asLong() / divisor);
		}
	}

	private static int number(String option, String value) throws BackendException {
		try {
			return Integer.parseInt(value.strip());
		}
		catch (NumberFormatException e) {
			throw new BackendException(Kind.REJECTED_INPUT,
					"The Ollama backend option \"" + option + "\" must be a whole number, not \"" + value + "\"");
		}
	}
}
