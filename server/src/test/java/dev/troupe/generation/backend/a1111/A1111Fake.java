package dev.troupe.generation.backend.a1111;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.troupe.support.TestImages;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A protocol-faithful stand-in for stable-diffusion-webui {@code --api}: the routes, answer shapes and error
 * envelopes of the real server, with txt2img blocking for a while so progress can be polled meanwhile.
 */
class A1111Fake extends Dispatcher {

	static final String CHECKPOINT = "v1-5-pruned-emaonly.safetensors [6ce0161689]";
	static final JsonMapper JSON = JsonMapper.builder().build();

	/** When set, the next generation call answers with this instead of images. */
	volatile MockResponse generationOverride;
	volatile boolean controlNetInstalled = true;
	volatile long generationMillis = 900;

	final Map<String, JsonNode> bodies = new ConcurrentHashMap<>();
	final List<String> calls = new CopyOnWriteArrayList<>();
	private volatile long startedAt;

	@Override
	public MockResponse dispatch(RecordedRequest request) {
		var path = request.getUrl().encodedPath();
		calls.add(request.getMethod() + " " + path);
		return switch (request.getMethod() + " " + path) {
			case "GET /sdapi/v1/sd-models" -> json(200, """
					[{"title": "%s", "model_name": "v1-5-pruned-emaonly", "hash": "6ce0161689",
					  "sha256": "6ce0161689b3853acaa03779ec93eafe75a02f4ced659bee03f50797806fa2fa",
					  "filename": "/webui/models/Stable-diffusion/v1-5-pruned-emaonly.safetensors", "config": null}]
					""".formatted(CHECKPOINT));
			case "GET /internal/sysinfo" -> json(200, """
					{"Platform": "Linux-6.1.0-x86_64", "Python": "3.10.14", "Version": "v1.10.1",
					 "Commit": "82a973c04367123ae98bd9abdf80d9eda9b910e2", "Extensions": []}""");
			case "GET /sdapi/v1/progress" -> progress();
			case "POST /sdapi/v1/interrupt" -> json(200, "{}");
			case "POST /sdapi/v1/txt2img", "POST /sdapi/v1/img2img" -> generate(path, request);
			default -> json(404, "{\"detail\":\"Not Found\"}");
		};
	}

	private MockResponse generate(String path, RecordedRequest request) {
		var body = JSON.readTree(request.getBody().utf8());
		bodies.put(path, body);
		if (generationOverride != null) {
			return generationOverride;
		}
		if (body.has("alwayson_scripts") && body.path("alwayson_scripts").has("controlnet") && !controlNetInstalled) {
			return json(422, "{\"detail\":\"always on script controlnet not found\"}");
		}
		startedAt = System.currentTimeMillis();
		var images = JSON.createArrayNode();
		for (int i = 0; i < body.path("batch_size").asInt(1); i++) {
			images.add(Base64.getEncoder().encodeToString(png(body.path("width").asInt(64), body.path("height").asInt(64))));
		}
		var seed = body.path("seed").asLong(-1) < 0 ? 3_141_592_653L : body.path("seed").asLong();
		var info = JSON.createObjectNode()
			.put("prompt", body.path("prompt").asString(""))
			.put("seed", seed)
			.put("sd_model_name", "v1-5-pruned-emaonly")
			.put("sd_model_hash", "6ce0161689")
			.put("sampler_name", "Euler a")
			.put("steps", body.path("steps").asInt())
			.put("cfg_scale", body.path("cfg_scale").asDouble());
		info.putArray("all_seeds").add(seed).add(seed + 1);
		var answer = JSON.createObjectNode();
		answer.set("images", images);
		answer.set("parameters", body);
		answer.put("info", JSON.writeValueAsString(info));
		return new MockResponse.Builder().code(200)
			.setHeader("Content-Type", "application/json")
			.body(JSON.writeValueAsString(answer))
			.headersDelay(generationMillis, TimeUnit.MILLISECONDS)
			.build();
	}

	/** Like the WebUI: 0 and no image when idle, a fraction, sampler steps and a PNG preview while busy. */
	private MockResponse progress() {
		var elapsed = System.currentTimeMillis() - startedAt;
		if (startedAt == 0 || elapsed > generationMillis) {
			return json(200, """
					{"progress": 0.0, "eta_relative": 0.0, "state": {"skipped": false, "interrupted": false,
					 "stopping_generation": false, "job": "", "job_count": 0, "job_timestamp": "0", "job_no": 0,
					 "sampling_step": 0, "sampling_steps": 0}, "current_image": null, "textinfo": null}""");
		}
		var fraction = Math.min(0.95, (double) elapsed / generationMillis);
		var step = (int) Math.round(fraction * 20);
		return json(200, """
				{"progress": %s, "eta_relative": 1.2, "state": {"skipped": false, "interrupted": false,
				 "stopping_generation": false, "job": "Batch 1 out of 1", "job_count": 1, "job_timestamp": "20250101120000",
				 "job_no": 0, "sampling_step": %d, "sampling_steps": 20}, "current_image": "%s", "textinfo": null}"""
			.formatted(fraction, step, Base64.getEncoder().encodeToString(png(32, 32))));
	}

	static MockResponse json(int code, String body) {
		return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
	}

	static byte[] png(int width, int height) {
		var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
		var graphics = image.createGraphics();
		graphics.setColor(new Color(200, 120, 40, 255));
		graphics.fillRect(0, 0, width / 2, height / 2);
		graphics.dispose();
		return TestImages.png(image);
	}
}
