package dev.troupe.generation.backend.comfyui;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.troupe.generation.spi.BackendException;
import dev.troupe.generation.spi.BackendException.Kind;
import dev.troupe.generation.spi.FaceComparer;
import dev.troupe.generation.spi.GenerationTask.InputFile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Face similarity on a ComfyUI server with cubiq's ComfyUI_FaceAnalysis nodes: the references are loaded and
 * batched ({@code ImageBatch}), {@code FaceEmbedDistance} (cosine, references averaged) compares them with the
 * image, and, because that node is not an output node, its {@code distance} goes into core {@code PreviewAny},
 * whose UI output {@code {"text": ["[0.31]"]}} is what {@code /history} keeps. Uploads via {@code /upload/image},
 * queued via {@code /prompt}, read back by polling {@code /history/{prompt_id}}.
 */
final class FaceDistance implements FaceComparer {

	/** The node classes the check needs; {@code ComfyUiBackend#check} reports the missing ones. */
	static final List<String> NODES = List.of("FaceAnalysisModels", "FaceEmbedDistance", "PreviewAny", "LoadImage",
			"ImageBatch");
	/** FaceEmbedDistance's distance for an image in which it found no face. */
	private static final double NO_FACE = 100.0;
	private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?");
	private static final Duration POLL = Duration.ofMillis(250);

	private final ComfyUiClient client;
	private final String library;
	private final String provider;

	FaceDistance(ComfyUiClient client, String library, String provider) {
		this.client = client;
		this.library = library;
		this.provider = provider;
	}

	@Override
	public double cosineDistance(List<InputFile> references, InputFile image, Duration timeout) throws BackendException {
		if (references.isEmpty()) {
			throw new BackendException(Kind.REJECTED_INPUT, "No reference images to compare with");
		}
		var check = "troupe-face-" + UUID.randomUUID();
		var prompt = workflow(client.uploadImage(check + "-image" + extension(image), image.bytes()), references, check);
		var promptId = client.queuePrompt(prompt, check).path("prompt_id").asString(null);
		if (promptId == null) {
			throw new BackendException(Kind.INVALID_OUTPUT, "ComfyUI at " + client.baseUrl() + " queued the face check but gave no prompt_id");
		}
		var deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			var entry = client.get("/history/" + promptId).path(promptId);
			if (!entry.isMissingNode() && !entry.isNull()) {
				var status = entry.path("status");
				if (status.path("status_str").asString("").equals("error") || status.path("completed").asBoolean(true)) {
					return distance(entry, promptId);
				}
			}
			if (System.nanoTime() > deadline) {
				throw new BackendException(Kind.TIMEOUT, "ComfyUI at " + client.baseUrl() + " did not finish the face check within "
						+ timeout.toSeconds() + "s");
			}
			try {
				Thread.sleep(POLL.toMillis());
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new BackendException(Kind.CANCELLED, "Interrupted while waiting for the face check", e);
			}
		}
	}

	private ObjectNode workflow(String imageName, List<InputFile> references, String check) throws BackendException {
		var prompt = ComfyUiClient.JSON.createObjectNode();
		node(prompt, "1", "FaceAnalysisModels").put("library", library).put("provider", provider);
		node(prompt, "2", "LoadImage").put("image", imageName);
		String batch = null;
		for (int i = 0; i < references.size(); i++) {
			var reference = references.get(i);
			var load = String.valueOf(10 + i);
			node(prompt, load, "LoadImage").put("image",
					client.uploadImage(check + "-reference-" + (i + 1) + extension(reference), reference.bytes()));
			if (batch == null) {
				batch = load;
			}
			else { // several references: one batch, whose embeddings FaceEmbedDistance averages
				var joined = String.valueOf(100 + i);
				var inputs = node(prompt, joined, "ImageBatch");
				inputs.putArray("image1").add(batch).add(0);
				inputs.putArray("image2").add(load).add(0);
				batch = joined;
			}
		}
		var distance = node(prompt, "3", "FaceEmbedDistance");
		distance.putArray("analysis_models").add("1").add(0);
		distance.putArray("reference").add(batch).add(0);
		distance.putArray("image").add("2").add(0);
		distance.put("similarity_metric", "cosine").put("filter_thresh", NO_FACE).put("filter_best", 0)
			.put("generate_image_overlay", false);
		node(prompt, "4", "PreviewAny").putArray("source").add("3").add(1);
		return prompt;
	}

	private static ObjectNode node(ObjectNode prompt, String id, String classType) {
		var node = prompt.putObject(id);
		node.put("class_type", classType);
		return node.putObject("inputs");
	}

	private double distance(JsonNode entry, String promptId) throws BackendException {
		for (var message : entry.path("status").path("messages")) {
			if (message.path(0).asString("").equals("execution_error")) {
				var data = message.path(1);
				throw new BackendException(Kind.SERVER_ERROR, "ComfyUI at " + client.baseUrl() + " failed in node "
						+ data.path("node_id").asString("?") + " (" + data.path("node_type").asString("?") + "): "
						+ data.path("exception_message").asString("").trim());
			}
		}
		if (entry.path("status").path("status_str").asString("").equals("error")) {
			throw new BackendException(Kind.SERVER_ERROR, "ComfyUI at " + client.baseUrl() + " reports face check "
					+ promptId + " failed without saying why");
		}
		var text = entry.path("outputs").path("4").path("text").path(0).asString("");
		var number = NUMBER.matcher(text);
		if (!number.find()) {
			throw new BackendException(Kind.INVALID_OUTPUT, "ComfyUI at " + client.baseUrl() + " finished face check "
					+ promptId + " without a distance (PreviewAny showed '" + ComfyUiClient.abbreviate(text) + "')");
		}
		var distance = Double.parseDouble(number.group());
		if (distance >= NO_FACE) {
			throw new BackendException(Kind.INVALID_OUTPUT, "no face found in the image");
		}
		if (distance < 0 || distance > 2) {
			throw new BackendException(Kind.INVALID_OUTPUT, "ComfyUI at " + client.baseUrl() + " gave " + distance
					+ ", which is not a cosine distance");
		}
		return distance;
	}

	private static String extension(InputFile file) {
		var type = Artifacts.contentType(file.bytes(), file.filename());
		return type.equals("image/jpeg") ? ".jpg" : type.equals("image/webp") ? ".webp" : ".png";
	}
}
