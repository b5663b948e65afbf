package dev.troupe.generation;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.troupe.media.Provenance;
import dev.troupe.support.Api;
import dev.troupe.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

class GenerationIntegrationTests extends IntegrationTest {

	@Test
	void anImageJobRunsOnABackendAndStoresItsOutputWithRecipeAndProvenance() {
		var character = character("Lumen", Map.of("visual", Map.of("basePrompt", "photo of lumen, freckles",
				"negativePrompt", "blurry", "loras", List.of(Map.of("name", "lumen_v1", "weight", 0.7)))));
		var started = owner.post("/api/v1/generations", Map.of("characterId", character, "kind", "IMAGE", "input",
				Map.of("prompt", "on a rooftop at dusk", "width", 256, "height", 256, "seed", 42)));
		assertThat(started.status()).as(started.toString()).isEqualTo(201);
		assertThat(started.json().get("status").asString()).isIn("QUEUED", "RUNNING");

		var job = finished(started.json().get("id").asString());
		assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
		assertThat(job.get("backendId").asString()).isEqualTo("gpu-fake");
		assertThat(job.at("/progress/fraction").asDouble()).isEqualTo(1.0);
		var output = job.at("/outputs/0");
		assertThat(output.at("/recipe/prompt").asString()).isEqualTo("photo of lumen, freckles, on a rooftop at dusk");
		assertThat(output.at("/recipe/negativePrompt").asString()).isEqualTo("blurry");
		assertThat(output.at("/recipe/seed").asLong()).isEqualTo(42);
		assertThat(output.at("/recipe/loras/0/name").asString()).isEqualTo("lumen_v1");
		assertThat(output.at("/recipe/backend").asString()).isEqualTo("gpu-fake");
		assertThat(output.at("/recipe/model").asString()).isEqualTo("fake-model.safetensors");
		assertThat(output.at("/quality/passed").asBoolean()).as(output.toString()).isTrue();
		assertThat(output.get("width").asInt()).isEqualTo(256);

		var bytes = owner.get("/api/v1/media/" + output.get("assetId").asString()).bytes();
		assertThat(Provenance.readDigitalSourceType(bytes))
			.contains("http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia");
		assertThat(owner.get("/api/v1/generations/" + job.get("id").asString() + "/preview").status()).isEqualTo(200);
	}

	@Test
	void generateAgainRepeatsTheRecipeAndVarySeedChangesOnlyTheSeed() {
		var character = character("Again", Map.of());
		var first = finished(owner.post("/api/v1/generations", Map.of("characterId", character, "kind", "IMAGE", "input",
				Map.of("prompt", "a cat", "width", 128, "height", 128))).json().get("id").asString());
		var seed = first.at("/outputs/0/recipe/seed").asLong();

		var again = finished(owner.post("/api/v1/generations/" + first.get("id").asString() + "/again",
				Map.of("varySeed", false)).json().get("id").asString());
		assertThat(again.at("/outputs/0/recipe/seed").asLong()).isEqualTo(seed);
		assertThat(again.at("/outputs/0/quality/flags").toString()).as("same seed, same picture").contains("near-duplicate");

		var varied = finished(owner.post("/api/v1/generations/" + first.get("id").asString() + "/again",
				Map.of("varySeed", true)).json().get("id").asString());
		assertThat(varied.at("/outputs/0/recipe/seed").asLong()).isNotEqualTo(seed);
		assertThat(varied.at("/outputs/0/recipe/prompt")).isEqualTo(first.at("/outputs/0/recipe/prompt"));
	}

	@Test
	void progressStreamsAsServerSentEventsUntilDone() throws Exception {
		var character = character("Streamer", Map.of());
		var id = owner.post("/api/v1/generations", Map.of("characterId", character, "kind", "IMAGE", "input",
				Map.of("prompt", "waves", "width", 128, "height", 128))).json().get("id").asString();
		var token = ownerToken();
		var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/generations/" + id + "/events"))
			.header("Authorization", "Bearer " + token).build();
		var response = HttpClient.newHttpClient().send(request, BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
		var events = new ArrayList<String>();
		try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.startsWith("event:")) {
					events.add(line.substring(6).trim());
				}
			}
		}
		assertThat(events).contains("progress").last().isEqualTo("done");
	}

	@Test
	void captionsComeBackPerPlatformWithinLimitsAndChecked() {
		var character = character("Poet", Map.of("preferences", Map.of("bannedWords", List.of("sunset"))));
		var job = finished(owner.post("/api/v1/generations", Map.of("characterId", character, "kind", "CAPTION", "input",
				Map.of("idea", "evening walk by the river", "platforms", List.of("mastodon", "bluesky")))).json().get("id").asString());
		assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
		var captions = job.at("/structured/captions");
		assertThat(captions.size()).isEqualTo(2);
		assertThat(captions.get(0).at("/quality/flags").toString()).as("the fake uses the banned word").contains("sunset");
		assertThat(job.at("/input/idea").asString()).isEqualTo("evening walk by the river");
	}

	@Test
	void captionJobsUseTheLorebookOnTheIdeaTheThreadAndRecentCaptionsAndShowTheLoreUsed() {
		var book = Map.of("scan_depth", 2, "entries", List.of(
				Map.of("name", "Harbor", "keys", List.of("harbor"), "content", "The harbor of Vell.", "insertion_order", 1),
				Map.of("name", "River", "keys", List.of("river"), "content", "The river Ash runs past.", "insertion_order", 2),
				Map.of("name", "Ferry", "keys", List.of("/ferr(y|ies)/i"), "content", "The ferry is late.", "insertion_order", 3)));
		var character = character("Lore", Map.of("persona", Map.of("description", "A keeper", "character_book", book)));
		var first = finished(owner.post("/api/v1/generations", Map.of("characterId", character, "kind", "CAPTION", "input",
				Map.of("idea", "the harbor at night", "platforms", List.of("mastodon")))).json().get("id").asString());
		assertThat(first.get("status").asString()).as(first.toString()).isEqualTo("SUCCEEDED");
		assertThat(first.at("/loreUsed").findValuesAsString("name")).containsExactly("Harbor");
		assertThat(first.at("/loreUsed/0/reason").asString()).isEqualTo("key harbor");

		// the fake's first caption mentions the river: the next job's scan includes it as recent history
		var second = finished(owner.post("/api/v1/generations", Map.of("characterId", character, "kind", "CAPTION", "input",
				Map.of("idea", "a quiet day", "thread", "@sam: Ferries running today?", "platforms", List.of("mastodon"))))
			.json().get("id").asString());
		assertThat(second.at("/loreUsed").findValuesAsString("name")).containsExactly("Ferry");
		var third = finished(owner.post("/api/v1/generations", Map.of("characterId", character, "kind", "CAPTION", "input",
				Map.of("idea", "a quiet day", "platforms", List.of("mastodon")))).json().get("id").asString());
		assertThat(third.at("/loreUsed").findValuesAsString("name")).containsExactly("River");
	}

	@Test
	void aClonedVoiceIsOnlyEverMadeByACloningBackendAndWithdrawingConsentRemovesTheClip() {
		var character = character("Cloned", Map.of("voice", Map.of("ttsVoice", "en-us",
				"consent", Map.of("speaker", "Ana Lima", "statement", "I agree that Troupe clones my voice for Cloned"))));
		var uploaded = owner.upload("/api/v1/characters/" + character + "/voice/reference", "ana.wav", FakeBackend.wav());
		assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
		var clip = uploaded.json().at("/voice/referenceClipAssetId").asString();

		// the configured fakes make voice but cannot clone: the job fails, it is never voiced by a preset voice
		var refused = finished(owner.post("/api/v1/generations", Map.of("characterId", character, "kind", "VOICE",
				"input", Map.of("text", "Hello"))).json().get("id").asString());
		assertThat(refused.get("status").asString()).isEqualTo("FAILED");
		assertThat(refused.get("error").asString()).contains("cloned voice").contains("never falls back");

		var cloner = "clone-" + UUID.randomUUID().toString().substring(0, 6);
		assertThat(owner.post("/api/v1/backends", Map.of("id", cloner, "type", "fake", "baseUrl", "http://tts:8020",
				"options", Map.of("clonesVoices", "true", "modalities", "VOICE"))).status()).isEqualTo(201);
		try {
			var cloned = finished(owner.post("/api/v1/generations", Map.of("characterId", character, "kind", "VOICE",
					"input", Map.of("text", "Hello"))).json().get("id").asString());
			assertThat(cloned.get("status").asString()).as(cloned.toString()).isEqualTo("SUCCEEDED");
			assertThat(cloned.get("backendId").asString()).isEqualTo(cloner);
			assertThat(cloned.at("/outputs/0/recipe/backend").asString()).isEqualTo(cloner);
			assertThat(cloned.at("/outputs/0/recipe/voiceMode").asString()).isEqualTo("cloned");
			assertThat(cloned.at("/outputs/0/recipe/referenceClipAssetId").asString()).isEqualTo(clip);

			var withdrawn = owner.delete("/api/v1/characters/" + character + "/voice/consent");
			assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(200);
			assertThat(withdrawn.json().at("/voice/referenceClipAssetId").isNull()).isTrue();
			assertThat(withdrawn.json().at("/voice/consent").isNull()).isTrue();
			assertThat(owner.get("/api/v1/media/" + clip).status()).as("the clip's bytes are gone").isEqualTo(404);
			assertThat(owner.get("/api/v1/audit?limit=50").text()).contains("voice.consent.withdrawn");

			var preset = finished(owner.post("/api/v1/generations", Map.of("characterId", character, "kind", "VOICE",
					"input", Map.of("text", "Hello"))).json().get("id").asString());
			assertThat(preset.at("/outputs/0/recipe/voiceMode").asString()).isEqualTo("preset");
			assertThat(preset.at("/outputs/0/recipe/voice").asString()).isEqualTo("en-us");
			assertThat(owner.upload("/api/v1/characters/" + character + "/voice/reference", "ana.wav", FakeBackend.wav())
				.status()).as("re-adding needs new consent").isEqualTo(422);
		}
		finally {
			owner.delete("/api/v1/backends/" + cloner);
		}
	}

	@Test
	void aQueuedVoiceJobWhoseConsentWasWithdrawnBeforeItRanFailsWithTheReasonAndNeverSendsTheClip() {
		var character = character("Withdrawn", Map.of("voice", Map.of("ttsVoice", "en-us",
				"consent", Map.of("speaker", "Ana Lima", "statement", "I agree that Troupe clones my voice for Withdrawn"))));
		assertThat(owner.upload("/api/v1/characters/" + character + "/voice/reference", "ana.wav", FakeBackend.wav())
			.status()).isEqualTo(201);
		// one slot on the only cloning backend, held by a slow first job: the second one waits in the queue
		var cloner = "slowclone-" + UUID.randomUUID().toString().substring(0, 6);
		assertThat(owner.post("/api/v1/backends", Map.of("id", cloner, "type", "fake", "baseUrl", "http://tts:8020",
				"maxConcurrent", 1, "options", Map.of("clonesVoices", "true", "modalities", "VOICE", "serviceMillis", "2500")))
			.status()).isEqualTo(201);
		try {
			var first = owner.post("/api/v1/generations", Map.of("characterId", character, "kind", "VOICE",
					"input", Map.of("text", "Hello"))).json().get("id").asString();
			await().atMost(Duration.ofSeconds(10)).until(() -> FakeBackend.SUBMITTED.containsKey(cloner));
			var queued = owner.post("/api/v1/generations", Map.of("characterId", character, "kind", "VOICE",
					"input", Map.of("text", "Goodbye"))).json().get("id").asString();
			assertThat(owner.get("/api/v1/generations/" + queued).json().get("status").asString()).isEqualTo("QUEUED");

			assertThat(owner.delete("/api/v1/characters/" + character + "/voice/consent").status()).isEqualTo(200);

			assertThat(finished(first).get("status").asString()).as("it ran while consent was given").isEqualTo("SUCCEEDED");
			var refused = finished(queued);
			assertThat(refused.get("status").asString()).as(refused.toString()).isEqualTo("FAILED");
			assertThat(refused.get("error").asString()).contains("voice consent withdrawn");
			assertThat(refused.get("outputs").size()).isZero();
			assertThat(FakeBackend.SUBMITTED.get(cloner).get()).as("the clip was never sent for the queued job").isEqualTo(1);
		}
		finally {
			owner.delete("/api/v1/backends/" + cloner);
		}
	}

	@Test
	void voiceAndContentPlanJobsProduceTheirOutputs() {
		var character = character("Voicy", Map.of("preferences", Map.of("pillars", List.of("travel", "food"))));
		var voice = finished(owner.post("/api/v1/generations", Map.of("characterId", character, "kind", "VOICE", "input",
				Map.of("text", "Hello from Lisbon"))).json().get("id").asString());
		assertThat(voice.at("/outputs/0/contentType").asString()).isEqualTo("audio/wav");
		var plan = finished(owner.post("/api/v1/generations", Map.of("characterId", character, "kind", "CONTENT_PLAN",
				"input", Map.of("count", 3))).json().get("id").asString());
		assertThat(plan.at("/structured/ideas").size()).isEqualTo(3);
	}

	@Test
	void aRetryableFailureMovesTheJobToAnotherBackend() {
		var character = character("Mover", Map.of());
		var source = finished(owner.post("/api/v1/generations", Map.of("characterId", character, "kind", "IMAGE", "input",
				Map.of("prompt", "frame", "width", 128, "height", 128))).json().get("id").asString());
		var video = finished(owner.post("/api/v1/generations", Map.of("characterId", character, "kind", "VIDEO", "input",
				Map.of("sourceAssetId", source.at("/outputs/0/assetId").asString()))).json().get("id").asString());
		assertThat(video.get("status").asString()).as(video.toString()).isEqualTo("SUCCEEDED");
		assertThat(video.get("backendId").asString()).isEqualTo("gpu-fake");
		assertThat(video.get("attempts").asInt()).isEqualTo(2);
		assertThat(owner.get("/api/v1/backends").text()).contains("aaa-flaky");
	}

	@Test
	void aJobCanBeCancelled() {
		var character = character("Canceller", Map.of());
		var id = owner.post("/api/v1/generations", Map.of("characterId", character, "kind", "IMAGE", "input",
				Map.of("prompt", "never mind", "width", 128, "height", 128, "count", 1))).json().get("id").asString();
		var cancelled = owner.post("/api/v1/generations/" + id + "/cancel", Map.of());
		assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
		await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3))
			.until(() -> owner.get("/api/v1/generations/" + id).json().get("status").asString().equals("CANCELLED"));
	}

	@Test
	void badRequestsNameTheFieldAndNothingIsQueued() {
		var character = character("Strict", Map.of());
		var before = owner.get("/api/v1/generations?characterId=" + character).json().size();
		assertField(owner.post("/api/v1/generations", Map.of("characterId", character, "kind", "PAINTING")), 400, "kind");
		assertField(owner.post("/api/v1/generations", Map.of("characterId", character, "kind", "IMAGE", "input", Map.of())),
				400, "input.prompt");
		assertField(owner.post("/api/v1/generations", Map.of("characterId", character, "kind", "IMAGE", "input",
				Map.of("prompt", "x", "width", 1001))), 400, "input.width");
		assertField(owner.post("/api/v1/generations", Map.of("characterId", character, "kind", "CAPTION", "input",
				Map.of("idea", "x", "platforms", List.of("myspace")))), 400, "input.platforms");
		assertThat(owner.post("/api/v1/generations", Map.of("characterId", UUID.randomUUID(), "kind", "IMAGE", "input",
				Map.of("prompt", "x"))).status()).isEqualTo(404);
		assertThat(as("VIEWER").post("/api/v1/generations", Map.of("characterId", character, "kind", "IMAGE", "input",
				Map.of("prompt", "x"))).status()).isEqualTo(403);
		var faceless = character("Faceless", Map.of("visual", Map.of("faceMethod", "PULID")));
		assertField(owner.post("/api/v1/generations", Map.of("characterId", faceless, "kind", "IMAGE", "input",
				Map.of("prompt", "x"))), 422, "visual.referenceAssetIds");
		assertThat(owner.get("/api/v1/generations?characterId=" + character).json().size()).isEqualTo(before);
	}

	@Test
	void ownersManageBackendsAndKeysNeverComeBack() {
		var created = owner.post("/api/v1/backends", Map.of("id", "llm-" + UUID.randomUUID().toString().substring(0, 6),
				"type", "fake", "baseUrl", "http://llm:11434", "apiKey", "sk-very-secret", "options", Map.of("model", "x")));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.text()).doesNotContain("sk-very-secret");
		assertThat(created.json().get("hasApiKey").asBoolean()).isTrue();
		assertThat(created.json().get("source").asString()).isEqualTo("api");
		var id = created.json().get("id").asString();

		assertThat(owner.get("/api/v1/backends").text()).contains(id).doesNotContain("sk-very-secret");
		assertThat(as("VIEWER").get("/api/v1/backends").status()).isEqualTo(200);
		assertThat(as("EDITOR").post("/api/v1/backends", Map.of("id", "nope", "type", "fake", "baseUrl", "http://x"))
			.status()).isEqualTo(403);
		assertField(owner.post("/api/v1/backends", Map.of("id", "bad", "type", "dalle", "baseUrl", "http://x")), 400, "type");
		assertField(owner.post("/api/v1/backends", Map.of("id", "bad2", "type", "fake", "baseUrl", "gpu:8188")), 400, "baseUrl");
		assertThat(owner.post("/api/v1/backends", Map.of("id", id, "type", "fake", "baseUrl", "http://x")).status())
			.isEqualTo(409);

		var check = owner.post("/api/v1/backends/" + id + "/check", Map.of());
		assertThat(check.status()).as(check.toString()).isEqualTo(200);
		assertThat(check.json().get("reachable").asBoolean()).isTrue();
		assertThat(check.json().get("models").toString()).contains("fake-model");

		var removeKey = new HashMap<String, Object>();
		removeKey.put("enabled", false);
		removeKey.put("apiKey", null);
		var disabled = owner.patch("/api/v1/backends/" + id, removeKey);
		assertThat(disabled.json().get("enabled").asBoolean()).isFalse();
		assertThat(disabled.json().get("hasApiKey").asBoolean()).isFalse();
		assertThat(owner.delete("/api/v1/backends/gpu-fake").status()).isEqualTo(409);
		assertThat(owner.delete("/api/v1/backends/" + id).status()).isEqualTo(204);
		assertThat(owner.get("/api/v1/audit?limit=100").text()).contains("backend.created").contains("backend.deleted");
	}

	private String character(String name, Map<String, Object> extra) {
		var body = new HashMap<String, Object>(extra);
		body.put("name", name + " " + UUID.randomUUID().toString().substring(0, 6));
		var created = owner.post("/api/v1/characters", body);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	private JsonNode finished(String id) {
		var holder = new JsonNode[1];
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
			holder[0] = owner.get("/api/v1/generations/" + id).json();
			return List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(holder[0].get("status").asString());
		});
		return holder[0];
	}

	private static void assertField(Api.Response response, int status, String field) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.json().get("errors").toString()).contains("\"" + field + "\"");
	}
}
