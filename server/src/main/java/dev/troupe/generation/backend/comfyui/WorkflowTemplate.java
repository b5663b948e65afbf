package dev.troupe.generation.backend.comfyui;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.troupe.generation.spi.BackendException;
import dev.troupe.generation.spi.BackendException.Kind;
import dev.troupe.generation.spi.GenerationTask;
import dev.troupe.generation.spi.GenerationTask.ImageTask;
import dev.troupe.generation.spi.GenerationTask.InputFile;
import dev.troupe.generation.spi.GenerationTask.Lora;
import dev.troupe.generation.spi.GenerationTask.VideoTask;
import dev.troupe.generation.spi.Modality;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A ComfyUI workflow in API format plus bindings saying which node inputs receive the task's values. The
 * workflow itself stays exactly as exported from ComfyUI, so owners can round-trip it through the ComfyUI editor;
 * Troupe only writes the bound inputs.
 *
 * <p>File format: {@code {"name","description","modality":"IMAGE|VIDEO","bindings":{"prompt":[{"node":"6",
 * "input":"text"}],…,"lora":[{"node":"10","input":"lora_name","strengthInput":"strength_model",
 * "clipStrengthInput":"strength_clip"}]},"workflow":{…}}}. A binding is one object or a list of them.
 */
public final class WorkflowTemplate {

	/** Where one task value goes. {@code strengthInput}/{@code clipStrengthInput} are only used by LoRA slots. */
	public record Binding(String node, String input, String strengthInput, String clipStrengthInput) {
	}

	/** The task values a template can bind. */
	public static final Set<String> BINDING_NAMES = Set.of("prompt", "negative_prompt", "seed", "width", "height",
			"steps", "cfg", "checkpoint", "lora", "reference_image", "source_image", "frames", "fps", "denoise",
			"batch_size");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String name;
	private final String description;
	private final Modality modality;
	private final Map<String, List<Binding>> bindings;
	private final ObjectNode workflow;
	private final String sha256;

	private WorkflowTemplate(String name, String description, Modality modality, Map<String, List<Binding>> bindings,
			ObjectNode workflow, String sha256) {
		this.name = name;
		this.description = description;
		this.modality = modality;
		this.bindings = bindings;
		this.workflow = workflow;
		this.sha256 = sha256;
	}

	public static WorkflowTemplate parse(String json) throws TemplateException {
		JsonNode root;
		try {
			root = JSON.readTree(json);
		}
		catch (JacksonException e) {
			throw new TemplateException("template", "is not valid JSON: " + e.getOriginalMessage());
		}
		if (root == null || !root.isObject()) {
			throw new TemplateException("template", "must be a JSON object with name, modality, bindings and workflow");
		}
		if (looksLikeUiFormat(root)) {
			throw uiFormat("workflow");
		}
		var name = root.path("name").asString("").trim();
		if (name.isEmpty()) {
			throw new TemplateException("name", "is required");
		}
		if (name.length() > 100) {
			throw new TemplateException("name", "must be at most 100 characters");
		}
		Modality modality;
		try {
			modality = Modality.valueOf(root.path("modality").asString(""));
		}
		catch (IllegalArgumentException e) {
			modality = null;
		}
		if (modality != Modality.IMAGE && modality != Modality.VIDEO) {
			throw new TemplateException("modality", "must be IMAGE or VIDEO");
		}
		var workflow = validateWorkflow(root.path("workflow"));
		var bindings = parseBindings(root.path("bindings"), workflow);
		return new WorkflowTemplate(name, root.path("description").asString(""), modality, bindings, workflow,
				digest(canonical(root)));
	}

	private static boolean looksLikeUiFormat(JsonNode node) {
		return node.path("nodes").isArray() && node.path("links").isArray();
	}

	private static TemplateException uiFormat(String field) {
		return new TemplateException(field,
				"This is a UI-format workflow: in ComfyUI enable dev mode and use 'Save (API Format)'");
	}

	private static ObjectNode validateWorkflow(JsonNode workflow) throws TemplateException {
		if (looksLikeUiFormat(workflow)) {
			throw uiFormat("workflow");
		}
		if (!workflow.isObject() || workflow.isEmpty()) {
			throw new TemplateException("workflow", "must be a non-empty API-format object (node id → node)");
		}
		for (var node : workflow.properties()) {
			var value = node.getValue();
			if (!value.isObject() || !value.path("class_type").isString() || !value.path("inputs").isObject()) {
				throw new TemplateException("workflow." + node.getKey(),
						"is not an API-format node (needs class_type and inputs); export with 'Save (API Format)'");
			}
			for (var input : value.path("inputs").properties()) {
				var link = input.getValue();
				// A two-element [id, slot] array is a link; a dangling one would only fail later on the server.
				if (link.isArray() && link.size() == 2 && link.get(0).isString() && link.get(1).isIntegralNumber()
						&& !workflow.has(link.get(0).asString())) {
					throw new TemplateException("workflow." + node.getKey() + ".inputs." + input.getKey(),
							"links to node " + link.get(0).asString() + ", which is not in the workflow");
				}
			}
		}
		return (ObjectNode) workflow;
	}

	private static Map<String, List<Binding>> parseBindings(JsonNode node, ObjectNode workflow) throws TemplateException {
		if (!node.isMissingNode() && !node.isObject()) {
			throw new TemplateException("bindings", "must be an object");
		}
		var result = new LinkedHashMap<String, List<Binding>>();
		for (var entry : node.properties()) {
			var bindingName = entry.getKey();
			if (!BINDING_NAMES.contains(bindingName)) {
				throw new TemplateException("bindings." + bindingName,
						"is not a known binding (known: " + new TreeSet<>(BINDING_NAMES) + ")");
			}
			var items = entry.getValue().isArray() ? entry.getValue() : JSON.createArrayNode().add(entry.getValue());
			var list = new ArrayList<Binding>();
			for (int i = 0; i < items.size(); i++) {
				var field = "bindings." + bindingName + "[" + i + "]";
				var item = items.get(i);
				var binding = new Binding(item.path("node").asString(null), item.path("input").asString(null),
						item.path("strengthInput").asString(null), item.path("clipStrengthInput").asString(null));
				if (binding.node() == null || binding.input() == null) {
					throw new TemplateException(field, "needs \"node\" and \"input\"");
				}
				if (!workflow.has(binding.node())) {
					throw new TemplateException(field, "points at node " + binding.node() + ", which is not in the workflow");
				}
				var inputs = workflow.get(binding.node()).path("inputs");
				var classType = workflow.get(binding.node()).path("class_type").asString();
				for (var input : new String[] { binding.input(), binding.strengthInput(), binding.clipStrengthInput() }) {
					if (input != null && !inputs.has(input)) {
						throw new TemplateException(field, "points at input '" + input + "' of node " + binding.node()
								+ " (" + classType + "), which has no such input");
					}
				}
				if (bindingName.equals("lora") && binding.strengthInput() == null) {
					throw new TemplateException(field, "a LoRA slot needs \"strengthInput\" (e.g. strength_model)");
				}
				list.add(binding);
			}
			result.put(bindingName, List.copyOf(list));
		}
		return Map.copyOf(result);
	}

	public String name() {
		return name;
	}

	public String description() {
		return description;
	}

	public Modality modality() {
		return modality;
	}

	public Map<String, List<Binding>> bindings() {
		return bindings;
	}

	/** A copy of the API-format workflow as stored. */
	public ObjectNode workflow() {
		return workflow.deepCopy();
	}

	/** Hex SHA-256 of the canonical (key-sorted, compact) template: identifies exactly what ran, for recipes. */
	public String sha256() {
		return sha256;
	}

	/** Every node class the workflow uses: what the server must have installed. */
	public Set<String> classTypes() {
		var types = new TreeSet<String>();
		workflow.properties().forEach(e -> types.add(e.getValue().path("class_type").asString()));
		return types;
	}

	/** Node id → "title" ({@code _meta.title}) or class, for progress messages. */
	public Map<String, String> nodeLabels() {
		var labels = new LinkedHashMap<String, String>();
		for (var e : workflow.properties()) {
			var node = e.getValue();
			labels.put(e.getKey(), node.path("_meta").path("title").asString(node.path("class_type").asString()));
		}
		return labels;
	}

	/**
	 * How many of the task's reference images this template uses: one per {@code reference_image} slot (several
	 * LoadImage nodes batched into IP-Adapter take several faces), never more than there are references.
	 */
	public int referencesUsed(int references) {
		return Math.min(references, bindings.getOrDefault("reference_image", List.of()).size());
	}

	/** The upload key of the i-th reference image: "reference_image", then "reference_image.1", "reference_image.2"… */
	public static String referenceKey(int i) {
		return i == 0 ? "reference_image" : "reference_image." + i;
	}

	public int loraSlots() {
		return bindings.getOrDefault("lora", List.of()).size();
	}

	public ObjectNode fill(GenerationTask task, Map<String, String> uploadedNames) throws BackendException {
		return fill(task, uploadedNames, null);
	}

	/**
	 * The prompt to queue: the workflow with the task's values written into the bound inputs. Unset task values
	 * (0, null, blank) keep the template's own value. {@code uploadedNames} maps {@code reference_image} /
	 * {@code source_image} to the names the server gave the uploads; {@code defaultCheckpoint} is used when the
	 * task names none.
	 */
	public ObjectNode fill(GenerationTask task, Map<String, String> uploadedNames, String defaultCheckpoint)
			throws BackendException {
		var prompt = workflow.deepCopy();
		if (task instanceof ImageTask image) {
			setText(prompt, "prompt", image.prompt());
			setText(prompt, "negative_prompt", image.negativePrompt());
			setNumber(prompt, "seed", image.seed() & Long.MAX_VALUE);
			setPositive(prompt, "width", image.width());
			setPositive(prompt, "height", image.height());
			setPositive(prompt, "steps", image.steps());
			if (image.cfg() > 0) {
				setNumber(prompt, "cfg", image.cfg());
			}
			if (image.denoise() > 0) {
				setNumber(prompt, "denoise", image.denoise());
			}
			setPositive(prompt, "batch_size", image.count());
			setText(prompt, "checkpoint", orDefault(image.checkpoint(), defaultCheckpoint));
			applyLoras(prompt, image.loras());
			bindReferences(prompt, image.references(), uploadedNames);
			bindFile(prompt, "source_image", image.initImage(), uploadedNames, true);
		}
		else if (task instanceof VideoTask video) {
			setText(prompt, "prompt", video.prompt());
			setText(prompt, "negative_prompt", video.negativePrompt());
			setNumber(prompt, "seed", video.seed() & Long.MAX_VALUE);
			setPositive(prompt, "width", video.width());
			setPositive(prompt, "height", video.height());
			setPositive(prompt, "steps", video.steps());
			setPositive(prompt, "frames", video.frames());
			setPositive(prompt, "fps", video.fps());
			setText(prompt, "checkpoint", orDefault(video.checkpoint(), defaultCheckpoint));
			applyLoras(prompt, video.loras());
			bindFile(prompt, "source_image", video.source(), uploadedNames, true);
		}
		else {
			throw new BackendException(Kind.REJECTED_INPUT,
					"ComfyUI templates make images and videos, not " + task.modality());
		}
		return prompt;
	}

	private static String orDefault(String value, String fallback) {
		return value == null || value.isBlank() ? fallback : value;
	}

	private void setText(ObjectNode prompt, String binding, String value) {
		if (value != null && !value.isBlank()) {
			for (var b : bindings.getOrDefault(binding, List.of())) {
				inputs(prompt, b.node()).put(b.input(), value);
			}
		}
	}

	private void setPositive(ObjectNode prompt, String binding, long value) {
		if (value > 0) {
			setNumber(prompt, binding, value);
		}
	}

	private void setNumber(ObjectNode prompt, String binding, Number value) {
		for (var b : bindings.getOrDefault(binding, List.of())) {
			inputs(prompt, b.node()).set(b.input(), value instanceof Double d ? JsonNodeFactory.instance.numberNode(d)
					: JsonNodeFactory.instance.numberNode(value.longValue()));
		}
	}

	private static ObjectNode inputs(ObjectNode prompt, String node) {
		return (ObjectNode) prompt.get(node).get("inputs");
	}

	/**
	 * Reference slot i gets reference i; with fewer references than slots they repeat, so a template with three
	 * reference loaders still works for a character with one photo (the same face three times is that face).
	 */
	private void bindReferences(ObjectNode prompt, List<InputFile> references, Map<String, String> uploadedNames)
			throws BackendException {
		var slots = bindings.getOrDefault("reference_image", List.of());
		if (references.size() <= 1 || slots.size() <= 1) {
			bindFile(prompt, "reference_image", references.isEmpty() ? null : references.get(0), uploadedNames, false);
			return;
		}
		var used = referencesUsed(references.size());
		for (int i = 0; i < slots.size(); i++) {
			var uploaded = uploadedNames == null ? null : uploadedNames.get(referenceKey(i % used));
			if (uploaded == null) {
				throw new IllegalStateException(referenceKey(i % used) + " was not uploaded before filling template " + name);
			}
			inputs(prompt, slots.get(i).node()).put(slots.get(i).input(), uploaded);
		}
	}

	private void bindFile(ObjectNode prompt, String binding, InputFile file, Map<String, String> uploadedNames,
			boolean refuseUnbound) throws BackendException {
		var slots = bindings.getOrDefault(binding, List.of());
		var label = binding.equals("source_image") ? "a source image" : "a reference image (the face to keep)";
		if (file == null) {
			if (!slots.isEmpty()) {
				throw new BackendException(Kind.REJECTED_INPUT, "Template '" + name + "' needs " + label + ", but none was given");
			}
			return;
		}
		if (slots.isEmpty()) {
			// A reference is optional guidance (ignored by plain templates); a source image changes what is asked.
			if (refuseUnbound) {
				throw new BackendException(Kind.REJECTED_INPUT, "Template '" + name + "' does not take " + label);
			}
			return;
		}
		var uploaded = uploadedNames == null ? null : uploadedNames.get(binding);
		if (uploaded == null) {
			throw new IllegalStateException(binding + " was not uploaded before filling template " + name);
		}
		for (var b : slots) {
			inputs(prompt, b.node()).put(b.input(), uploaded);
		}
	}

	/**
	 * LoRAs fill the template's LoraLoader slots in order. An unused slot is cut out of the graph (its consumers are
	 * rewired to its own inputs) instead of being left at strength 0, because ComfyUI validates lora_name against
	 * the installed files even at strength 0, and a server may have none of the template's placeholder names.
	 */
	private void applyLoras(ObjectNode prompt, List<Lora> loras) throws BackendException {
		var slots = bindings.getOrDefault("lora", List.of());
		if (loras.size() > slots.size()) {
			throw new BackendException(Kind.REJECTED_INPUT, "Template '" + name + "' supports " + slots.size()
					+ " LoRA" + (slots.size() == 1 ? "" : "s") + ", but " + loras.size() + " were asked for");
		}
		for (int i = 0; i < slots.size(); i++) {
			var slot = slots.get(i);
			if (i < loras.size()) {
				var inputs = inputs(prompt, slot.node());
				inputs.put(slot.input(), loras.get(i).name());
				inputs.put(slot.strengthInput(), loras.get(i).weight());
				if (slot.clipStrengthInput() != null) {
					inputs.put(slot.clipStrengthInput(), loras.get(i).weight());
				}
			}
			else {
				bypass(prompt, slot.node());
			}
		}
	}

	/** Removes a pass-through node: a link to its output k is replaced by its k-th linked input (LoraLoader: model, clip). */
	private static void bypass(ObjectNode prompt, String id) {
		var removed = prompt.remove(id);
		var upstream = new ArrayList<JsonNode>();
		removed.path("inputs").properties().forEach(e -> {
			if (isLink(e.getValue())) {
				upstream.add(e.getValue());
			}
		});
		for (var node : prompt.properties()) {
			var inputs = (ObjectNode) node.getValue().get("inputs");
			for (var input : new ArrayList<>(inputs.properties())) {
				var value = input.getValue();
				if (isLink(value) && value.get(0).asString().equals(id) && value.get(1).asInt() < upstream.size()) {
					inputs.set(input.getKey(), upstream.get(value.get(1).asInt()).deepCopy());
				}
			}
		}
	}

	private static boolean isLink(JsonNode value) {
		return value.isArray() && value.size() == 2 && value.get(0).isString() && value.get(1).isIntegralNumber();
	}

	static String canonical(JsonNode node) {
		if (node.isObject()) {
			var sorted = new StringBuilder("{");
			var keys = new TreeSet<>(node.propertyNames());
			for (var key : keys) {
				if (sorted.length() > 1) {
					sorted.append(',');
				}
				sorted.append(JSON.writeValueAsString(key)).append(':').append(canonical(node.get(key)));
			}
			return sorted.append('}').toString();
		}
		if (node.isArray()) {
			var items = new ArrayList<String>();
			((ArrayNode) node).forEach(item -> items.add(canonical(item)));
			return "[" + String.join(",", items) + "]";
		}
		return JSON.writeValueAsString(node);
	}

	private static String digest(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
