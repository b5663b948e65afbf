package dev.troupe.generation.backend.ollama;

import java.util.regex.Pattern;

import dev.troupe.generation.backend.text.ChatJson;
import dev.troupe.generation.spi.BackendException;
import dev.troupe.generation.spi.BackendException.Kind;

/** Maps Ollama's {@code {"error": "..."}} answers to typed failures that tell the user what to do. */
final class OllamaErrors {

	/** Older releases quote the name with ", newer ones with '. */
	private static final Pattern MODEL_NOT_FOUND = Pattern.compile("model [\"']?([^\"'\\s]+)[\"']? not found");

	private OllamaErrors() {
	}

	static BackendException forStatus(String server, int status, String body, String model) {
		var error = ChatJson.error(body);
		var notFound = MODEL_NOT_FOUND.matcher(error.message());
		var named = notFound.find();
		if (status == 404 && (named || error.mentions("not found"))) {
			var name = named ? notFound.group(1) : model;
			return new BackendException(Kind.REJECTED_INPUT, server + " has no model \"" + name + "\": run `ollama pull "
					+ name + "` on that server, or choose a model it has (" + error.message() + ")");
		}
		if (error.outOfMemory()) {
			return new BackendException(Kind.OUT_OF_MEMORY,
					server + " has too little memory for model \"" + model + "\": " + error.message());
		}
		if (status == 429 || status == 503) {
			// OLLAMA_MAX_QUEUE is full: another server (or this one later) can take the job
			return new BackendException(Kind.SERVER_ERROR, server + " is busy (" + status + "): " + error.message());
		}
		if (status >= 500) {
			return new BackendException(Kind.SERVER_ERROR,
					server + " failed with " + status + ": " + error.message());
		}
		return new BackendException(Kind.REJECTED_INPUT,
				server + " refused the request (" + status + "): " + error.message());
	}

	/** An {@code {"error": ...}} line in a stream that started fine: the runner crashed or ran out of memory. */
	static BackendException midStream(String server, String message, String model) {
		var error = new ChatJson.ServerError(message, null, null);
		var kind = error.outOfMemory() ? Kind.OUT_OF_MEMORY : Kind.SERVER_ERROR;
		return new BackendException(kind,
				server + " failed while generating with model \"" + model + "\": " + message);
	}
}
