package dev.troupe.generation;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import dev.troupe.generation.spi.Artifact;
import dev.troupe.generation.spi.BackendConfig;
import dev.troupe.generation.spi.BackendException;
import dev.troupe.generation.spi.BackendHealth;
import dev.troupe.generation.spi.BackendTypeDescriptor;
import dev.troupe.generation.spi.GenerationBackend;
import dev.troupe.generation.spi.GenerationBackendFactory;
import dev.troupe.generation.spi.GenerationResult;
import dev.troupe.generation.spi.GenerationTask;
import dev.troupe.generation.spi.Modality;
import dev.troupe.generation.spi.Progress;
import dev.troupe.generation.spi.ProgressListener;
import dev.troupe.generation.spi.RemoteJob;
import dev.troupe.support.TestImages;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in GPU server for tests and benchmarks (type {@code fake}): every job takes {@code serviceMillis}
 * (option) and one job at a time per instance, like a GPU; {@code fail} = unreachable | rejected makes it fail
 * ({@code flaky}: looks healthy, then refuses connections); {@code modalities} limits what it makes.
 * Jobs live in a static map keyed by remote id, so a job survives a restart of the application in the same JVM
 * exactly like a job on a real server survives a restart of Troupe.
 */
public class FakeBackend implements GenerationBackend {

	static final Map<String, Long> STARTED = new ConcurrentHashMap<>();
	/** Submissions per backend id. */
	static final Map<String, AtomicInteger> SUBMITTED = new ConcurrentHashMap<>();
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final BackendConfig config;
	private final Object gpu = new Object();

	FakeBackend(BackendConfig config) {
		this.config = config;
	}

	@TestConfiguration(proxyBeanMethods = false)
	public static class Factory {

		@Bean
		GenerationBackendFactory fakeBackendFactory() {
			return new GenerationBackendFactory() {
				public BackendTypeDescriptor descriptor() {
					return new BackendTypeDescriptor("fake", "Fake", Set.of(Modality.values()), false,
							List.of(BackendTypeDescriptor.Option.of("model", "Model", BackendTypeDescriptor.OptionType.TEXT,
									null, "Model name.")));
				}

				public GenerationBackend create(BackendConfig config) {
					return new FakeBackend(config);
				}
			};
		}
	}

	@Override
	public BackendConfig config() {
		return config;
	}

	@Override
	public Set<Modality> modalities() {
		var only = config.option("modalities", "");
		// talking clips are made by the real local ffmpeg backend; the fake does not pretend to make them
		return only.isBlank() ? EnumSet.complementOf(EnumSet.of(Modality.CLIP))
				: Arrays.stream(only.split(",")).map(String::trim).map(Modality::valueOf)
					.collect(Collectors.toSet());
	}

	@Override
	public boolean clonesVoices() {
		return config.option("clonesVoices", "false").equals("true");
	}

	@Override
	public BackendHealth check() {
		return config.option("fail", "").equals("unreachable") ? BackendHealth.down("Connection refused: " + config.baseUrl())
				: new BackendHealth(true, "fake 1.0", List.of("fake-model.safetensors"), List.of(), 0, null);
	}

	@Override
	public RemoteJob submit(GenerationTask task) throws BackendException {
		if (config.option("fail", "").equals("unreachable") || config.option("fail", "").equals("flaky")) {
			throw new BackendException(BackendException.Kind.UNREACHABLE, "Cannot connect to " + config.baseUrl());
		}
		SUBMITTED.computeIfAbsent(config.id(), id -> new AtomicInteger()).incrementAndGet();
		return new RemoteJob(config.id(), UUID.randomUUID().toString(), Map.of());
	}

	@Override
	public GenerationResult await(RemoteJob job, GenerationTask task, ProgressListener progress, Duration timeout)
			throws BackendException {
		if (config.option("fail", "").equals("rejected")) {
			throw new BackendException(BackendException.Kind.REJECTED_INPUT, "Node 4 (CheckpointLoaderSimple) input 'ckpt_name': not installed");
		}
		var millis = Long.parseLong(config.option("serviceMillis", "300"));
		synchronized (gpu) { // one job at a time, like one GPU
			var started = STARTED.computeIfAbsent(job.remoteId(), k -> System.currentTimeMillis());
			var steps = 5;
			try {
				for (int step = 1; step <= steps; step++) {
					var due = started + millis * step / steps;
					var wait = due - System.currentTimeMillis();
					if (wait > 0) {
						sleep(wait);
					}
					progress.progress(new Progress((double) step / steps, step, steps, "KSampler", step == 3 ? jpeg() : null));
				}
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new BackendException(BackendException.Kind.UNREACHABLE, "interrupted");
			}
		}
		if (task instanceof GenerationTask.ImageTask image) {
			return new GenerationResult(List.of(new Artifact(png(image.width(), image.height(), image.seed()),
					"image/png", "fake_00001_.png")), null, Map.of("model", "fake-model.safetensors", "remoteId", job.remoteId()));
		}
		if (task instanceof GenerationTask.TextTask text) {
			return new GenerationResult(List.of(), answer(text), Map.of("model", "fake-llm"));
		}
		if (task instanceof GenerationTask.VoiceTask) {
			return new GenerationResult(List.of(new Artifact(wav(), "audio/wav", "voice.wav")), null, Map.of());
		}
		return new GenerationResult(List.of(new Artifact(mp4(), "video/mp4", "clip.mp4")), null, Map.of());
	}

	@Override
	public void cancel(RemoteJob job) {
	}

	/** With option ignoreInterrupts the "GPU" keeps going when Troupe's thread is interrupted, as a real one would. */
	private void sleep(long millis) throws InterruptedException {
		if (!config.option("ignoreInterrupts", "false").equals("true")) {
			Thread.sleep(millis);
			return;
		}
		var until = System.currentTimeMillis() + millis;
		while (System.currentTimeMillis() < until) {
			try {
				Thread.sleep(Math.max(1, until - System.currentTimeMillis()));
			}
			catch (InterruptedException e) {
				// keep running
			}
		}
	}

	private static String answer(GenerationTask.TextTask task) {
		var schema = JSON.readTree(task.jsonSchema());
		if (schema.at("/properties/captions").isObject()) {
			var root = JSON.createObjectNode();
			var captions = root.putArray("captions");
			schema.at("/properties/captions/items/properties/platform/enum").forEach(p -> captions.addObject()
				.put("platform", p.asString()).put("text", "Golden hour over the river again #sunset")
				.put("altText", "A river at sunset").putArray("hashtags").add("#sunset"));
			return root.toString();
		}
		if (schema.at("/properties/consistent").isObject()) {
			// a continuity check: the fake model knows one fact, the one the tests give their characters
			var contradicts = task.systemPrompt().contains("never drinks coffee") && task.userPrompt().contains("coffee");
			return JSON.createObjectNode().put("consistent", !contradicts)
				.put("reason", contradicts ? "The persona says she never drinks coffee; the caption has her drinking one" : "")
				.toString();
		}
		var root = JSON.createObjectNode();
		var ideas = root.putArray("ideas");
		for (int i = 0; i < 3; i++) {
			ideas.addObject().put("date", "2026-12-0" + (i + 1)).put("pillar", "travel").put("title", "Idea " + i)
				.put("imagePrompt", "a street at dawn").put("captionIdea", "morning walk");
		}
		return root.toString();
	}

	static byte[] png(int width, int height, long seed) {
		var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		var random = new Random(seed);
		var g = image.createGraphics();
		for (int i = 0; i < 12; i++) {
			g.setColor(new Color(random.nextInt(0xFFFFFF)));
			g.fillRect(random.nextInt(width), random.nextInt(height), width / 3, height / 3);
		}
		g.dispose();
		return encode(image, "png");
	}

	private static byte[] jpeg() {
		return encode(new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB), "jpg");
	}

	private static byte[] encode(BufferedImage image, String format) {
		return TestImages.encode(image, format);
	}

	static byte[] wav() {
		int samples = 800;
		var buffer = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
		buffer.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples * 2).put("WAVE".getBytes(StandardCharsets.US_ASCII))
			.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000)
			.putInt(16000).putShort((short) 2).putShort((short) 16).put("data".getBytes(StandardCharsets.US_ASCII))
			.putInt(samples * 2);
		return buffer.array();
	}

	private static byte[] mp4() {
		var buffer = ByteBuffer.allocate(24 + 16);
		buffer.putInt(24).put("ftyp".getBytes(StandardCharsets.US_ASCII)).put("isom".getBytes(StandardCharsets.US_ASCII))
			.putInt(512).put("isomiso2".getBytes(StandardCharsets.US_ASCII));
		buffer.putInt(16).put("mdat".getBytes(StandardCharsets.US_ASCII)).putLong(0);
		return buffer.array();
	}
}
