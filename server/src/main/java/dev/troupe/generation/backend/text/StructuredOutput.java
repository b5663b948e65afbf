package dev.troupe.generation.backend.text;

import java.util.ArrayList;
import java.util.regex.Pattern;

import dev.troupe.generation.spi.BackendException;
import dev.troupe.generation.spi.BackendException.Kind;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON answer a task asked for with a schema. Servers constrain decoding to the schema, but models still
 * wrap answers in code fences, run out of tokens mid-object or ignore the constraint (servers without grammar
 * support), so every answer is checked here: it must parse and carry the schema's required top-level
 * properties. This is deliberately not a full JSON Schema validator; callers validate their own domain rules.
 */
public final class StructuredOutput {

	static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

	/** A fenced block anywhere in the answer: models like to add "Here is the JSON:" before it. */
	private static final Pattern FENCE = Pattern.compile("```[a-zA-Z]*\\s*\\n?(.*?)\\n?\\s*```", Pattern.DOTALL);

	private final JsonNode schema;

	private StructuredOutput(JsonNode schema) {
		this.schema = schema;
	}

	/** Parses the task's schema; a broken schema is the caller's bug, so it is refused before any request. */
	public static StructuredOutput of(String jsonSchema) throws BackendException {
		if (jsonSchema == null || jsonSchema.isBlank()) {
			return new StructuredOutput(null);
		}
		try {
			var schema = JSON.readTree(jsonSchema);
			if (!schema.isObject()) {
				throw new BackendException(Kind.REJECTED_INPUT,
						"The requested JSON schema must be a JSON object, got: " + abbreviate(jsonSchema, 80));
			}
			return new StructuredOutput(schema);
		}
		catch (JacksonException e) {
			throw new BackendException(Kind.REJECTED_INPUT,
					"The requested JSON schema is not valid JSON: " + describe(e), e);
		}
	}

	public boolean requested() {
		return schema != null;
	}

	/** The schema as a tree, for request bodies; null when free text was asked for. */
	public JsonNode schema() {
		return schema;
	}

	/**
	 * The JSON document in a model's answer (fences and surrounding blanks removed).
	 * @throws InvalidAnswer saying what is wrong, in words fit to quote back to the model
	 */
	public String extract(String answer) throws InvalidAnswer {
		var text = unfence(answer == null ? "" : answer);
		if (text.isEmpty()) {
			throw new InvalidAnswer("the answer was empty");
		}
		JsonNode document;
		try {
			document = JSON.readTree(text);
		}
		catch (JacksonException e) {
			throw new InvalidAnswer(describe(e));
		}
		checkShape(document);
		return text;
	}

	private void checkShape(JsonNode document) throws InvalidAnswer {
		var type = schema.path("type");
		if (type.isString() && "object".equals(type.stringValue()) && !document.isObject()) {
			throw new InvalidAnswer("expected a JSON object but got " + document.getNodeType().name().toLowerCase());
		}
		if (!document.isObject()) {
			return;
		}
		var missing = new ArrayList<String>();
		for (var required : schema.path("required").values()) {
			if (required.isString() && !document.has(required.stringValue())) {
				missing.add(required.stringValue());
			}
		}
		if (!missing.isEmpty()) {
			throw new InvalidAnswer("required properties are missing: " + String.join(", ", missing));
		}
	}

	/** The extra user turn of the second attempt: quotes the error and repeats the schema. */
	public String retryPrompt(String error) {
		return "Your previous answer was not valid JSON for the requested schema: " + error + ".\n"
				+ "Answer again with only the JSON document (no prose, no code fences) matching this JSON schema:\n"
				+ JSON.writeValueAsString(schema);
	}

	static String unfence(String answer) {
		var matcher = FENCE.matcher(answer);
		return (matcher.find() ? matcher.group(1) : answer).strip();
	}

	static String describe(JacksonException e) {
		var location = e.getLocation();
		var where = location == null || location.getLineNr() < 0 ? ""
				: " at line " + location.getLineNr() + ", column " + location.getColumnNr();
		return e.getOriginalMessage() + where;
	}

	static String abbreviate(String text, int max) {
		var oneLine = text.replaceAll("\\s+", " ").strip();
		return oneLine.length() <= max ? oneLine : oneLine.substring(0, max) + "…";
	}

	/** An answer that is not the JSON the schema asked for; the message can be shown to the model and the user. */
	public static final class InvalidAnswer extends Exception {

		InvalidAnswer(String message) {
			super(message);
		}
	}
}
