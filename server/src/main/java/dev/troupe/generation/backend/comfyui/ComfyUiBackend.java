package dev.troupe.generation.backend.comfyui;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.troupe.generation.backend.comfyui.ComfyUiSocket.Closed;
import dev.troupe.generation.backend.comfyui.ComfyUiSocket.Event;
import dev.troupe.generation.backend.comfyui.ComfyUiSocket.Message;
import dev.troupe.generation.backend.comfyui.ComfyUiSocket.Preview;
import dev.troupe.generation.spi.BackendConfig;
import dev.troupe.generation.spi.BackendException;
import dev.troupe.generation.spi.BackendException.Kind;
import dev.troupe.generation.spi.BackendHealth;
import dev.troupe.generation.spi.GenerationBackend;
import dev.troupe.generation.spi.GenerationResult;
import dev.troupe.generation.spi.GenerationTask;
import dev.troupe.generation.spi.GenerationTask.ImageTask;
import dev.troupe.generation.spi.GenerationTask.InputFile;
import dev.troupe.generation.spi.GenerationTask.VideoTask;
import dev.troupe.generation.spi.Modality;
import dev.troupe.generation.spi.Progress;
import dev.troupe.generation.spi.ProgressListener;
import dev.troupe.generation.spi.RemoteJob;
import tools.jackson.databind.JsonNode;

/**
 * One ComfyUI server. {@link #submit} uploads the task's images, fills the workflow template and queues it with
 * this instance's client id; {@link #await} follows the prompt over the websocket and fetches the outputs from
 * {@code /history} and {@code /view}. History is the source of truth: it is checked first (a job resumed after a
 * restart may be long done), whenever the socket goes quiet, and when it drops.
 *
 * <p>Options: {@code checkpoint} (default checkpoint when a task names none), {@code templates} (comma-separated
 * templates whose nodes {@link #check()} verifies; default {@code sdxl-txt2img}), {@code requestTimeoutSeconds}
 * (30), {@code pollSeconds} (how often to look at history while the socket is quiet; 5).
 */
public class ComfyUiBackend implements GenerationBackend {

	private static final Logger log = LoggerFactory.getLogger(ComfyUiBackend.class);
	private static final Duration OBJECT_INFO_TTL = Duration.ofSeconds(60);

	private final BackendConfig config;
	private final WorkflowTemplates templates;
	private final ComfyUiClient client;
	private final String clientId = UUID.randomUUID().toString();
	private final Duration pollInterval;
	private final Map<String, ComfyUiSocket> sockets = new ConcurrentHashMap<>();
	private volatile Set<String> nodeClasses;
	private volatile long nodeClassesAt;

	public ComfyUiBackend(BackendConfig config, WorkflowTemplates templates) {
		this.config = config;
		this.templates = templates;
		this.client = new ComfyUiClient(config.baseUrl(), config.apiKey(),
				Duration.ofSeconds(Long.parseLong(config.option("requestTimeoutSeconds", "30"))));
		this.pollInterval = Duration.ofMillis((long) (Double.parseDouble(config.option("pollSeconds", "5")) * 1000));
	}

	@Override
	public BackendConfig config() {
		return config;
	}

	@Override
	public Set<Modality> modalities() {
		return Set.of(Modality.IMAGE, Modality.VIDEO);
	}

	/** The client id this instance queues prompts with (events for them come to its websocket). */
	public String clientId() {
		return clientId;
	}

	@Override
	public BackendHealth check() {
		var names = Arrays.stream(config.option("templates", "sdxl-txt2img").split(","))
				.map(String::trim).filter(n -> !n.isEmpty()).toList();
		var missingTemplates = names.stream().filter(n -> templates.find(n).isEmpty()).toList();
		var health = check(names.stream().flatMap(n -> templates.find(n).stream()).toList());
		if (health.reachable() && !missingTemplates.isEmpty()) {
			return new BackendHealth(true, health.version(), health.models(), health.missingNodes(), health.queueDepth(),
					"Unknown workflow templates in option 'templates': " + String.join(", ", missingTemplates));
		}
		return health;
	}

	/** Health as seen by the given templates: {@code missingNodes} lists the node classes they need but the server lacks. */
	public BackendHealth check(List<WorkflowTemplate> required) {
		try {
			var stats = client.get("/system_stats");
			var version = stats.path("system").path("comfyui_version").asString("unknown");
			var missing = new TreeSet<String>();
			for (var template : required) {
				missing.addAll(missingNodes(template, true));
			}
			var error = missing.isEmpty() ? null : "ComfyUI at " + config.baseUrl() + " lacks custom nodes: "
					+ String.join(", ", missing) + " (install them, e.g. with ComfyUI-Manager, and restart ComfyUI)";
			return new BackendHealth(true, version, checkpoints(), List.copyOf(missing), queueDepth(), error);
		}
		catch (BackendException e) {
			return BackendHealth.down(e.getMessage());
		}
	}

	/** The node classes the template uses that this server does not have. */
	public List<String> missingNodes(WorkflowTemplate template, boolean refresh) throws BackendException {
		var installed = nodeClasses(refresh);
		return template.classTypes().stream().filter(c -> !installed.contains(c)).toList();
	}

	private Set<String> nodeClasses(boolean refresh) throws BackendException {
		var cached = nodeClasses;
		if (refresh || cached == null || System.nanoTime() - nodeClassesAt > OBJECT_INFO_TTL.toNanos()) {
			cached = new TreeSet<>(client.get("/object_info").propertyNames());
			nodeClasses = cached;
			nodeClassesAt = System.nanoTime();
		}
		return cached;
	}

	private List<String> checkpoints() throws BackendException {
		var ckpt = client.get("/object_info/CheckpointLoaderSimple").path("CheckpointLoaderSimple").path("input")
				.path("required").path("ckpt_name");
		// Classic combo: [["a.safetensors", …], {…}]; newer servers: ["COMBO", {"options": [...]}].
		var options = ckpt.path(0).isArray() ? ckpt.path(0) : ckpt.path(1).path("options");
		var models = new ArrayList<String>();
		options.forEach(o -> models.add(o.asString()));
		return models;
	}

	private Integer queueDepth() throws BackendException {
		var queue = client.get("/queue");
		return queue.path("queue_running").size() + queue.path("queue_pending").size();
	}

	@Override
	public RemoteJob submit(GenerationTask task) throws BackendException {
		var template = templates.forTask(task);
		var missing = missingNodes(template, false);
		if (!missing.isEmpty()) {
			throw new BackendException(Kind.MISSING_NODES, "ComfyUI at " + config.baseUrl() + " lacks the nodes template '"
					+ template.name() + "' needs: " + String.join(", ", missing)
					+ " (install the custom node packs, e.g. with ComfyUI-Manager, and restart ComfyUI)");
		}
		var uploads = upload(task, template);
		var prompt = template.fill(task, uploads, config.option("checkpoint", null));
		socket(clientId); // open before queueing, so no event of this prompt is missed
		var answer = client.queuePrompt(prompt, clientId);
		var promptId = answer.path("prompt_id").asString(null);
		if (promptId == null) {
			throw new BackendException(Kind.INVALID_OUTPUT, "ComfyUI at " + config.baseUrl() + " queued the prompt but gave no prompt_id");
		}
		if (!answer.path("node_errors").isEmpty()) {
			log.warn("ComfyUI {} queued prompt {} but dropped outputs: {}", config.id(), promptId, answer.path("node_errors"));
		}
		var state = new LinkedHashMap<String, String>();
		state.put("clientId", clientId);
		state.put("template", template.name());
		state.put("templateSha256", template.sha256());
		state.put("nodes", String.valueOf(prompt.size()));
		if (task instanceof ImageTask image && !image.references().isEmpty()) {
			state.put("referencesUsed", String.valueOf(template.referencesUsed(image.references().size())));
		}
		return new RemoteJob(config.id(), promptId, state);
	}

	private Map<String, String> upload(GenerationTask task, WorkflowTemplate template) throws BackendException {
		var names = new HashMap<String, String>();
		List<InputFile> references = List.of();
		InputFile source = null;
		if (task instanceof ImageTask image) {
			references = image.references();
			source = image.initImage();
		}
		else if (task instanceof VideoTask video) {
			source = video.source();
		}
		// Only what the template binds is uploaded (as many references as it has slots); fill() reports a missing file.
		for (int i = 0; i < template.referencesUsed(references.size()); i++) {
			var reference = references.get(i);
			names.put(WorkflowTemplate.referenceKey(i), client.uploadImage(
					uploadName(task, i == 0 ? "reference" : "reference-" + (i + 1), reference), reference.bytes()));
		}
		if (source != null && template.bindings().containsKey("source_image")) {
			names.put("source_image", client.uploadImage(uploadName(task, "source", source), source.bytes()));
		}
		return names;
	}

	private static String uploadName(GenerationTask task, String role, InputFile file) {
		var type = Artifacts.contentType(file.bytes(), file.filename());
		var extension = type.equals("image/jpeg") ? ".jpg" : type.equals("image/webp") ? ".webp" : ".png";
		return "troupe-" + task.jobId() + "-" + role + extension;
	}

	@Override
	public GenerationResult await(RemoteJob job, GenerationTask task, ProgressListener progress, Duration timeout)
			throws BackendException {
		var promptId = job.remoteId();
		var deadline = System.nanoTime() + timeout.toNanos();
		var done = finished(job); // a resumed job may be long finished: no websocket needed then
		if (done != null) {
			progress.progress(Progress.of(1));
			return done;
		}
		var owner = job.state().getOrDefault("clientId", clientId);
		var socket = socket(owner);
		var events = socket.follow(promptId);
		try {
			done = finished(job); // it may have finished while the socket was opening
			var tracker = new Tracker(job, progress);
			var reconnects = 0;
			while (done == null) {
				var left = deadline - System.nanoTime();
				if (left <= 0) {
					throw new BackendException(Kind.TIMEOUT, "ComfyUI at " + config.baseUrl() + " did not finish prompt "
							+ promptId + " within " + timeout.toSeconds() + "s");
				}
				var event = events.poll(Math.min(left, pollInterval.toNanos()), TimeUnit.NANOSECONDS);
				if (event == null || tracker.finishedBy(event)) {
					done = finished(job);
				}
				else if (event instanceof Closed closed) {
					done = finished(job);
					if (done == null) {
						// A proxy may cut an idle socket while the job runs on: follow again if the server still has it.
						if (reconnects++ >= 3 || !stillQueued(promptId)) {
							throw new BackendException(Kind.UNREACHABLE, "Lost ComfyUI at " + config.baseUrl()
									+ " while prompt " + promptId + " was running: " + closed.reason());
						}
						socket.forget(promptId);
						socket = socket(owner);
						events = socket.follow(promptId);
					}
				}
			}
			progress.progress(Progress.of(1));
			return done;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new BackendException(Kind.CANCELLED, "Interrupted while waiting for ComfyUI prompt " + promptId, e);
		}
		finally {
			socket.forget(promptId);
			if (!owner.equals(clientId)) {
				sockets.remove(owner, socket); // a socket opened only to follow a job from before a restart
				socket.close();
			}
		}
	}

	private boolean stillQueued(String promptId) throws BackendException {
		var queue = client.get("/queue");
		return contains(queue.path("queue_running"), promptId) || contains(queue.path("queue_pending"), promptId);
	}

	/** The result from /history, or null while the prompt is queued or running. Errors recorded there are thrown. */
	private GenerationResult finished(RemoteJob job) throws BackendException {
		var promptId = job.remoteId();
		var entry = client.get("/history/" + promptId).path(promptId);
		if (entry.isMissingNode() || entry.isNull()) {
			return null;
		}
		var status = entry.path("status");
		for (var message : status.path("messages")) {
			var type = message.path(0).asString("");
			if (type.equals("execution_error")) {
				throw executionError(message.path(1));
			}
			if (type.equals("execution_interrupted")) {
				throw interrupted(promptId);
			}
		}
		if (status.path("status_str").asString("").equals("error")) {
			throw new BackendException(Kind.SERVER_ERROR, "ComfyUI at " + config.baseUrl() + " reports prompt "
					+ promptId + " failed without saying why");
		}
		if (!status.isMissingNode() && !status.path("completed").asBoolean(true)) {
			return null;
		}
		var artifacts = Artifacts.download(client, entry.path("outputs"));
		if (artifacts.isEmpty()) {
			throw new BackendException(Kind.INVALID_OUTPUT, "ComfyUI at " + config.baseUrl() + " finished prompt "
					+ promptId + " without saving any image or video (does the workflow end in a save node?)");
		}
		var recipe = new LinkedHashMap<String, Object>();
		recipe.put("backend", "comfyui");
		recipe.put("prompt_id", promptId);
		recipe.put("template", job.state().getOrDefault("template", "?"));
		recipe.put("template_sha256", job.state().getOrDefault("templateSha256", "?"));
		if (job.state().containsKey("referencesUsed")) {
			// how many of the character's reference images the template took (the rest are not in this picture)
			recipe.put("referencesUsed", Integer.parseInt(job.state().get("referencesUsed")));
		}
		return new GenerationResult(artifacts, null, recipe);
	}

	BackendException executionError(JsonNode data) {
		var exception = data.path("exception_message").asString("").trim();
		var type = data.path("exception_type").asString("");
		var where = "node " + data.path("node_id").asString("?") + " (" + data.path("node_type").asString("?") + ")";
		var text = (type + " " + exception).toLowerCase();
		if (text.contains("out of memory") || text.contains("outofmemoryerror")) {
			return new BackendException(Kind.OUT_OF_MEMORY, "ComfyUI at " + config.baseUrl() + " ran out of GPU memory in "
					+ where + ": " + exception + " (try a smaller size or batch, or a server with more VRAM)");
		}
		return new BackendException(Kind.SERVER_ERROR, "ComfyUI at " + config.baseUrl() + " failed in " + where + ": "
				+ (type.isBlank() ? "" : type + ": ") + exception);
	}

	private BackendException interrupted(String promptId) {
		return new BackendException(Kind.CANCELLED, "Prompt " + promptId + " was interrupted on ComfyUI at " + config.baseUrl());
	}

	@Override
	public void cancel(RemoteJob job) {
		var promptId = job.remoteId();
		try {
			var queue = client.get("/queue");
			if (contains(queue.path("queue_running"), promptId)) {
				// Old servers interrupt whatever runs and ignore the body; newer ones only interrupt this prompt.
				client.postJson("/interrupt", ComfyUiClient.JSON.createObjectNode().put("prompt_id", promptId));
			}
			else if (contains(queue.path("queue_pending"), promptId)) {
				var body = ComfyUiClient.JSON.createObjectNode();
				body.putArray("delete").add(promptId);
				client.postJson("/queue", body);
			}
		}
		catch (BackendException e) {
			log.warn("Could not cancel ComfyUI prompt {} on {}: {}", promptId, config.id(), e.getMessage());
		}
	}

	private static boolean contains(JsonNode items, String promptId) {
		for (var item : items) {
			if (promptId.equals(item.path(1).asString(null))) {
				return true;
			}
		}
		return false;
	}

	private ComfyUiSocket socket(String owner) throws BackendException {
		var socket = sockets.get(owner);
		if (socket == null || !socket.isOpen()) {
			synchronized (sockets) {
				socket = sockets.get(owner);
				if (socket == null || !socket.isOpen()) {
					socket = ComfyUiSocket.open(client.http(), config.baseUrl(), owner, Duration.ofSeconds(10));
					sockets.put(owner, socket);
				}
			}
		}
		return socket;
	}

	@Override
	public void close() {
		sockets.values().forEach(ComfyUiSocket::close);
		sockets.clear();
	}

	/**
	 * Turns the event stream of one prompt into monotonic progress: the fraction counts finished nodes (executed or
	 * cached) out of all nodes, plus the current node's own value/max, and never goes backwards.
	 */
	private final class Tracker {

		private final String promptId;
		private final ProgressListener listener;
		private final Map<String, String> labels;
		private final int total;
		private final Set<String> seen = new HashSet<>();
		private String current;
		private double fraction;
		private Integer step;
		private Integer steps;

		Tracker(RemoteJob job, ProgressListener listener) {
			this.promptId = job.remoteId();
			this.listener = listener;
			this.labels = templates.find(job.state().getOrDefault("template", "")).map(WorkflowTemplate::nodeLabels)
					.orElse(Map.of());
			this.total = Math.max(1, Integer.parseInt(job.state().getOrDefault("nodes", String.valueOf(Math.max(1, labels.size())))));
		}

		/** Handles one event; true when it says the prompt is done (the result is then read from history). */
		boolean finishedBy(Event event) throws BackendException {
			if (event instanceof Preview preview) {
				report(fraction, preview.image());
				return false;
			}
			if (!(event instanceof Message message)) {
				return false;
			}
			var data = message.data();
			switch (message.type()) {
				case "execution_start" -> report(0, null);
				case "execution_cached" -> {
					data.path("nodes").forEach(n -> seen.add(n.asString()));
					report(seen.size() / (double) total, null);
				}
				case "executing" -> {
					if (!data.path("node").isString()) {
						return true;
					}
					current = data.path("node").asString();
					seen.add(current);
					step = null;
					steps = null;
					report((seen.size() - 1) / (double) total, null);
				}
				case "progress" -> {
					step = data.path("value").asInt();
					steps = Math.max(1, data.path("max").asInt(1));
					if (data.path("node").isString()) {
						current = data.path("node").asString();
					}
					report((Math.max(0, seen.size() - 1) + step / (double) steps) / total, null);
				}
				case "execution_success" -> {
					return true;
				}
				case "execution_error" -> throw executionError(data);
				case "execution_interrupted" -> throw interrupted(promptId);
				default -> {
					// executed, progress_state and future events: history has everything we need
				}
			}
			return false;
		}

		private void report(double value, byte[] preview) {
			fraction = Math.max(fraction, Math.min(0.99, value)); // 1.0 only once the outputs are in hand
			var node = current == null ? null : labels.getOrDefault(current, "node " + current);
			listener.progress(new Progress(fraction, step, steps, node, preview));
		}
	}
}
