package dev.troupe.generation.backend.comfyui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.troupe.generation.spi.BackendConfig;
import dev.troupe.generation.spi.BackendException;
import dev.troupe.generation.spi.GenerationTask.InputFile;
import dev.troupe.generation.spi.Modality;
import dev.troupe.support.TestImages;

/** The face check on a ComfyUI server with the ComfyUI_FaceAnalysis nodes (FaceEmbedDistance → PreviewAny). */
class ComfyUiFaceCheckTests {

	FakeComfyUi fake;

	@BeforeEach
	void start() throws Exception {
		fake = new FakeComfyUi();
	}

	@AfterEach
	void stop() throws Exception {
		fake.close();
	}

	private ComfyUiBackend backend(String faceCheck) {
		return new ComfyUiBackend(new BackendConfig("faces", "comfyui", fake.baseUrl(), null, 1, true,
				Map.of("requestTimeoutSeconds", "5", "faceCheck", faceCheck)), ComfyUiBackendTests.TEMPLATES);
	}

	static InputFile solid(String name, Color color) {
		var image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < 16; y++) {
			for (int x = 0; x < 16; x++) {
				image.setRGB(x, y, color.getRGB());
			}
		}
		return new InputFile(name, TestImages.png(image));
	}

	@Test
	void theDistanceComesFromTheServersHistoryForTheUploadedImages() throws Exception {
		try (var backend = backend("on")) {
			var comparer = backend.faceComparer().orElseThrow();
			var warm = solid("a.png", new Color(200, 120, 100));
			var alsoWarm = solid("b.png", new Color(220, 130, 90));
			var cold = solid("c.png", new Color(60, 140, 230));

			var same = comparer.cosineDistance(List.of(warm, alsoWarm), solid("d.png", new Color(210, 125, 95)), Duration.ofSeconds(10));
			var other = comparer.cosineDistance(List.of(warm, alsoWarm), cold, Duration.ofSeconds(10));

			// the fake's embedding: mean colour minus mid-grey, references averaged
			var reference = new double[] { (72 + 92) / 2.0, (-8 + 2) / 2.0, (-28 - 38) / 2.0 };
			assertThat(same).isCloseTo(1 - FakeComfyUi.cosine(reference, new double[] { 82, -3, -33 }), within(1e-9));
			assertThat(other).isCloseTo(1 - FakeComfyUi.cosine(reference, new double[] { -68, 12, 102 }), within(1e-9));
			assertThat(same).isLessThan(0.05);
			assertThat(other).isGreaterThan(1.5);

			var prompt = fake.requestsTo("POST /prompt").get(1);
			assertThat(prompt).contains("FaceEmbedDistance").contains("\"similarity_metric\":\"cosine\"").contains("PreviewAny")
				.contains("ImageBatch");
			assertThat(fake.requestsTo("POST /upload/image")).hasSize(6);
			assertThat(backend.modalities()).contains(Modality.IMAGE);
		}
	}

	@Test
	void noFaceInTheReferencesOrTheImageIsAFailureNotANumber() throws Exception {
		try (var backend = backend("only")) {
			var comparer = backend.faceComparer().orElseThrow();
			var grey = solid("grey.png", new Color(128, 128, 128));
			var face = solid("face.png", new Color(200, 120, 100));
			assertThatThrownBy(() -> comparer.cosineDistance(List.of(grey), face, Duration.ofSeconds(10)))
				.isInstanceOf(BackendException.class).hasMessageContaining("No face detected in reference image")
				.hasMessageContaining("FaceEmbedDistance");
			assertThatThrownBy(() -> comparer.cosineDistance(List.of(face), grey, Duration.ofSeconds(10)))
				.isInstanceOf(BackendException.class).hasMessageContaining("no face found in the image");
			assertThat(backend.modalities()).as("a face-check-only server takes no generation jobs").isEmpty();
		}
	}

	@Test
	void offByDefaultAndMissingNodesAreReportedByTheHealthCheck() throws Exception {
		try (var off = new ComfyUiBackend(new BackendConfig("plain", "comfyui", fake.baseUrl(), null, 1, true, Map.of()),
				ComfyUiBackendTests.TEMPLATES)) {
			assertThat(off.faceComparer()).isEmpty();
		}
		fake.nodeClasses.removeAll(List.of("FaceEmbedDistance", "FaceAnalysisModels"));
		try (var backend = backend("on")) {
			var health = backend.check();
			assertThat(health.missingNodes()).contains("FaceEmbedDistance", "FaceAnalysisModels");
			assertThat(health.error()).contains("FaceEmbedDistance");
		}
	}
}
