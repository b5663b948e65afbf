package dev.troupe.generation.backend.a1111;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
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
import dev.troupe.generation.spi.Progress;
import dev.troupe.generation.spi.ProgressListener;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

class A1111BackendTests extends GenerationBackendContractTests {

	private static final byte[] FACE = A1111Fake.png(48, 48);

	private final MockWebServer server = new MockWebServer();
	private final A1111Fake fake = new A1111Fake();
	/** A port that was free a moment ago: nothing listens there. */
	private final int closedPort = freePort();

	@BeforeEach
	void start() throws IOException {
		server.setDispatcher(fake);
		server.start();
	}

	@AfterEach
	void stop() {
		server.close();
	}

	@Override
	protected GenerationBackend backend() {
		return backendAt(server.url("/").uri());
	}

	@Override
	protected GenerationBackend unreachableBackend() {
		return backendAt(URI.create("http://127.0.0.1:" + closedPort));
	}

	private static GenerationBackend backendAt(URI url) {
		return new A1111BackendFactory(A1111Fake.JSON)
			.create(new BackendConfig("a1111-test", "a1111", url, null, 1, true, Map.of()));
	}

	@Override
	protected GenerationTask task() {
		return image("IP_ADAPTER_FACEID", "v1-5-pruned-emaonly", null);
	}

	@Override
	protected GenerationTask rejectedTask() {
		return image("NONE", "juggernautXL_v9", null);
	}

	private static ImageTask image(String faceMethod, String checkpoint, InputFile initImage) {
		return new ImageTask(UUID.fromString("00000000-0000-0000-0000-000000000042"), "portrait of Ada, soft light",
				"blurry, lowres", 64, 64, 20, 6.5, 1234, 2, checkpoint,
				List.of(new Lora("ada_v2", 0.8), new Lora("film_grain", 0.35)), faceMethod,
				List.of(new InputFile("ada-face.png", FACE)), initImage, 0.55, null);
	}

	@Override
	protected void assertUsable(GenerationResult result) {
		assertThat(result.artifacts()).hasSize(2).allSatisfy(artifact -> {
			assertThat(artifact.contentType()).isEqualTo("image/png");
			assertThat(ImageIO.read(new ByteArrayInputStream(artifact.bytes()))).isNotNull();
		});
		assertThat(result.recipe()).containsEntry("seed", 1234).containsEntry("mode", "txt2img")
			.containsEntry("sd_model_name", "v1-5-pruned-emaonly");
	}

	@Test
	void sendsLorasAsPromptTagsAndTheFaceAsAControlNetUnit() throws Exception {
		run(task());
		var body = fake.bodies.get("/sdapi/v1/txt2img");
		assertThat(body.path("prompt").asString())
			.isEqualTo("portrait of Ada, soft light <lora:ada_v2:0.8> <lora:film_grain:0.35>");
		assertThat(body.path("negative_prompt").asString()).isEqualTo("blurry, lowres");
		assertThat(body.path("override_settings").path("sd_model_checkpoint").asString()).isEqualTo("v1-5-pruned-emaonly");
		assertThat(body.path("seed").asLong()).isEqualTo(1234);
		assertThat(body.path("steps").asInt()).isEqualTo(20);
		assertThat(body.path("cfg_scale").asDouble()).isEqualTo(6.5);
		assertThat(body.path("batch_size").asInt()).isEqualTo(2);
		var units = body.path("alwayson_scripts").path("controlnet").path("args");
		assertThat(units).hasSize(1);
		assertThat(units.get(0).path("module").asString()).isEqualTo("ip-adapter_face_id_plus");
		assertThat(units.get(0).path("model").asString()).isEqualTo("ip-adapter-faceid-plusv2_sd15");
		assertThat(units.get(0).path("enabled").asBoolean()).isTrue();
		assertThat(Base64.getDecoder().decode(units.get(0).path("image").asString())).isEqualTo(FACE);
	}

	@Test
	void instantIdNeedsAnEmbeddingAndAKeypointsUnit() throws Exception {
		run(image("INSTANTID", null, null));
		var units = fake.bodies.get("/sdapi/v1/txt2img").path("alwayson_scripts").path("controlnet").path("args");
		assertThat(units).extracting(unit -> unit.path("module").asString())
			.containsExactly("instant_id_face_embedding", "instant_id_face_keypoints");
		assertThat(units).extracting(unit -> unit.path("model").asString())
			.containsExactly("ip-adapter_instant_id_sdxl", "control_instant_id_sdxl");
	}

	@Test
	void noFaceMethodSendsNoControlNetUnits() throws Exception {
		run(image("NONE", null, null));
		assertThat(fake.bodies.get("/sdapi/v1/txt2img").has("alwayson_scripts")).isFalse();
		assertThat(fake.bodies.get("/sdapi/v1/txt2img").has("override_settings")).isFalse();
	}

	@Test
	void anInitImageGoesToImg2ImgWithItsDenoisingStrength() throws Exception {
		var init = new InputFile("frame.png", A1111Fake.png(64, 64));
		var result = run(image("NONE", null, init));
		assertThat(fake.calls).contains("POST /sdapi/v1/img2img").doesNotContain("POST /sdapi/v1/txt2img");
		var body = fake.bodies.get("/sdapi/v1/img2img");
		assertThat(Base64.getDecoder().decode(body.path("init_images").get(0).asString())).isEqualTo(init.bytes());
		assertThat(body.path("denoising_strength").asDouble()).isEqualTo(0.55);
		assertThat(result.recipe()).containsEntry("mode", "img2img");
	}

	@Test
	void pollsProgressWithStepsAndAJpegPreviewWhileTheCallBlocks() throws Exception {
		var progress = new CopyOnWriteArrayList<Progress>();
		var backend = backend();
		backend.await(backend.submit(task()), task(), progress::add, Duration.ofSeconds(10));
		assertThat(fake.calls).contains("GET /sdapi/v1/progress");
		var live = progress.stream().filter(p -> p.previewJpeg() != null).toList();
		assertThat(live).isNotEmpty().allSatisfy(p -> {
			assertThat(p.total()).isEqualTo(20);
			assertThat(p.previewJpeg()[0] & 0xff).isEqualTo(0xff); // JPEG SOI marker
			assertThat(ImageIO.read(new ByteArrayInputStream(p.previewJpeg()))).isNotNull();
		});
		assertThat(progress.get(progress.size() - 1).fraction()).isEqualTo(1.0);
	}

	@Test
	void aValidationErrorNamesTheFieldAndTheReason() {
		fake.generationOverride = A1111Fake.json(422, """
				{"detail": [{"loc": ["body", "steps"], "msg": "value is not a valid integer",
				 "type": "type_error.integer"}]}""");
		assertFailure(task(), Kind.REJECTED_INPUT, "body.steps: value is not a valid integer");
	}

	@Test
	void cudaOutOfMemoryIsReportedAsSuch() {
		fake.generationOverride = A1111Fake.json(500, """
				{"error": "OutOfMemoryError", "detail": "",
				 "body": "", "errors": "CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 7.79 GiB total capacity)"}""");
		var failure = assertFailure(task(), Kind.OUT_OF_MEMORY, "CUDA out of memory");
		assertThat(failure.kind().retryable()).isTrue();
	}

	@Test
	void anotherCrashIsARetryableServerError() {
		fake.generationOverride = A1111Fake.json(500, """
				{"error": "RuntimeError", "detail": "", "body": "",
				 "errors": "Expected all tensors to be on the same device"}""");
		assertFailure(task(), Kind.SERVER_ERROR, "RuntimeError");
	}

	@Test
	void aMissingControlNetExtensionIsRejectedWithAHint() {
		fake.controlNetInstalled = false;
		assertFailure(task(), Kind.REJECTED_INPUT, "sd-webui-controlnet");
	}

	@Test
	void anUnknownCheckpointIsRejectedListingTheInstalledOnes() {
		assertFailure(rejectedTask(), Kind.REJECTED_INPUT, A1111Fake.CHECKPOINT);
		assertThat(fake.calls).doesNotContain("POST /sdapi/v1/txt2img");
	}

	@Test
	void aFaceMethodWithoutReferencesIsRejectedBeforeSending() {
		var task = new ImageTask(UUID.randomUUID(), "x", null, 64, 64, 20, 7, -1, 1, null, null, "PULID", List.of(),
				null, 0, null);
		assertFailure(task, Kind.REJECTED_INPUT, "reference image");
		assertThat(fake.calls).isEmpty();
	}

	@Test
	void aWebUiWithoutApiSaysSo() {
		server.setDispatcher(new mockwebserver3.Dispatcher() {
			@Override
			public MockResponse dispatch(mockwebserver3.RecordedRequest request) {
				return A1111Fake.json(404, "{\"detail\":\"Not Found\"}");
			}
		});
		assertThat(backend().check().error()).contains("--api");
		assertFailure(image("NONE", null, null), Kind.UNREACHABLE, "--api");
	}

	@Test
	void healthListsCheckpointsAndVersion() {
		var health = backend().check();
		assertThat(health.models()).containsExactly(A1111Fake.CHECKPOINT);
		assertThat(health.version()).isEqualTo("v1.10.1");
	}

	@Test
	void aTimeoutInterruptsTheWebUi() {
		fake.generationMillis = 3000;
		assertThatThrownBy(() -> {
			var backend = backend();
			backend.await(backend.submit(task()), task(), ProgressListener.NONE, Duration.ofMillis(600));
		}).isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));
		assertThat(fake.calls).contains("POST /sdapi/v1/interrupt");
	}

	@Test
	void cancelInterruptsTheWebUi() throws Exception {
		var backend = backend();
		backend.cancel(backend.submit(task()));
		assertThat(fake.calls).contains("POST /sdapi/v1/interrupt");
	}

	private GenerationResult run(GenerationTask task) throws BackendException {
		var backend = backend();
		return backend.await(backend.submit(task), task, ProgressListener.NONE, Duration.ofSeconds(10));
	}

	private BackendException assertFailure(GenerationTask task, Kind kind, String message) {
		var failure = org.assertj.core.api.Assertions.catchThrowableOfType(BackendException.class, () -> run(task));
		assertThat(failure).as("expected a BackendException").isNotNull();
		assertThat(failure.kind()).isEqualTo(kind);
		assertThat(failure.getMessage()).contains(message);
		return failure;
	}

	private static int freePort() {
		try (var socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}
}
