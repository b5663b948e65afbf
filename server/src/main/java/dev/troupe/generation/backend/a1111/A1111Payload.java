package dev.troupe.generation.backend.a1111;

import java.util.Base64;
import java.util.List;
import java.util.Locale;

import dev.troupe.generation.spi.BackendConfig;
import dev.troupe.generation.spi.BackendException;
import dev.troupe.generation.spi.BackendException.Kind;
import dev.troupe.generation.spi.GenerationTask.ImageTask;
import dev.troupe.generation.spi.GenerationTask.InputFile;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the body of {@code /sdapi/v1/txt2img} or {@code /img2img} from an image task. A1111 has no LoRA field,
 * so LoRAs become {@code <lora:name:weight>} prompt tags; face consistency runs as sd-webui-controlnet units.
 */
final class A1111Payload {

	static final String TXT2IMG = "/sdapi/v1/txt2img";
	static final String IMG2IMG = "/sdapi/v1/img2img";

	/** The WebUI's own img2img default, used when the task leaves the strength unset. */
	private static final double DEFAULT_DENOISE = 0.75;

	private final BackendConfig config;
	private final JsonMapper json;

	A1111Payload(BackendConfig config, JsonMapper json) {
		this.config = config;
		this.json = json;
	}

	static String route(ImageTask task) {
		return task.initImage() == null ? TXT2IMG : IMG2IMG;
	}

	ObjectNode build(ImageTask task) throws BackendException {
		var body = json.createObjectNode();
		body.put("prompt", promptWithLoras(task));
		body.put("negative_prompt", task.negativePrompt() == null ? "" : task.negativePrompt());
		body.put("seed", task.seed());
		body.put("steps", task.steps());
		body.put("cfg_scale", task.cfg());
		body.put("width", task.width());
		body.put("height", task.height());
		body.put("batch_size", task.count());
		body.put("n_iter", 1);
		// Lets the WebUI's own task list show Troupe's job id.
		body.put("force_task_id", String.valueOf(task.jobId()));
		body.put("send_images", true);
		body.put("save_images", false);
		optional(body, "sampler_name", config.option("sampler", null));
		optional(body, "scheduler", config.option("scheduler", null));
		if (task.checkpoint() != null && !task.checkpoint().isBlank()) {
			// Per-request switch; the WebUI restores its global model afterwards (override_settings_restore_afterwards).
			body.putObject("override_settings").put("sd_model_checkpoint", task.checkpoint());
		}
		if (task.initImage() != null) {
			body.putArray("init_images").add(base64(task.initImage()));
			body.put("denoising_strength", task.denoise() > 0 && task.denoise() <= 1 ? task.denoise() : DEFAULT_DENOISE);
		}
		var units = faceUnits(task);
		if (!units.isEmpty()) {
			body.putObject("alwayson_scripts").putObject("controlnet").set("args", units);
		}
		return body;
	}

	static String promptWithLoras(ImageTask task) {
		var prompt = new StringBuilder(task.prompt() == null ? "" : task.prompt());
		for (var lora : task.loras()) {
			prompt.append(" <lora:").append(lora.name()).append(':').append(lora.weight()).append('>');
		}
		return prompt.toString().strip();
	}

	/**
	 * One unit per reference-driven method. Module names are sd-webui-controlnet's preprocessors; model names
	 * must match {@code GET /controlnet/model_list}, so they are options with common defaults.
	 */
	private ArrayNode faceUnits(ImageTask task) throws BackendException {
		var units = json.createArrayNode();
		var method = task.faceMethod() == null ? "NONE" : task.faceMethod().toUpperCase(Locale.ROOT);
		if (method.equals("NONE") || method.isBlank()) {
			return units;
		}
		if (task.references().isEmpty()) {
			throw new BackendException(Kind.REJECTED_INPUT,
					"Face method " + method + " needs at least one reference image, but the task has none");
		}
		var weight = Double.parseDouble(config.option("faceWeight", "1.0"));
		switch (method) {
			case "IP_ADAPTER_FACEID" -> units.add(unit(config.option("faceIdModule", "ip-adapter_face_id_plus"),
					config.option("faceIdModel", "ip-adapter-faceid-plusv2_sd15"), weight, task.references()));
			case "INSTANTID" -> {
				// InstantID is two units: the face embedding (IP-Adapter) and the face keypoints (ControlNet).
				units.add(unit("instant_id_face_embedding",
						config.option("instantIdEmbeddingModel", "ip-adapter_instant_id_sdxl"), weight,
						task.references()));
				units.add(unit("instant_id_face_keypoints",
						config.option("instantIdKeypointsModel", "control_instant_id_sdxl"), weight,
						task.references().subList(0, 1)));
			}
			case "PULID" -> units.add(unit("ip-adapter_pulid",
					config.option("pulidModel", "ip-adapter_pulid_sdxl_fp16"), weight, task.references()));
			default -> throw new BackendException(Kind.REJECTED_INPUT, "Automatic1111 does not know the face method "
					+ method + "; use IP_ADAPTER_FACEID, INSTANTID, PULID or NONE");
		}
		return units;
	}

	private ObjectNode unit(String module, String model, double weight, List<InputFile> references) {
		var unit = json.createObjectNode();
		unit.put("enabled", true);
		unit.put("module", module);
		unit.put("model", model);
		unit.put("weight", weight);
		if (references.size() == 1) {
			unit.put("image", base64(references.get(0)));
		}
		else {
			// Multi-input modules (IP-Adapter, InstantID embedding) average several faces: a list of {image} dicts.
			var images = unit.putArray("image");
			references.forEach(ref -> images.addObject().put("image", base64(ref)));
		}
		unit.put("resize_mode", "Crop and Resize");
		unit.put("control_mode", "Balanced");
		unit.put("pixel_perfect", true);
		return unit;
	}

	private static void optional(ObjectNode body, String field, String value) {
		if (value != null) {
			body.put(field, value);
		}
	}

	private static String base64(InputFile file) {
		return Base64.getEncoder().encodeToString(file.bytes());
	}
}
