package dev.troupe.generation.backend.comfyui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.troupe.generation.spi.BackendConfig;
import dev.troupe.generation.spi.BackendException;
import dev.troupe.generation.spi.BackendException.Kind;
import dev.troupe.generation.spi.GenerationBackend;
import dev.troupe.generation.spi.GenerationBackendContractTests;
import dev.troupe.generation.spi.GenerationResult;
import dev.troupe.generation.spi.GenerationTask;
import dev.troupe.generation.spi.GenerationTask.ImageTask;
import dev.troupe.generation.spi.GenerationTask.InputFile;
import dev.troupe.generation.spi.GenerationTask.Lora;
import dev.troupe.generation.spi.GenerationTask.VideoTask;
import dev.troupe.generation.spi.Progress;
import dev.troupe.generation.spi.ProgressListener;
import dev.troupe.generation.spi.RemoteJob;

class ComfyUiBackendTests extends GenerationBackendContractTests {

	static final ShippedTemplates TEMPLATES = new ShippedTemplates();

	FakeComfyUi fake;
	ComfyUiBackend backend;
	ComfyUiBackend unreachable;

	@BeforeEach
	void start() throws Exception {
		fake = new FakeComfyUi();
		backend = backendAt(fake.baseUrl());
		unreachable = backendAt(URI.create("http://127.0.0.1:1"));
	}

	@AfterEach
	void stop() throws Exception {
		backend.close();
		unreachable.close();
		fake.close();
	}

	static ComfyUiBackend backendAt(URI url) {
		return new ComfyUiBackend(new BackendConfig("comfy-1", "comfyui", url, null, 1, true,
				Map.of("requestTimeoutSeconds", "5", "pollSeconds", "0.5")), TEMPLATES);
	}

	@Override
	protected GenerationBackend backend() {
		return backend;
	}

	@Override
	protected GenerationBackend unreachableBackend() {
		return unreachable;
	}

	@Override
	protected GenerationTask task() {
		return image(FakeComfyUi.CHECKPOINT, "NONE", List.of());
	}

	@Override
	protected GenerationTask rejectedTask() {
		return image("missing.safetensors", "NONE", List.of());
	}

	static final UUID JOB = UUID.fromString("7d4e3a2c-0000-4000-8000-000000000001");

	static ImageTask image(String checkpoint, String faceMethod, List<InputFile> references) {
		return new ImageTask(JOB, "portrait of Mira, golden hour", "blurry", 832, 1216, 24, 5.5, 1234, 1, checkpoint,
				List.of(new Lora("mira_v2.safetensors", 0.7)), faceMethod, references, null, 0, null);
	}

	@Override
	protected void assertUsable(GenerationResult result) {
		assertThat(result.artifacts()).hasSize(1);
		var artifact = result.artifacts().get(0);
		assertThat(artifact.contentType()).isEqualTo("image/png");
		try {
			assertThat(ImageIO.read(new ByteArrayInputStream(artifact.bytes()))).isNotNull();
		}
		catch (java.io.IOException e) {
			throw new AssertionError(e);
		}
		assertThat(result.recipe()).containsKeys("prompt_id", "template", "template_sha256")
				.containsEntry("template", "sdxl-txt2img")
				.containsEntry("template_sha256", TEMPLATES.find("sdxl-txt2img").orElseThrow().sha256());
	}

	@Test
	void healthNamesVersionModelsAndQueue() {
		var health = backend.check();
		assertThat(health.version()).isEqualTo("0.3.43");
		assertThat(health.models()).containsExactly(FakeComfyUi.CHECKPOINT, "juggernautXL_v9.safetensors");
		assertThat(health.queueDepth()).isZero();
	}

	@Test
	void queuesTheFilledTemplateWithItsClientIdAndReportsNodeProgressAndPreviews() throws Exception {
		var progress = new CopyOnWriteArrayList<Progress>();
		var job = backend.submit(task());
		var result = backend.await(job, task(), progress::add, Duration.ofSeconds(10));

		assertThat(fake.requestsTo("POST /prompt")).singleElement().asString()
				.contains("\"client_id\":\"" + backend.clientId() + "\"");
		var prompt = fake.prompts.get(job.remoteId());
		assertThat(prompt.path("4").path("inputs").path("text").asString()).isEqualTo("portrait of Mira, golden hour");
		assertThat(prompt.path("2").path("inputs").path("lora_name").asString()).isEqualTo("mira_v2.safetensors");
		assertThat(prompt.has("3")).as("unused LoRA slot is cut out").isFalse();
		assertThat(progress).anySatisfy(p -> {
			assertThat(p.node()).isEqualTo("KSampler");
			assertThat(p.step()).isEqualTo(2);
			assertThat(p.total()).isEqualTo(4);
		});
		assertThat(progress).anySatisfy(p -> assertThat(p.previewJpeg()).isEqualTo(FakeComfyUi.png()));
		assertThat(progress.get(progress.size() - 1).fraction()).isEqualTo(1.0);
		assertThat(result.artifacts().get(0).filename()).isEqualTo("image_00001_.png");
		assertThat(fake.requestsTo("GET /view")).hasSize(1);
	}

	@Test
	void nodeErrorsAreReportedPerNodeAndInput() {
		assertThatThrownBy(() -> backend.submit(rejectedTask())).isInstanceOfSatisfying(BackendException.class, e -> {
			assertThat(e.kind()).isEqualTo(Kind.REJECTED_INPUT);
			assertThat(e.getMessage()).contains("Node 1 (CheckpointLoaderSimple) input 'ckpt_name': Value not in list: "
					+ "ckpt_name: 'missing.safetensors' not in ['sd_xl_base_1.0.safetensors']");
		});
	}

	@Test
	void missingCustomNodesAreNamedBeforeAnythingIsQueued() {
		fake.nodeClasses.removeAll(List.of("ApplyInstantID", "InstantIDFaceAnalysis"));
		var face = image(FakeComfyUi.CHECKPOINT, "INSTANTID", List.of(new InputFile("mira.png", FakeComfyUi.png())));

		assertThatThrownBy(() -> backend.submit(face)).isInstanceOfSatisfying(BackendException.class, e -> {
			assertThat(e.kind()).isEqualTo(Kind.MISSING_NODES);
			assertThat(e.getMessage()).contains("ApplyInstantID, InstantIDFaceAnalysis").contains("sdxl-instantid");
		});
		assertThat(fake.requestsTo("POST /prompt")).isEmpty();
		assertThat(fake.requestsTo("POST /upload")).isEmpty();
		var health = backend.check(List.of(TEMPLATES.find("sdxl-instantid").orElseThrow()));
		assertThat(health.missingNodes()).containsExactly("ApplyInstantID", "InstantIDFaceAnalysis");
		assertThat(health.usable()).isFalse();
		assertThat(backend.check().usable()).as("the default template still works").isTrue();
	}

	@Test
	void theReferenceFaceIsUploadedAndBoundToLoadImageUnderTheNameTheServerChose() throws Exception {
		var face = image(FakeComfyUi.CHECKPOINT, "INSTANTID", List.of(new InputFile("mira.png", FakeComfyUi.png())));
		var job = backend.submit(face);
		backend.await(job, face, ProgressListener.NONE, Duration.ofSeconds(10));

		var stored = "troupe-" + JOB + "-reference (1).png";
		assertThat(fake.uploads).containsOnlyKeys(stored);
		assertThat(fake.uploads.get(stored)).isEqualTo(FakeComfyUi.png());
		var prompt = fake.prompts.get(job.remoteId());
		assertThat(prompt.path("13").path("class_type").asString()).isEqualTo("LoadImage");
		assertThat(prompt.path("13").path("inputs").path("image").asString()).isEqualTo(stored);
	}

	@Test
	void everyReferenceFaceGoesToItsOwnLoaderOfTheIpAdapterBatch() throws Exception {
		var faces = List.of(new InputFile("a.png", FakeComfyUi.png()), new InputFile("b.png", png(1)),
				new InputFile("c.png", png(2)), new InputFile("d.png", png(3)));
		var face = image(FakeComfyUi.CHECKPOINT, "IP_ADAPTER_FACEID", faces);
		var job = backend.submit(face);
		var result = backend.await(job, face, ProgressListener.NONE, Duration.ofSeconds(10));

		assertThat(fake.uploads).as("three loaders: the first three references").hasSize(3);
		var prompt = fake.prompts.get(job.remoteId());
		var loaded = List.of("11", "13", "14").stream().map(n -> prompt.path(n).path("inputs").path("image").asString()).toList();
		assertThat(loaded).doesNotHaveDuplicates();
		assertThat(fake.uploads.get(loaded.get(1))).isEqualTo(faces.get(1).bytes());
		assertThat(prompt.path("12").path("inputs").path("image").get(0).asString()).as("IP-Adapter takes the batch")
			.isEqualTo("16");
		assertThat(result.recipe()).containsEntry("referencesUsed", 3);
	}

	@Test
	void oneReferenceFillsEveryLoader() throws Exception {
		var face = image(FakeComfyUi.CHECKPOINT, "IP_ADAPTER_FACEID", List.of(new InputFile("a.png", FakeComfyUi.png())));
		var job = backend.submit(face);
		backend.await(job, face, ProgressListener.NONE, Duration.ofSeconds(10));
		assertThat(fake.uploads).hasSize(1);
		var prompt = fake.prompts.get(job.remoteId());
		assertThat(List.of("11", "13", "14")).allSatisfy(n -> assertThat(prompt.path(n).path("inputs").path("image").asString())
			.isEqualTo(fake.uploads.keySet().iterator().next()));
	}

	/** A distinct small PNG per seed (the fake stores uploads by name, so contents only need to differ). */
	private static byte[] png(int seed) {
		var image = new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB);
		image.setRGB(seed, seed, 0xFFFFFF);
		return dev.troupe.support.TestImages.png(image);
	}

	@Test
	void executionErrorsNameTheNodeAndTheException() throws Exception {
		fake.outcome = FakeComfyUi.Outcome.EXECUTION_ERROR;
		var job = backend.submit(task());
		assertThatThrownBy(() -> backend.await(job, task(), ProgressListener.NONE, Duration.ofSeconds(10)))
				.isInstanceOfSatisfying(BackendException.class, e -> {
					assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR);
					assertThat(e.getMessage()).contains("node 7 (KSampler)").contains("RuntimeError")
							.contains("Expected all tensors to be on the same device");
				});
	}

	@Test
	void outOfMemoryIsItsOwnRetryableKind() throws Exception {
		fake.outcome = FakeComfyUi.Outcome.OUT_OF_MEMORY;
		var job = backend.submit(task());
		assertThatThrownBy(() -> backend.await(job, task(), ProgressListener.NONE, Duration.ofSeconds(10)))
				.isInstanceOfSatisfying(BackendException.class, e -> {
					assertThat(e.kind()).isEqualTo(Kind.OUT_OF_MEMORY);
					assertThat(e.kind().retryable()).isTrue();
					assertThat(e.getMessage()).contains("node 7 (KSampler)").contains("out of memory");
				});
	}

	@Test
	void aDroppedWebsocketMidJobIsUnreachableAndNamesTheServer() throws Exception {
		fake.outcome = FakeComfyUi.Outcome.DROP_SOCKET;
		var job = backend.submit(task());
		assertThatThrownBy(() -> backend.await(job, task(), ProgressListener.NONE, Duration.ofSeconds(10)))
				.isInstanceOfSatisfying(BackendException.class, e -> {
					assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
					assertThat(e.getMessage()).contains(fake.baseUrl().toString()).contains(job.remoteId());
				});
	}

	@Test
	void aSocketCutWhileTheServerStillRunsTheJobIsReopened() throws Exception {
		fake.outcome = FakeComfyUi.Outcome.PROXY_CUTS_SOCKET;
		var job = backend.submit(task());
		assertUsable(backend.await(job, task(), ProgressListener.NONE, Duration.ofSeconds(10)));
		assertThat(fake.requestsTo("GET /ws")).hasSize(2);
	}

	@Test
	void aJobFinishedWhileTroupeWasDownIsResumedFromHistoryAlone() throws Exception {
		fake.outcome = FakeComfyUi.Outcome.HOLD;
		var job = backend.submit(task());
		await().until(() -> fake.running.contains(job.remoteId()));
		fake.finishQuietly(job.remoteId());
		var stored = new RemoteJob(job.backendId(), job.remoteId(), job.state());

		var restarted = backendAt(fake.baseUrl());
		try {
			fake.requests.clear();
			var result = restarted.await(stored, task(), ProgressListener.NONE, Duration.ofSeconds(10));
			assertUsable(result);
			assertThat(result.recipe()).containsEntry("prompt_id", job.remoteId());
			assertThat(fake.requests).noneMatch(r -> r.startsWith("GET /ws"));
		}
		finally {
			restarted.close();
		}
	}

	@Test
	void aResumedRunningJobIsFollowedUntilHistoryHasIt() throws Exception {
		fake.outcome = FakeComfyUi.Outcome.HOLD;
		var job = backend.submit(task());
		await().until(() -> fake.running.contains(job.remoteId()));
		var restarted = backendAt(fake.baseUrl());
		try {
			new Thread(() -> {
				sleep(700);
				fake.finishQuietly(job.remoteId());
			}).start();
			assertUsable(restarted.await(job, task(), ProgressListener.NONE, Duration.ofSeconds(10)));
		}
		finally {
			restarted.close();
		}
	}

	@Test
	void cancelInterruptsTheRunningPrompt() throws Exception {
		fake.outcome = FakeComfyUi.Outcome.HOLD;
		var job = backend.submit(task());
		await().until(() -> fake.running.contains(job.remoteId()));
		backend.cancel(job);
		assertThat(fake.requestsTo("POST /interrupt")).singleElement().asString().contains(job.remoteId());
	}

	@Test
	void cancelDeletesAPendingPromptFromTheQueue() {
		fake.pending.add("waiting-prompt");
		backend.cancel(new RemoteJob("comfy-1", "waiting-prompt", Map.of()));
		assertThat(fake.requestsTo("POST /queue")).singleElement().asString().contains("{\"delete\":[\"waiting-prompt\"]}");
		assertThat(fake.requestsTo("POST /interrupt")).isEmpty();
	}

	@Test
	void aTimeoutIsReportedAsSuch() throws Exception {
		fake.outcome = FakeComfyUi.Outcome.HOLD;
		var job = backend.submit(task());
		assertThatThrownBy(() -> backend.await(job, task(), ProgressListener.NONE, Duration.ofMillis(800)))
				.isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));
	}

	@Test
	void anUnknownHostIsUnreachableWithTheUrl() {
		var nowhere = backendAt(URI.create("http://comfy.invalid:8188"));
		var health = nowhere.check();
		assertThat(health.reachable()).isFalse();
		assertThat(health.error()).contains("http://comfy.invalid:8188");
		assertThatThrownBy(() -> nowhere.submit(task())).isInstanceOfSatisfying(BackendException.class,
				e -> assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE));
	}

	@Test
	void makesVideosFromASourceImageAndFromText() throws Exception {
		var svd = new VideoTask(JOB, null, null, new InputFile("frame.png", FakeComfyUi.png()), 1024, 576, 25, 8, 20, 7,
				null, List.of(), null);
		var submitted = backend.submit(svd);
		var result = backend.await(submitted, svd, ProgressListener.NONE, Duration.ofSeconds(10));
		assertThat(result.artifacts()).as("a publishable MP4, not an animated WebP").singleElement()
			.satisfies(a -> assertThat(a.contentType()).isEqualTo("video/mp4"));
		assertThat(result.recipe()).containsEntry("template", "svd-img2vid");
		var sent = fake.prompts.get(submitted.remoteId());
		assertThat(sent.at("/8/class_type").asString()).isEqualTo("SaveVideo");
		assertThat(sent.at("/8/inputs/format").asString()).isEqualTo("mp4");
		assertThat(sent.at("/7/inputs/fps").asDouble()).as("fps bound into CreateVideo").isEqualTo(8.0);

		var text = new VideoTask(JOB, "Mira waves", null, null, 512, 512, 16, 8, 20, 7, FakeComfyUi.CHECKPOINT, List.of(), null);
		var video = backend.await(backend.submit(text), text, ProgressListener.NONE, Duration.ofSeconds(10));
		assertThat(video.artifacts()).singleElement().satisfies(a -> assertThat(a.contentType()).isEqualTo("video/mp4"));
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
