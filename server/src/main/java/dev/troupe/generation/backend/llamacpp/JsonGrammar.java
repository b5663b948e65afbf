package dev.troupe.generation.backend.llamacpp;

import java.util.Set;

import de.kherud.llama.LlamaModel;
import dev.troupe.generation.spi.BackendException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a task's JSON Schema into a llama.cpp GBNF grammar. llama.cpp's own converter
 * ({@link LlamaModel#jsonSchemaToGrammar}) is used only for schemas inside a subset checked here first, because
 * on anything it does not understand (malformed JSON, unknown types, dangling {@code $ref}, patterns without
 * {@code ^…$}) the native code aborts the whole JVM instead of throwing. Outside the subset the answer is still
 * forced to be a JSON object, and the caller validates it against the schema as it would for any server.
 */
final class JsonGrammar {

	/** Any JSON object (after llama.cpp's grammars/json.gbnf). */
	static final String ANY_OBJECT = """
			root   ::= object
			value  ::= object | array | string | number | ("true" | "false" | "null") ws
			object ::= "{" ws ( string ":" ws value ("," ws string ":" ws value)* )? "}" ws
			array  ::= "[" ws ( value ("," ws value)* )? "]" ws
			string ::= "\\"" ( [^"\\\\\\x7F\\x00-\\x1F] | "\\\\" (["\\\\/bfnrt] | "u" [0-9a-fA-F]{4}) )* "\\"" ws
			number ::= "-"? ([0-9] | [1-9] [0-9]{0,15}) ("." [0-9]+)? ([eE] [-+]? [0-9]{1,3})? ws
			ws     ::= | " " | "\\n" [ \\t]{0,20}
			""";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Set<String> TYPES = Set.of("object", "array", "string", "number", "integer", "boolean",
			"null");

	private JsonGrammar() {
	}

	/** The grammar for {@code schema}; REJECTED_INPUT when the schema is not a JSON object. */
	static String forSchema(String schema) throws BackendException {
		JsonNode root;
		try {
			root = JSON.readTree(schema);
		}
		catch (JacksonException ex) {
			throw new BackendException(BackendException.Kind.REJECTED_INPUT,
					"The task's JSON schema is not valid JSON: " + ex.getOriginalMessage());
		}
		if (root == null || !root.isObject()) {
			throw new BackendException(BackendException.Kind.REJECTED_INPUT,
					"The task's JSON schema must be a JSON object, got: " + abbreviate(schema));
		}
		return supported(root, root) ? LlamaModel.jsonSchemaToGrammar(root.toString()) : ANY_OBJECT;
	}

	/** True when llama.cpp's converter is known to handle {@code node} without aborting. */
	static boolean supported(JsonNode node, JsonNode root) {
		if (!node.isObject()) {
			return false;
		}
		if (node.isEmpty()) {
			return true;
		}
		if (node.has("pattern") || node.has("allOf") || node.has("patternProperties")) {
			return false;
		}
		for (var defs : new String[] { "$defs", "definitions" }) {
			if (node.has(defs) && !allSupported(node.get(defs).values(), root)) {
				return false;
			}
		}
		if (node.has("$ref")) {
			var ref = node.get("$ref").asString("");
			return ref.startsWith("#/") && !root.at(ref.substring(1)).isMissingNode();
		}
		if (node.has("anyOf") || node.has("oneOf")) {
			var options = node.has("anyOf") ? node.get("anyOf") : node.get("oneOf");
			return options.isArray() && !options.isEmpty() && allSupported(options.values(), root);
		}
		if (node.has("const") || node.has("enum")) {
			return !node.has("enum") || node.get("enum").isArray();
		}
		if (!knownType(node.get("type")) && !node.has("properties")) {
			return false;
		}
		if (node.has("properties") && !allSupported(node.get("properties").values(), root)) {
			return false;
		}
		var additional = node.get("additionalProperties");
		if (additional != null && !additional.isBoolean() && !supported(additional, root)) {
			return false;
		}
		if (node.has("items") && !supported(node.get("items"), root)) {
			return false;
		}
		return !node.has("prefixItems") || allSupported(node.get("prefixItems").values(), root);
	}

	private static boolean allSupported(Iterable<JsonNode> nodes, JsonNode root) {
		for (var child : nodes) {
			if (!supported(child, root)) {
				return false;
			}
		}
		return true;
	}

	private static boolean knownType(JsonNode type) {
		if (type == null) {
			return false;
		}
		if (type.isArray()) {
			if (type.isEmpty()) {
				return false;
			}
			for (var each : type.values()) {
				if (!TYPES.contains(each.asString(""))) {
					return false;
				}
			}
			return true;
		}
		return TYPES.contains(type.asString(""));
	}

	private static String abbreviate(String text) {
		return text.length() <= 80 ? text : text.substring(0, 80) + "…";
	}
}
