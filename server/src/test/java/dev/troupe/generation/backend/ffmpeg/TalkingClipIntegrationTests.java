package dev.troupe.generation.backend.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.troupe.media.Provenance;
import dev.troupe.support.IntegrationTest;
import dev.troupe.support.TestAudio;
import tools.jackson.databind.JsonNode;

/** Talking clips through the API, the job runner and the output stage, made by the real bundled ffmpeg. */
class TalkingClipIntegrationTests extends IntegrationTest {

	private static final String AI = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";

	@BeforeEach
	void clipBackend() {
		var created = owner.post("/api/v1/backends", Map.of("id", "clips-it", "type", "ffmpeg", "maxConcurrent", 2,
				"options", Map.of("fps", "10", "videoBitrate", "200k", "audioBitrate", "48k")));
		assertThat(created.status()).as(created.toString()).isIn(201, 409);
	}

	@Test
	void anUploadedRecordingWithConsentBecomesAStampedVerticalClipWithLiveProgress() throws Exception {
		var character = character("Clip");
		var image = upload("face.png", FfmpegBackendTests.image());
		var audio = upload("line.wav", TestAudio.tone(1.0));
		var started = owner.post("/api/v1/generations", Map.of("characterId", character, "kind", "TALKING_CLIP", "input",
				Map.of("imageAssetId", image, "audioAssetId", audio, "caption", "Good morning from the harbor",
						"consent", Map.of("speaker", "Mara Lind (voice actor)", "statement", "Agreed in writing on 2026-11-02"))));
		assertThat(started.status()).as(started.toString()).isEqualTo(201);
		var id = started.json().get("id").asString();

		var events = events(id);
		assertThat(events).contains("progress").last().isEqualTo("done");

		var job = owner.get("/api/v1/generations/" + id).json();
		assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
		assertThat(job.get("backendId").asString()).isEqualTo("clips-it");
		var output = job.at("/outputs/0");
		assertThat(output.get("contentType").asString()).isEqualTo("video/mp4");
		assertThat(output.at("/recipe/audioOrigin").asString()).isEqualTo("upload");
		assertThat(output.at("/recipe/consent/speaker").asString()).isEqualTo("Mara Lind (voice actor)");
		assertThat(output.at("/recipe/width").asInt()).isEqualTo(1080);
		assertThat(output.at("/recipe/videoEncoder").asString()).isNotBlank();

		var mp4 = owner.get("/api/v1/media/" + output.get("assetId").asString()).bytes();
		assertThat(Provenance.readDigitalSourceType(mp4)).contains(AI);
		var info = FfmpegBackendTests.describe(mp4);
		assertThat(info).containsPattern("Video: h264[^\\n]*1080x1920").contains("Audio: aac");
		assertThat(FfmpegBackendTests.seconds(info)).isCloseTo(1.0, Offset.offset(0.15));
	}

	@Test
	void aVoiceLineTroupeMadeNeedsNoConsentAndCanCaptionItsOwnWords() {
		var character = character("Voiced");
		var voice = finished(owner.post("/api/v1/generations", Map.of("characterId", character, "kind", "VOICE", "input",
				Map.of("text", "Hi there"))).json().get("id").asString());
		assertThat(voice.get("status").asString()).as(voice.toString()).isEqualTo("SUCCEEDED");
		var image = upload("face.png", FfmpegBackendTests.image());
		var clip = finished(owner.post("/api/v1/generations", Map.of("characterId", character, "kind", "TALKING_CLIP",
				"input", Map.of("imageAssetId", image, "audioAssetId", voice.at("/outputs/0/assetId").asString(),
						"captionFromVoiceLine", true))).json().get("id").asString());
		assertThat(clip.get("status").asString()).as(clip.toString()).isEqualTo("SUCCEEDED");
		assertThat(clip.at("/outputs/0/recipe/audioOrigin").asString()).isEqualTo("voice-line");
		assertThat(clip.at("/outputs/0/recipe/voiceJobId").asString()).isEqualTo(voice.get("id").asString());
		assertThat(clip.at("/outputs/0/recipe/caption").asString()).isEqualTo("Hi there");
		assertThat(clip.at("/outputs/0/recipe/captionChunks").asInt()).isEqualTo(1);
	}

	@Test
	void badInputNamesTheField() {
		var character = character("Refused");
		var image = upload("face.png", FfmpegBackendTests.image());
		var audio = upload("line.wav", TestAudio.tone(0.3));
		assertField(Map.of("imageAssetId", image, "audioAssetId", audio), "input.consent.speaker");
		assertField(Map.of("imageAssetId", image, "audioAssetId", audio, "consent", Map.of("speaker", "Me")),
				"input.consent.statement");
		assertField(Map.of("imageAssetId", audio, "audioAssetId", audio), "input.imageAssetId");
		assertField(Map.of("imageAssetId", image, "audioAssetId", image), "input.audioAssetId");
		assertField(Map.of("imageAssetId", image), "input.audioAssetId");
		assertField(Map.of("imageAssetId", image, "audioAssetId", UUID.randomUUID().toString()), "input.audioAssetId");
		assertField(Map.of("imageAssetId", image, "audioAssetId", audio, "captionFromVoiceLine", true,
				"consent", Map.of("speaker", "Me", "statement", "ok")), "input.captionFromVoiceLine");
	}

	private void assertField(Map<String, Object> input, String field) {
		var response = owner.post("/api/v1/generations",
				Map.of("characterId", character("Field"), "kind", "TALKING_CLIP", "input", input));
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.toString()).contains(field);
	}

	private List<String> events(String id) throws Exception {
		var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/generations/" + id + "/events"))
			.header("Authorization", "Bearer " + ownerToken()).timeout(Duration.ofSeconds(120)).build();
		var response = HttpClient.newHttpClient().send(request, BodyHandlers.ofInputStream());
		var events = new ArrayList<String>();
		try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.startsWith("event:")) {
					events.add(line.substring(6).trim());
				}
			}
		}
		return events;
	}

	private String upload(String name, byte[] bytes) {
		var uploaded = owner.upload("/api/v1/media", name, bytes);
		assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
		return uploaded.json().get("id").asString();
	}

	private String character(String name) {
		var created = owner.post("/api/v1/characters", Map.of("name", name + " " + UUID.randomUUID().toString().substring(0, 6)));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	private JsonNode finished(String id) {
		var holder = new JsonNode[1];
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
			holder[0] = owner.get("/api/v1/generations/" + id).json();
			return List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(holder[0].get("status").asString());
		});
		return holder[0];
	}
}
