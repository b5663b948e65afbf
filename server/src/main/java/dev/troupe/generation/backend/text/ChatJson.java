package dev.troupe.generation.backend.text;

import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.MissingNode;

/** JSON helpers the chat adapters share: one mapper, message arrays and the error shapes servers answer with. */
public final class ChatJson {

	public static final JsonMapper MAPPER = StructuredOutput.JSON;

	private ChatJson() {
	}

	public static ArrayNode messages(List<ChatMessage> messages) {
		var array = MAPPER.createArrayNode();
		messages.forEach(m -> array.addObject().put("role", m.role()).put("content", m.content()));
		return array;
	}

	/** A stream line or body as a tree; null when it is not JSON. */
	public static JsonNode parse(String text) {
		try {
			return MAPPER.readTree(text);
		}
		catch (JacksonException e) {
			return null;
		}
	}

	/** Like {@link #parse} but never null, so health checks can walk a surprising answer with {@code path}. */
	public static JsonNode tree(String text) {
		var tree = parse(text == null ? "" : text);
		return tree == null ? MissingNode.getInstance() : tree;
	}

	/** The string at {@code node}, or null when absent or not a string. */
	public static String text(JsonNode node) {
		return node != null && node.isString() ? node.stringValue() : null;
	}

	/**
	 * The error a server answered with. Ollama sends {@code {"error": "..."}}, OpenAI and llama.cpp
	 * {@code {"error": {"message", "type", "code"}}}, vLLM {@code {"object": "error", "message", "type", "code"}};
	 * anything else (a proxy's HTML page) is quoted, shortened.
	 */
	public static ServerError error(String body) {
		var tree = parse(body == null ? "" : body);
		if (tree != null && tree.isObject()) {
			var error = tree.path("error");
			if (error.isString()) {
				return new ServerError(error.stringValue(), null, null);
			}
			var source = error.isObject() ? error : tree;
			var message = text(source.get("message"));
			if (message != null) {
				var code = source.path("code");
				return new ServerError(message, text(source.get("type")),
						code.isMissingNode() || code.isNull() ? null : code.asString());
			}
		}
		var raw = body == null || body.isBlank() ? "no details" : StructuredOutput.abbreviate(body, 300);
		return new ServerError(raw, null, null);
	}

	/** What a server said went wrong; {@code type} and {@code code} are null when it did not say. */
	public record ServerError(String message, String type, String code) {

		public boolean mentions(String... words) {
			var haystack = (message + " " + type + " " + code).toLowerCase();
			for (var word : words) {
				if (haystack.contains(word)) {
					return true;
				}
			}
			return false;
		}

		/** Messages servers use when the GPU or RAM is too small for the model or context. */
		public boolean outOfMemory() {
			return mentions("out of memory", "requires more system memory", "cudamalloc failed",
					"insufficient memory");
		}
	}
}
