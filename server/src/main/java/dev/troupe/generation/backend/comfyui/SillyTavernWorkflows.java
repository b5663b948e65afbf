package dev.troupe.generation.backend.comfyui;

import java.util.Map;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * SillyTavern's ComfyUI workflows (API format with {@code "%prompt%"}-style placeholders as input values) turned
 * into Troupe templates without editing: each placeholder becomes a binding to the input it stands in and gets a
 * plain default value. {@code %scale%} is the CFG, {@code %model%} the checkpoint, {@code %char_avatar%} the
 * character's reference image and {@code %user_avatar%} the source image; {@code %sampler%},
 * {@code %scheduler%} and {@code %clip_skip%} (which Troupe does not set per job) become euler, normal and -1.
 */
final class SillyTavernWorkflows {

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final Pattern WHOLE = Pattern.compile("^%([a-z_]+)%$");
	private static final Pattern ANY = Pattern.compile("%([a-z_]+)%");

	/** Placeholder → Troupe binding (null: only a default) and the default written into the workflow. */
	private static final Map<String, Object[]> PLACEHOLDERS = Map.ofEntries(
			Map.entry("prompt", new Object[] { "prompt", "" }),
			Map.entry("negative_prompt", new Object[] { "negative_prompt", "" }),
			Map.entry("seed", new Object[] { "seed", 0 }),
			Map.entry("steps", new Object[] { "steps", 20 }),
			Map.entry("scale", new Object[] { "cfg", 7.0 }),
			Map.entry("width", new Object[] { "width", 1024 }),
			Map.entry("height", new Object[] { "height", 1024 }),
			Map.entry("model", new Object[] { "checkpoint", "" }),
			Map.entry("denoise", new Object[] { "denoise", 1.0 }),
			Map.entry("char_avatar", new Object[] { "reference_image", "reference.png" }),
			Map.entry("user_avatar", new Object[] { "source_image", "source.png" }),
			Map.entry("sampler", new Object[] { null, "euler" }),
			Map.entry("scheduler", new Object[] { null, "normal" }),
			Map.entry("clip_skip", new Object[] { null, -1 }));

	private SillyTavernWorkflows() {
	}

	/**
	 * The template JSON to import: a Troupe template as is; a SillyTavern workflow (bare, with {@code name} from
	 * the request, or wrapped as the template's {@code workflow} without bindings) converted.
	 */
	static String normalise(String json, String name) throws TemplateException {
		JsonNode root;
		try {
			root = JSON.readTree(json);
		}
		catch (JacksonException e) {
			return json; // WorkflowTemplate.parse names the syntax error
		}
		if (root == null || !root.isObject()) {
			return json;
		}
		var bare = !root.has("workflow") && root.size() > 0
				&& root.properties().stream().allMatch(e -> e.getValue().has("class_type"));
		var workflow = bare ? root : root.path("workflow");
		if (!workflow.isObject() || (!bare && root.has("bindings")) || !ANY.matcher(workflow.toString()).find()) {
			return json;
		}
		var template = bare ? JSON.createObjectNode() : (ObjectNode) root.deepCopy();
		if (bare) {
			if (name == null || name.isBlank()) {
				throw new TemplateException("name", "give the SillyTavern workflow a name (?name=…)");
			}
			template.put("name", name.trim()).put("description", "Imported SillyTavern ComfyUI workflow");
		}
		if (!template.has("modality")) {
			template.put("modality", "IMAGE");
		}
		var converted = (ObjectNode) workflow.deepCopy();
		var bindingsNode = template.putObject("bindings");
		for (var node : converted.properties()) {
			var inputs = node.getValue().path("inputs");
			if (!(inputs instanceof ObjectNode in)) {
				continue;
			}
			for (var input : in.properties()) {
				if (!input.getValue().isString()) {
					continue;
				}
				var value = input.getValue().asString();
				var field = "workflow." + node.getKey() + ".inputs." + input.getKey();
				var whole = WHOLE.matcher(value);
				if (!whole.matches()) {
					var embedded = ANY.matcher(value);
					if (embedded.find() && PLACEHOLDERS.containsKey(embedded.group(1))) {
						throw new TemplateException(field, "%" + embedded.group(1) + "% must be the whole value of the input");
					}
					continue;
				}
				var known = PLACEHOLDERS.get(whole.group(1));
				if (known == null) {
					throw new TemplateException(field, "%" + whole.group(1) + "% is not a SillyTavern placeholder Troupe knows "
							+ "(known: " + new java.util.TreeSet<>(PLACEHOLDERS.keySet()) + ")");
				}
				if (known[0] != null) {
					var key = (String) known[0];
					var list = bindingsNode.get(key) instanceof ArrayNode existing ? existing : bindingsNode.putArray(key);
					list.addObject().put("node", node.getKey()).put("input", input.getKey());
				}
				in.set(input.getKey(), JSON.valueToTree(known[1]));
			}
		}
		template.set("workflow", converted);
		return template.toString();
	}
}
