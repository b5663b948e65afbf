package dev.troupe.generation.backend.openai;

import java.net.http.HttpHeaders;

import dev.troupe.generation.backend.text.ChatJson;
import dev.troupe.generation.spi.BackendException;
import dev.troupe.generation.spi.BackendException.Kind;

/** Maps {@code {"error": {"message", "type", "code"}}} answers to typed failures that tell the user what to do. */
final class OpenAiErrors {

	private OpenAiErrors() {
	}

	static BackendException forStatus(String server, int status, HttpHeaders headers, String body, String model,
			boolean keySet) {
		var error = ChatJson.error(body);
		var said = " (" + status + ": " + error.message() + ")";
		return switch (status) {
			case 401 -> new BackendException(Kind.REJECTED_INPUT, keySet
					? server + ": the API key was refused" + said + "; check the key in the backend's settings"
					: server + " needs an API key" + said + "; set one in the backend's settings");
			case 403 -> new BackendException(Kind.REJECTED_INPUT,
					server + " refused access" + said + "; the API key may lack permission for model \"" + model + "\"");
			case 404 -> error.mentions("model")
					? new BackendException(Kind.REJECTED_INPUT, server + " has no model \"" + model + "\"" + said
							+ "; choose one the server lists at /v1/models")
					: new BackendException(Kind.REJECTED_INPUT, server + " has no chat completions endpoint" + said
							+ "; check the base URL");
			// rate limits and full queues pass: another backend, or this one a little later, can take the job
			case 429 -> new BackendException(Kind.SERVER_ERROR, server + " is rate limiting requests" + said
					+ headers.firstValue("retry-after").map(s -> "; it asks to retry after " + s + " s").orElse(""));
			default -> other(server, status, error, said, model);
		};
	}

	private static BackendException other(String server, int status, ChatJson.ServerError error, String said,
			String model) {
		if (error.outOfMemory()) {
			return new BackendException(Kind.OUT_OF_MEMORY, server + " has too little memory for model \"" + model
					+ "\"" + said);
		}
		if (status >= 500) {
			return new BackendException(Kind.SERVER_ERROR, server + " failed" + said);
		}
		return new BackendException(Kind.REJECTED_INPUT, server + " refused the request" + said);
	}

	/** A {@code data: {"error": ...}} event after the stream started: the server failed mid-answer. */
	static BackendException midStream(String server, ChatJson.ServerError error, String model) {
		var kind = error.outOfMemory() ? Kind.OUT_OF_MEMORY : Kind.SERVER_ERROR;
		return new BackendException(kind,
				server + " failed while generating with model \"" + model + "\": " + error.message());
	}
}
