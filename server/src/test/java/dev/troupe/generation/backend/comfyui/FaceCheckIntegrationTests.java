package dev.troupe.generation.backend.comfyui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.troupe.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * Image outputs are face-checked against the character's references on a ComfyUI server with the face-analysis
 * nodes ({@code faceCheck=only}, so it takes no generation jobs; the images come from the fake GPU backend).
 */
class FaceCheckIntegrationTests extends IntegrationTest {

	FakeComfyUi fake;
	String backendId;

	@BeforeEach
	void start() throws IOException {
		fake = new FakeComfyUi();
		backendId = "faces-" + UUID.randomUUID().toString().substring(0, 8);
	}

	@AfterEach
	void stop() throws IOException {
		owner.delete("/api/v1/backends/" + backendId);
		fake.close();
	}

	private void addFaceCheckServer() {
		var created = owner.post("/api/v1/backends", Map.of("id", backendId, "type", "comfyui", "baseUrl",
				fake.baseUrl().toString(), "options", Map.of("faceCheck", "only", "requestTimeoutSeconds", "5")));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
	}

	@Test
	void withoutAServiceOrWithoutReferencesTheImageIsNotCheckedAndHasNoNumber() {
		var withReference = character(new Color(200, 120, 100));
		var job = image(withReference);
		assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
		var face = job.at("/outputs/0/faceCheck");
		assertThat(face.get("status").asString()).isEqualTo("not-checked");
		assertThat(face.get("similarity").isNull()).as(face.toString()).isTrue();
		assertThat(face.get("flagged").isNull()).isTrue();
		assertThat(face.get("reason").asString()).contains("No face-check service");

		addFaceCheckServer();
		var noReferences = character(null);
		var unchecked = image(noReferences).at("/outputs/0/faceCheck");
		assertThat(unchecked.get("status").asString()).isEqualTo("not-checked");
		assertThat(unchecked.get("similarity").isNull()).isTrue();
		assertThat(unchecked.get("reason").asString()).contains("no reference images");
		assertThat(fake.requestsTo("POST /prompt")).as("nothing to compare, nothing sent").isEmpty();
	}

	@Test
	void eachImageIsScoredAgainstTheReferencesAndFlaggedBelowTheThreshold() throws IOException {
		addFaceCheckServer();
		var first = image(character(new Color(200, 120, 100)));
		assertThat(first.get("status").asString()).as(first.toString()).isEqualTo("SUCCEEDED");
		var output = first.at("/outputs/0");
		var picture = mean(owner.get("/api/v1/media/" + output.get("assetId").asString()).bytes());
		var face = output.get("faceCheck");
		assertThat(face.get("status").asString()).as(face.toString()).isEqualTo("checked");
		assertThat(face.get("similarity").asDouble()).as("1 − the distance the server computed from the stored image")
			.isCloseTo(FakeComfyUi.cosine(new double[] { 72, -8, -28 }, picture), within(1e-6));
		assertThat(face.get("threshold").asDouble()).isEqualTo(0.6);
		assertThat(face.get("backendId").asString()).isEqualTo(backendId);

		// the same picture (same seed and size) against a face like it, then against its opposite
		var scale = 100 / Math.max(Math.abs(picture[0]), Math.max(Math.abs(picture[1]), Math.abs(picture[2])));
		var alike = image(character(shifted(picture, scale))).at("/outputs/0/faceCheck");
		assertThat(alike.get("similarity").asDouble()).as(alike.toString()).isGreaterThan(0.95);
		assertThat(alike.get("flagged").asBoolean()).isFalse();
		var opposite = image(character(shifted(picture, -scale)));
		var flagged = opposite.at("/outputs/0/faceCheck");
		assertThat(flagged.get("similarity").asDouble()).as(flagged.toString()).isLessThan(-0.95);
		assertThat(flagged.get("flagged").asBoolean()).isTrue();

		var assetId = opposite.at("/outputs/0/assetId").asString();
		var reference = owner.get("/api/v1/characters/" + opposite.get("characterId").asString()).json()
			.at("/visual/referenceAssetIds/0").asString();
		var review = owner.get("/api/v1/generations/face-checks?assetId=" + assetId + "&assetId=" + reference);
		assertThat(review.status()).as(review.toString()).isEqualTo(200);
		assertThat(review.json().at("/0/faceCheck/flagged").asBoolean()).isTrue();
		assertThat(review.json().at("/0/faceCheck/similarity").asDouble()).isEqualTo(flagged.get("similarity").asDouble());
		assertThat(review.json().at("/1/faceCheck/status").asString()).isEqualTo("not-checked");
		assertThat(review.json().at("/1/faceCheck/similarity").isNull()).isTrue();
	}

	@Test
	void aFailingFaceCheckLeavesTheJobSucceededWithTheReason() throws IOException {
		addFaceCheckServer();
		var job = image(character(new Color(128, 128, 128))); // the fake finds no face in flat mid-grey
		assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
		var face = job.at("/outputs/0/faceCheck");
		assertThat(face.get("status").asString()).as(face.toString()).isEqualTo("failed");
		assertThat(face.get("reason").asString()).startsWith("check failed: ").contains("No face detected in reference image");
		assertThat(face.get("similarity").isNull()).isTrue();

		fake.close(); // the server goes away: still a succeeded job
		var gone = image(character(new Color(200, 120, 100))).at("/outputs/0/faceCheck");
		assertThat(gone.get("status").asString()).as(gone.toString()).isEqualTo("failed");
		assertThat(gone.get("reason").asString()).startsWith("check failed: ");
	}

	private static Color shifted(double[] direction, double scale) {
		return new Color((int) Math.round(128 + direction[0] * scale), (int) Math.round(128 + direction[1] * scale),
				(int) Math.round(128 + direction[2] * scale));
	}

	/** The fake's embedding of one picture: its mean colour minus mid-grey. */
	private static double[] mean(byte[] bytes) throws IOException {
		var image = ImageIO.read(new ByteArrayInputStream(bytes));
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
		return new double[] { mean[0] / n, mean[1] / n, mean[2] / n };
	}

	private String character(Color reference) {
		var created = owner.post("/api/v1/characters", Map.of("name", "Face " + UUID.randomUUID().toString().substring(0, 6)));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		var id = created.json().get("id").asString();
		if (reference != null) {
			var uploaded = owner.upload("/api/v1/characters/" + id + "/references", "ref.png",
					ComfyUiFaceCheckTests.solid("ref.png", reference).bytes());
			assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
		}
		return id;
	}

	private JsonNode image(String characterId) {
		var started = owner.post("/api/v1/generations", Map.of("characterId", characterId, "kind", "IMAGE", "input",
				Map.of("prompt", "portrait", "width", 64, "height", 64, "seed", 7)));
		assertThat(started.status()).as(started.toString()).isEqualTo(201);
		var id = started.json().get("id").asString();
		var holder = new JsonNode[1];
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
			holder[0] = owner.get("/api/v1/generations/" + id).json();
			return List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(holder[0].get("status").asString());
		});
		return holder[0];
	}
}
