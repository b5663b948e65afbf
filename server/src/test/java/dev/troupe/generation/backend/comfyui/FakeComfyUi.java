package dev.troupe.generation.backend.comfyui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.troupe.support.TestImages;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A ComfyUI that speaks the real routes and message shapes (server.py / execution.py) and "runs" a prompt by
 * walking its nodes: events go to the websocket of the prompt's client_id, then the entry lands in /history.
 */
final class FakeComfyUi implements AutoCloseable {

	enum Outcome {
		SUCCESS, EXECUTION_ERROR, OUT_OF_MEMORY, DROP_SOCKET, PROXY_CUTS_SOCKET, HOLD
	}

	static final String CHECKPOINT = "sd_xl_base_1.0.safetensors";
	static final JsonMapper JSON = JsonMapper.builder().build();

	final MockWebServer server = new MockWebServer();
	final Set<String> nodeClasses = ConcurrentHashMap.newKeySet();
	final List<String> requests = new CopyOnWriteArrayList<>();
	final Map<String, JsonNode> prompts = new ConcurrentHashMap<>();
	final Map<String, byte[]> uploads = new ConcurrentHashMap<>();
	final Map<String, ObjectNode> history = new ConcurrentHashMap<>();
	final Map<String, WebSocket> sockets = new ConcurrentHashMap<>();
	final List<String> running = new CopyOnWriteArrayList<>();
	final List<String> pending = new CopyOnWriteArrayList<>();
	volatile Outcome outcome = Outcome.SUCCESS;
	private final ExecutorService worker = Executors.newSingleThreadExecutor();

	FakeComfyUi() throws IOException {
		new ShippedTemplates().all().forEach(t -> nodeClasses.addAll(t.classTypes()));
		nodeClasses.addAll(List.of("PreviewImage", "LoraLoaderModelOnly", "CLIPVisionLoader"));
		// ComfyUI_FaceAnalysis (cubiq) and core PreviewAny, for face checks
		nodeClasses.addAll(List.of("FaceAnalysisModels", "FaceEmbedDistance", "PreviewAny", "LoadImage", "ImageBatch"));
		server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				return handle(request);
			}
		});
		server.start();
	}

	URI baseUrl() {
		return server.url("/").uri();
	}

	/** Marks a prompt as finished in history, as if it had run while nobody was listening. */
	void finishQuietly(String promptId) {
		history.put(promptId, entry(promptId, prompts.get(promptId), null));
	}

	List<String> requestsTo(String prefix) {
		return requests.stream().filter(r -> r.startsWith(prefix)).toList();
	}

	private MockResponse handle(RecordedRequest request) {
		var path = request.getUrl().encodedPath();
		var method = request.getMethod();
		var body = request.getBody() == null ? "" : request.getBody().string(StandardCharsets.ISO_8859_1);
		requests.add(method + " " + path + (body.isEmpty() || path.equals("/upload/image") ? "" : " " + body));
		if (path.equals("/ws")) {
			var clientId = request.getUrl().queryParameter("clientId");
			return new MockResponse.Builder().webSocketUpgrade(new WebSocketListener() {
				@Override
				public void onOpen(WebSocket webSocket, Response response) {
					sockets.put(clientId, webSocket);
					webSocket.send("{\"type\":\"status\",\"data\":{\"status\":{\"exec_info\":{\"queue_remaining\":0}},\"sid\":\""
							+ clientId + "\"}}");
				}
			}).build();
		}
		return switch (method + " " + path.replaceAll("^/history/.*", "/history/*")) {
			case "GET /system_stats" -> json("{\"system\":{\"os\":\"posix\",\"ram_total\":34359738368,\"ram_free\":17179869184,"
					+ "\"comfyui_version\":\"0.3.43\",\"python_version\":\"3.12.3\",\"pytorch_version\":\"2.7.1+cu128\"},"
					+ "\"devices\":[{\"name\":\"cuda:0 NVIDIA GeForce RTX 4090\",\"type\":\"cuda\",\"index\":0,"
					+ "\"vram_total\":25757220864,\"vram_free\":24000000000}]}");
			case "GET /object_info" -> json(objectInfo());
			case "GET /object_info/CheckpointLoaderSimple" -> json("{\"CheckpointLoaderSimple\":{\"input\":{\"required\":"
					+ "{\"ckpt_name\":[[\"" + CHECKPOINT + "\",\"juggernautXL_v9.safetensors\"],{\"tooltip\":\"The name of the checkpoint\"}]}},"
					+ "\"output\":[\"MODEL\",\"CLIP\",\"VAE\"],\"name\":\"CheckpointLoaderSimple\"}}");
			case "GET /queue" -> json(queue());
			case "POST /queue", "POST /interrupt" -> new MockResponse.Builder().code(200).build();
			case "POST /upload/image" -> upload(request);
			case "POST /prompt" -> prompt(body);
			case "GET /history/*" -> {
				var id = path.substring("/history/".length());
				var entry = history.get(id);
				yield json(entry == null ? "{}" : JSON.createObjectNode().set(id, entry).toString());
			}
			case "GET /view" -> view(request.getUrl().queryParameter("filename"));
			default -> new MockResponse.Builder().code(404).body("404: Not Found").build();
		};
	}

	private String objectInfo() {
		var info = JSON.createObjectNode();
		for (var name : new TreeSet<>(nodeClasses)) {
			var node = info.putObject(name);
			node.putObject("input").putObject("required");
			node.put("name", name).put("display_name", name).put("category", "test").put("output_node", false);
		}
		return info.toString();
	}

	private String queue() {
		var queue = JSON.createObjectNode();
		var runningItems = queue.putArray("queue_running");
		running.forEach(id -> runningItems.add(JSON.createArrayNode().add(0).add(id).add(prompts.get(id))
				.add(JSON.createObjectNode()).add(JSON.createArrayNode())));
		var pendingItems = queue.putArray("queue_pending");
		pending.forEach(id -> pendingItems.add(JSON.createArrayNode().add(1).add(id).add(JSON.createObjectNode())
				.add(JSON.createObjectNode()).add(JSON.createArrayNode())));
		return queue.toString();
	}

	private MockResponse upload(RecordedRequest request) {
		var body = request.getBody().toByteArray();
		var text = new String(body, StandardCharsets.ISO_8859_1);
		var filename = text.replaceAll("(?s).*?filename=\"([^\"]+)\".*", "$1");
		var start = text.indexOf("\r\n\r\n") + 4;
		var end = text.indexOf("\r\n--", start);
		var stored = filename.replaceFirst("(\\.[a-z]+)$", " (1)$1"); // as if the name were taken already
		uploads.put(stored, Arrays.copyOfRange(body, start, end));
		return json("{\"name\":\"" + stored + "\",\"subfolder\":\"\",\"type\":\"input\"}");
	}

	private MockResponse prompt(String body) {
		var request = JSON.readTree(body);
		var graph = request.path("prompt");
		for (var node : graph.properties()) {
			var classType = node.getValue().path("class_type").asString();
			if (!nodeClasses.contains(classType)) {
				return json(400, "{\"error\":{\"type\":\"invalid_prompt\",\"message\":\"Cannot execute because node " + classType
						+ " does not exist.\",\"details\":\"Node ID '#" + node.getKey() + "'\",\"extra_info\":{}},\"node_errors\":{}}");
			}
			var ckpt = node.getValue().path("inputs").path("ckpt_name");
			if (classType.equals("CheckpointLoaderSimple") && !ckpt.asString().equals(CHECKPOINT)) {
				return json(400, "{\"error\":{\"type\":\"prompt_outputs_failed_validation\",\"message\":\"Prompt outputs failed validation\","
						+ "\"details\":\"\",\"extra_info\":{}},\"node_errors\":{\"" + node.getKey() + "\":{\"errors\":[{\"type\":\"value_not_in_list\","
						+ "\"message\":\"Value not in list\",\"details\":\"ckpt_name: '" + ckpt.asString() + "' not in ['" + CHECKPOINT + "']\","
						+ "\"extra_info\":{\"input_name\":\"ckpt_name\"}}],\"dependent_outputs\":[\"9\"],\"class_type\":\"CheckpointLoaderSimple\"}}}");
			}
		}
		var promptId = UUID.randomUUID().toString();
		prompts.put(promptId, graph);
		var clientId = request.path("client_id").asString(null);
		var run = outcome;
		worker.submit(() -> execute(promptId, graph, clientId, run));
		return json("{\"prompt_id\":\"" + promptId + "\",\"number\":" + prompts.size() + ",\"node_errors\":{}}");
	}

	private void execute(String promptId, JsonNode graph, String clientId, Outcome run) {
		running.add(promptId);
		pause(); // a real server takes a while; this lets the client be waiting before the events come
		send(ws(clientId), "execution_start", JSON.createObjectNode().put("prompt_id", promptId).put("timestamp", 1));
		var ids = new ArrayList<>(graph.propertyNames());
		ids.sort((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));
		var cached = JSON.createObjectNode().put("prompt_id", promptId);
		cached.putArray("nodes").add(ids.get(0));
		send(ws(clientId), "execution_cached", cached);
		var outputs = JSON.createObjectNode();
		for (var id : ids.subList(1, ids.size())) {
			var classType = graph.path(id).path("class_type").asString();
			send(ws(clientId), "executing", JSON.createObjectNode().put("node", id).put("display_node", id).put("prompt_id", promptId));
			if (classType.equals("KSampler")) {
				if (run == Outcome.HOLD) {
					return;
				}
				for (int step = 1; step <= 4; step++) {
					pause();
					send(ws(clientId), "progress", JSON.createObjectNode().put("value", step).put("max", 4).put("prompt_id", promptId).put("node", id));
					if (step == 2 && ws(clientId) != null) {
						ws(clientId).send(ByteString.of(ByteBuffer.allocate(8 + png().length).putInt(1).putInt(2).put(png()).array()));
					}
					if (step == 2 && run == Outcome.DROP_SOCKET) {
						// ComfyUI shutting down mid-job: aiohttp closes sockets with 1001, the prompt never reaches history.
						running.remove(promptId);
						ws(clientId).close(1001, "Going away");
						return;
					}
					if (step == 2 && run == Outcome.PROXY_CUTS_SOCKET) {
						ws(clientId).close(1000, "Idle timeout"); // the job goes on; the client should reconnect
						sockets.remove(clientId);
						pause();
						pause();
					}
				}
				if (run == Outcome.EXECUTION_ERROR || run == Outcome.OUT_OF_MEMORY) {
					var error = JSON.createObjectNode().put("prompt_id", promptId).put("node_id", id).put("node_type", classType);
					error.putArray("executed").add(ids.get(0));
					error.put("exception_message", run == Outcome.OUT_OF_MEMORY
							? "Allocation on device 0 would exceed allowed memory. (out of memory)\nCurrently allocated     : 22.10 GiB"
							: "Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!");
					error.put("exception_type", run == Outcome.OUT_OF_MEMORY ? "torch.OutOfMemoryError" : "RuntimeError");
					error.putArray("traceback").add("  File \"execution.py\", line 349, in execute\n");
					error.putObject("current_inputs");
					error.putObject("current_outputs");
					history.put(promptId, entry(promptId, graph, error));
					running.remove(promptId);
					send(ws(clientId), "execution_error", error);
					return;
				}
			}
			if (classType.equals("FaceEmbedDistance") && embedding(graph, graph.path(id).path("inputs").path("reference")) == null) {
				// the real node raises this when no reference has a face; execution.py reports it as execution_error
				var error = JSON.createObjectNode().put("prompt_id", promptId).put("node_id", id).put("node_type", classType);
				error.putArray("executed");
				error.put("exception_message", "No face detected in reference image").put("exception_type", "Exception");
				error.putArray("traceback").add("  File \"execution.py\", line 349, in execute\n");
				error.putObject("current_inputs");
				error.putObject("current_outputs");
				history.put(promptId, entry(promptId, graph, error));
				running.remove(promptId);
				send(ws(clientId), "execution_error", error);
				return;
			}
			var output = outputOf(graph, id);
			if (output != null) {
				outputs.set(id, output);
				send(ws(clientId), "executed", JSON.createObjectNode().put("node", id).put("display_node", id).put("prompt_id", promptId)
						.set("output", output));
			}
		}
		history.put(promptId, entry(promptId, graph, null));
		running.remove(promptId);
		send(ws(clientId), "execution_success", JSON.createObjectNode().put("prompt_id", promptId).put("timestamp", 2));
		send(ws(clientId), "executing", JSON.createObjectNode().putNull("node").put("prompt_id", promptId));
	}

	private WebSocket ws(String clientId) {
		return clientId == null ? null : sockets.get(clientId);
	}

	private static void pause() {
		try {
			Thread.sleep(40);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * A node's UI output. PreviewAny shows FaceEmbedDistance's {@code distance} (a list, one per image) as
	 * {@code json.dumps(source, indent=4)}; the distance is computed from the uploaded bytes (see {@link #embedding}).
	 */
	private ObjectNode outputOf(JsonNode graph, String id) {
		var classType = graph.path(id).path("class_type").asString();
		if (classType.equals("PreviewAny")) {
			var source = graph.path(id).path("inputs").path("source");
			var face = graph.path(source.path(0).asString());
			var reference = embedding(graph, face.path("inputs").path("reference"));
			var image = embedding(graph, face.path("inputs").path("image"));
			var distance = reference == null || image == null ? 100.0 : 1 - cosine(reference, image);
			var output = JSON.createObjectNode();
			output.putArray("text").add("[\n    " + distance + "\n]");
			return output;
		}
		return outputOf(classType);
	}

	/**
	 * The fake's face embedding of the images a link points to: the mean colour around mid-grey, averaged over a
	 * batch (as FaceEmbedDistance averages references); null ("no face") for a flat mid-grey picture.
	 */
	double[] embedding(JsonNode graph, JsonNode link) {
		var images = new ArrayList<byte[]>();
		collect(graph, link.path(0).asString(), images);
		var sum = new double[3];
		var faces = 0;
		for (var bytes : images) {
			try {
				var image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(bytes));
				var mean = new double[3];
				for (int y = 0; y < image.getHeight(); y++) {
					for (int x = 0; x < image.getWidth(); x++) {
						var rgb = image.getRGB(x, y);
						mean[0] += ((rgb >> 16) & 0xff) - 128;
						mean[1] += ((rgb >> 8) & 0xff) - 128;
						mean[2] += (rgb & 0xff) - 128;
					}
				}
				var n = (double) image.getWidth() * image.getHeight();
				if (Math.sqrt(mean[0] * mean[0] + mean[1] * mean[1] + mean[2] * mean[2]) / n >= 1) {
					for (int i = 0; i < 3; i++) {
						sum[i] += mean[i] / n;
					}
					faces++;
				}
			}
			catch (IOException e) {
				throw new IllegalStateException(e);
			}
		}
		if (faces == 0) {
			return null;
		}
		for (int i = 0; i < 3; i++) {
			sum[i] /= faces;
		}
		return sum;
	}

	private void collect(JsonNode graph, String id, List<byte[]> images) {
		var node = graph.path(id);
		switch (node.path("class_type").asString()) {
			case "LoadImage" -> images.add(uploads.get(node.path("inputs").path("image").asString()));
			case "ImageBatch" -> {
				collect(graph, node.path("inputs").path("image1").path(0).asString(), images);
				collect(graph, node.path("inputs").path("image2").path(0).asString(), images);
			}
			default -> throw new IllegalStateException("The fake cannot follow images through " + node);
		}
	}

	static double cosine(double[] a, double[] b) {
		var dot = a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
		return dot / (Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]) * Math.sqrt(b[0] * b[0] + b[1] * b[1] + b[2] * b[2]));
	}

	private static ObjectNode outputOf(String classType) {
		var file = JSON.createObjectNode().put("subfolder", "troupe").put("type", "output");
		var output = JSON.createObjectNode();
		switch (classType) {
			case "SaveImage" -> output.putArray("images").add(file.put("filename", "image_00001_.png"));
			case "SaveAnimatedWEBP" -> {
				output.putArray("images").add(file.put("filename", "video_00001_.webp"));
				output.putArray("animated").add(true);
			}
			// core SaveVideo (comfy_extras/nodes_video.py) lists its MP4 under "images" with animated = true
			case "SaveVideo" -> {
				output.putArray("images").add(file.put("filename", "video_00001_.mp4"));
				output.putArray("animated").add(true);
			}
			case "VHS_VideoCombine" -> output.putArray("gifs").add(file.put("filename", "video_00001.mp4")
					.put("format", "video/h264-mp4").put("frame_rate", 8.0).put("workflow", "video_00001.png"));
			default -> {
				return null;
			}
		}
		return output;
	}

	private ObjectNode entry(String promptId, JsonNode graph, ObjectNode error) {
		var entry = JSON.createObjectNode();
		entry.putArray("prompt").add(0).add(promptId).add(graph).add(JSON.createObjectNode()).add(JSON.createArrayNode());
		var outputs = entry.putObject("outputs");
		if (error == null) {
			graph.properties().forEach(n -> {
				var output = outputOf(graph, n.getKey());
				if (output != null) {
					outputs.set(n.getKey(), output);
				}
			});
		}
		var status = entry.putObject("status").put("status_str", error == null ? "success" : "error").put("completed", error == null);
		ArrayNode messages = status.putArray("messages");
		messages.add(JSON.createArrayNode().add("execution_start").add(JSON.createObjectNode().put("prompt_id", promptId)));
		if (error != null) {
			messages.add(JSON.createArrayNode().add("execution_error").add(error));
		}
		else {
			messages.add(JSON.createArrayNode().add("execution_success").add(JSON.createObjectNode().put("prompt_id", promptId)));
		}
		entry.putObject("meta");
		return entry;
	}

	private static void send(WebSocket ws, String type, ObjectNode data) {
		if (ws != null) {
			var message = JSON.createObjectNode().put("type", type);
			message.set("data", data);
			ws.send(message.toString());
		}
	}

	private MockResponse view(String filename) {
		byte[] bytes;
		if (filename.endsWith(".png")) {
			bytes = png();
		}
		else if (filename.endsWith(".webp")) {
			bytes = "RIFF\0\0\0\0WEBPVP8X".getBytes(StandardCharsets.ISO_8859_1);
		}
		else {
			bytes = "\0\0\0\u0018ftypisom\0\0\u0002\0isomiso2".getBytes(StandardCharsets.ISO_8859_1);
		}
		return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/octet-stream")
				.setHeader("Content-Disposition", "filename=\"" + filename + "\"").body(new okio.Buffer().write(bytes)).build();
	}

	static byte[] png() {
		var image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
		image.setRGB(3, 3, 0xff8800);
		return TestImages.png(image);
	}

	private static MockResponse json(String body) {
		return json(200, body);
	}

	private static MockResponse json(int code, String body) {
		return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
	}

	@Override
	public void close() throws IOException {
		worker.shutdownNow();
		server.close();
	}
}
