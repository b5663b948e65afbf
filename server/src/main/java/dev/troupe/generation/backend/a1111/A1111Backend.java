package dev.troupe.generation.backend.a1111;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.imageio.ImageIO;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.troupe.generation.spi.Artifact;
import dev.troupe.generation.spi.BackendConfig;
import dev.troupe.generation.spi.BackendException;
import dev.troupe.generation.spi.BackendException.Kind;
import dev.troupe.generation.spi.BackendHealth;
import dev.troupe.generation.spi.GenerationBackend;
import dev.troupe.generation.spi.GenerationResult;
import dev.troupe.generation.spi.GenerationTask;
import dev.troupe.generation.spi.GenerationTask.ImageTask;
import dev.troupe.generation.spi.Modality;
import dev.troupe.generation.spi.Progress;
import dev.troupe.generation.spi.ProgressListener;
import dev.troupe.generation.spi.RemoteJob;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * AUTOMATIC1111 stable-diffusion-webui ({@code --api}). The WebUI has no job queue to come back to:
 * {@code txt2img} blocks until the images are done, so {@link #submit} only validates and {@link #await} runs the
 * call while polling {@code /sdapi/v1/progress} for the step counter and live preview.
 */
final class A1111Backend implements GenerationBackend {

	private static final Logger log = LoggerFactory.getLogger(A1111Backend.class);
	private static final Duration SHORT = Duration.ofSeconds(10);
	private static final String PROGRESS = "/sdapi/v1/progress?skip_current_image=false";

	private final BackendConfig config;
	private final JsonMapper json;
	private final A1111Http http;
	private final A1111Payload payload;
	private final long pollMillis;

	A1111Backend(BackendConfig config, JsonMapper json) {
		this.config = config;
		this.json = json;
		this.http = new A1111Http(config, json);
		this.payload = new A1111Payload(config, json);
		this.pollMillis = Long.parseLong(config.option("pollIntervalMs", "250"));
	}

	@Override
	public BackendConfig config() {
		return config;
	}

	@Override
	public Set<Modality> modalities() {
		return Set.of(Modality.IMAGE);
	}

	@Override
	public BackendHealth check() {
		try {
			var models = checkpoints();
			if (models.isEmpty()) {
				return new BackendHealth(true, version(), models, List.of(), null,
						"Automatic1111 at " + http.baseUrl() + " has no checkpoint in models/Stable-diffusion");
			}
			return new BackendHealth(true, version(), models, List.of(), null, null);
		}
		catch (BackendException e) {
			return BackendHealth.down(e.getMessage());
		}
	}

	/** Checkpoint titles, the values {@code sd_model_checkpoint} accepts. */
	private List<String> checkpoints() throws BackendException {
		var titles = new ArrayList<String>();
		http.getJson("/sdapi/v1/sd-models", SHORT).forEach(model -> titles.add(model.path("title").asString("")));
		return titles;
	}

	/** The WebUI only tells its version in the system-info dump; a missing version must not fail the check. */
	private String version() {
		try {
			var version = http.getJson("/internal/sysinfo", SHORT).path("Version");
			return version.isString() ? version.stringValue() : null;
		}
		catch (BackendException e) {
			return null;
		}
	}

	@Override
	public RemoteJob submit(GenerationTask task) throws BackendException {
		var image = imageTask(task);
		payload.build(image); // validates face method and references before anything is sent
		if (image.checkpoint() != null && !image.checkpoint().isBlank()) {
			// The WebUI quietly keeps its current model for an unknown override, so check the name up front.
			var titles = checkpoints();
			var wanted = image.checkpoint();
			if (titles.stream().noneMatch(title -> names(title, wanted)
					|| names(title.substring(Math.max(title.lastIndexOf('/'), title.lastIndexOf('\\')) + 1), wanted))) {
				throw new BackendException(Kind.REJECTED_INPUT, "Checkpoint \"" + wanted + "\" is not installed on "
						+ "Automatic1111 at " + http.baseUrl() + "; available: " + String.join(", ", titles));
			}
		}
		return new RemoteJob(config.id(), String.valueOf(image.jobId()),
				Map.of("route", A1111Payload.route(image)));
	}

	/** A title is "file.safetensors [hash]"; people write it with or without the hash or extension. */
	private static boolean names(String title, String wanted) {
		return title.equals(wanted) || title.startsWith(wanted + " ") || title.startsWith(wanted + ".");
	}

	@Override
	public GenerationResult await(RemoteJob job, GenerationTask task, ProgressListener progress, Duration timeout)
			throws BackendException {
		var image = imageTask(task);
		var route = A1111Payload.route(image);
		// The HTTP timeout is a backstop: our own deadline fires first so it can interrupt the WebUI.
		var request = http.postJson(route, payload.build(image), timeout.plusSeconds(5));
		progress.progress(Progress.of(0));
		CompletableFuture<HttpResponse<String>> call = http.client()
			.sendAsync(request, dev.troupe.security.ResponseLimits.ofMediaString());
		var response = follow(call, route, progress, System.nanoTime() + timeout.toNanos());
		var result = toResult(http.parse(response, route), route);
		progress.progress(Progress.of(1));
		return result;
	}

	/** Waits for the blocking generation call while polling progress from this thread. */
	private HttpResponse<String> follow(CompletableFuture<HttpResponse<String>> call, String route,
			ProgressListener listener, long deadline) throws BackendException {
		var tracker = new ProgressTracker(listener);
		try {
			while (true) {
				try {
					return call.get(pollMillis, TimeUnit.MILLISECONDS);
				}
				catch (TimeoutException stillRunning) {
					if (System.nanoTime() > deadline) {
						call.cancel(true);
						interrupt();
						throw new BackendException(Kind.TIMEOUT, "Automatic1111 at " + http.baseUrl()
								+ " did not finish " + route + " in time; the generation was interrupted");
					}
					poll(tracker);
				}
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			call.cancel(true);
			interrupt();
			throw new BackendException(Kind.CANCELLED, "Generation on Automatic1111 was cancelled", e);
		}
		catch (ExecutionException e) {
			throw http.transportFailure(route, e.getCause());
		}
	}

	private void poll(ProgressTracker tracker) {
		try {
			var state = http.getJson(PROGRESS, Duration.ofSeconds(2));
			tracker.report(state);
		}
		catch (BackendException e) {
			// Progress is a courtesy; the generation call itself reports real failures.
			log.debug("Progress poll of {} failed: {}", http.baseUrl(), e.getMessage());
		}
	}

	private GenerationResult toResult(JsonNode answer, String route) throws BackendException {
		var artifacts = new ArrayList<Artifact>();
		var index = 0;
		for (var encoded : answer.path("images")) {
			var bytes = decode(encoded.asString(""));
			var jpeg = isJpeg(bytes);
			artifacts.add(new Artifact(bytes, jpeg ? "image/jpeg" : "image/png",
					"a1111-" + index++ + (jpeg ? ".jpg" : ".png")));
		}
		if (artifacts.isEmpty()) {
			throw new BackendException(Kind.INVALID_OUTPUT, "Automatic1111 at " + http.baseUrl()
					+ " finished but returned no images");
		}
		return new GenerationResult(artifacts, null, recipe(answer.path("info").asString(""), route));
	}

	/** {@code info} is JSON inside a string: the seeds and model the WebUI actually used. */
	private Map<String, Object> recipe(String info, String route) {
		var recipe = new LinkedHashMap<String, Object>();
		recipe.put("backend", "a1111");
		recipe.put("mode", route.endsWith("img2img") ? "img2img" : "txt2img");
		try {
			var node = json.readTree(info);
			for (var key : List.of("seed", "all_seeds", "sd_model_name", "sd_model_hash", "sampler_name",
					"scheduler", "steps", "cfg_scale", "width", "height", "denoising_strength")) {
				var value = node.path(key);
				if (!value.isMissingNode() && !value.isNull()) {
					recipe.put(key, json.treeToValue(value, Object.class));
				}
			}
		}
		catch (JacksonException | IllegalArgumentException e) {
			log.debug("Unreadable info from {}: {}", http.baseUrl(), e.getMessage());
		}
		return recipe;
	}

	@Override
	public void cancel(RemoteJob job) {
		// The WebUI runs one generation at a time and interrupt stops whatever runs; best effort by contract.
		interrupt();
	}

	private void interrupt() {
		try {
			var request = http.request("/sdapi/v1/interrupt", SHORT)
				.POST(java.net.http.HttpRequest.BodyPublishers.noBody())
				.build();
			http.client().send(request, HttpResponse.BodyHandlers.discarding());
		}
		catch (IOException e) {
			log.debug("Could not interrupt {}: {}", http.baseUrl(), e.getMessage());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private static ImageTask imageTask(GenerationTask task) throws BackendException {
		if (task instanceof ImageTask image) {
			return image;
		}
		throw new BackendException(Kind.REJECTED_INPUT, "Automatic1111 only makes images, not " + task.modality());
	}

	static byte[] decode(String base64) {
		// Some extensions return data URLs; the WebUI itself accepts both forms.
		var comma = base64.startsWith("data:") ? base64.indexOf(',') : -1;
		return Base64.getMimeDecoder().decode(comma >= 0 ? base64.substring(comma + 1) : base64);
	}

	static boolean isJpeg(byte[] bytes) {
		return bytes.length > 2 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8;
	}

	/**
	 * Turns progress answers into monotonic {@link Progress} events: the WebUI resets to 0 between jobs, and
	 * its live preview is PNG by default while listeners expect JPEG, so the last preview is converted once.
	 */
	private static final class ProgressTracker {

		private final ProgressListener listener;
		private double last;
		private String lastPreview;
		private byte[] lastJpeg;

		ProgressTracker(ProgressListener listener) {
			this.listener = listener;
		}

		void report(JsonNode answer) {
			var fraction = answer.path("progress").asDouble(0);
			var image = answer.path("current_image");
			var newPreview = image.isString() && !image.stringValue().isEmpty()
					&& !image.stringValue().equals(lastPreview);
			// Before the job starts and after it ends the WebUI reports 0; 1 is sent once the images are in hand.
			if (fraction < last || fraction >= 1 || (fraction == last && !newPreview)) {
				return;
			}
			last = fraction;
			var state = answer.path("state");
			var step = state.path("sampling_step").asInt(0);
			var total = state.path("sampling_steps").asInt(0);
			listener.progress(new Progress(fraction, total > 0 ? step : null, total > 0 ? total : null, "sampling",
					preview(image)));
		}

		private byte[] preview(JsonNode image) {
			if (!image.isString() || image.stringValue().isEmpty()) {
				return null;
			}
			if (!image.stringValue().equals(lastPreview)) {
				lastPreview = image.stringValue();
				lastJpeg = toJpeg(decode(lastPreview));
			}
			return lastJpeg == null ? null : Arrays.copyOf(lastJpeg, lastJpeg.length);
		}

		private static byte[] toJpeg(byte[] bytes) {
			if (isJpeg(bytes)) {
				return bytes;
			}
			try {
				var image = dev.troupe.media.ImageDecoding.read(bytes);
				if (image == null) {
					return null;
				}
				// JPEG has no alpha: draw onto an RGB canvas first.
				var rgb = new java.awt.image.BufferedImage(image.getWidth(), image.getHeight(),
						java.awt.image.BufferedImage.TYPE_INT_RGB);
				rgb.createGraphics().drawImage(image, 0, 0, null);
				var out = new ByteArrayOutputStream();
				ImageIO.write(rgb, "jpg", out);
				return out.toByteArray();
			}
			catch (IOException | IllegalArgumentException e) {
				return null;
			}
		}
	}
}
