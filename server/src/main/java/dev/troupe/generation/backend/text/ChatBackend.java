package dev.troupe.generation.backend.text;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.troupe.generation.spi.BackendConfig;
import dev.troupe.generation.spi.BackendException;
import dev.troupe.generation.spi.BackendException.Kind;
import dev.troupe.generation.spi.GenerationBackend;
import dev.troupe.generation.spi.GenerationResult;
import dev.troupe.generation.spi.GenerationTask;
import dev.troupe.generation.spi.GenerationTask.TextTask;
import dev.troupe.generation.spi.Modality;
import dev.troupe.generation.spi.ProgressListener;
import dev.troupe.generation.spi.RemoteJob;
import tools.jackson.databind.JsonNode;

/**
 * The job handling chat servers share. They have no job queue to come back to, so {@link #submit} only checks
 * the task and {@link #await} runs the whole streamed request (after a restart it simply runs again); a cancel
 * closes the stream, which makes the server stop generating. Subclasses speak their server's protocol in
 * {@link #chat}.
 */
public abstract class ChatBackend implements GenerationBackend {

	private static final String CALL = "call";

	private final BackendConfig config;
	protected final ChatHttp http;

	protected ChatBackend(BackendConfig config, String server) {
		this.config = config;
		this.http = new ChatHttp(server);
	}

	/** One streamed chat request of a task; {@code key} registers the stream for {@link #cancel}. */
	protected record ChatRequest(String key, String model, TextTask task, JsonNode schema, List<ChatMessage> messages,
			Instant deadline) {
	}

	protected abstract ChatAnswer chat(ChatRequest request, TokenProgress progress) throws BackendException;

	@Override
	public BackendConfig config() {
		return config;
	}

	@Override
	public Set<Modality> modalities() {
		return Set.of(Modality.TEXT);
	}

	@Override
	public RemoteJob submit(GenerationTask task) throws BackendException {
		var text = textTask(task);
		var model = model(text);
		StructuredOutput.of(text.jsonSchema());
		return new RemoteJob(config.id(), null, Map.of(CALL, UUID.randomUUID().toString(), "model", model));
	}

	@Override
	public GenerationResult await(RemoteJob job, GenerationTask task, ProgressListener progress, Duration timeout)
			throws BackendException {
		var text = textTask(task);
		var model = model(text);
		var schema = StructuredOutput.of(text.jsonSchema()).schema();
		var deadline = Instant.now().plus(timeout);
		var key = job.state().getOrDefault(CALL, UUID.randomUUID().toString());
		return TextGeneration.run(text,
				(messages, tokens) -> chat(new ChatRequest(key, model, text, schema, messages, deadline), tokens),
				progress);
	}

	@Override
	public void cancel(RemoteJob job) {
		var key = job.state().get(CALL);
		if (key != null) {
			http.cancel(key);
		}
	}

	private TextTask textTask(GenerationTask task) throws BackendException {
		if (task instanceof TextTask text) {
			return text;
		}
		throw new BackendException(Kind.REJECTED_INPUT,
				http.server() + " only generates text, not " + task.modality().name().toLowerCase());
	}

	private String model(TextTask task) throws BackendException {
		var model = task.model() != null && !task.model().isBlank() ? task.model() : config.option("model", null);
		if (model == null) {
			throw new BackendException(Kind.REJECTED_INPUT, "No model for " + http.server()
					+ ": name one in the request or set the backend's \"model\" option");
		}
		return model;
	}

	/** The configured default model must exist on the server; models named by tasks are checked when they run. */
	protected String defaultModelMissing(List<String> models, String advice) {
		var wanted = config.option("model", null);
		if (wanted == null || models.stream().anyMatch(m -> sameModel(m, wanted))) {
			return null;
		}
		return http.server() + " has no model \"" + wanted + "\": " + advice;
	}

	protected boolean sameModel(String listed, String wanted) {
		return listed.equals(wanted);
	}
}
