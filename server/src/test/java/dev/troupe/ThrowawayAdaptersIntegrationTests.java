package dev.troupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.troupe.support.Api;
import dev.troupe.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * A platform and a backend type are one package each: the throwaway {@code publishing.platform.acme} and
 * {@code generation.backend.acme} (test sources, nothing about them written anywhere else) are listed by the
 * API, and channels, posts, caption generation and backends are checked against their descriptors.
 */
class ThrowawayAdaptersIntegrationTests extends IntegrationTest {

	private static final String FAMILY = "👩‍👩‍👧"; // one grapheme, five code points

	@Test
	void aNewPlatformPackageIsListedAndValidatedAgainst() {
		var acme = find(owner.get("/api/v1/platforms").json(), "acme");
		assertThat(acme.get("displayName").asString()).isEqualTo("Acme Social");
		assertThat(acme.get("iconSvg").asString()).startsWith("<svg");
		assertThat(acme.at("/capabilities/text/maxLength").asInt()).isEqualTo(30);
		assertThat(acme.at("/capabilities/text/counting").asString()).isEqualTo("graphemes");
		assertThat(acme.at("/capabilities/media/formats").toString()).isEqualTo("[\"image/png\"]");
		assertThat(acme.at("/capabilities/aiLabel").asBoolean()).isTrue();

		var characterId = character();
		var noKey = owner.post("/api/v1/channels", Map.of("characterId", characterId, "platform", "acme", "name", "Acme"));
		assertField(noKey, 400, "credentials.apiKey");
		var badSetting = owner.post("/api/v1/channels", Map.of("characterId", characterId, "platform", "acme", "name",
				"Acme", "credentials", Map.of("apiKey", "acme_secret"), "settings", Map.of("audience", "strangers",
						"retries", "often")));
		assertField(badSetting, 400, "settings.audience");
		assertField(badSetting, 400, "settings.retries");
		var created = owner.post("/api/v1/channels", Map.of("characterId", characterId, "platform", "acme", "name", "Acme",
				"credentials", Map.of("apiKey", "acme_secret"), "settings", Map.of("audience", "friends")));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		var channel = created.json().get("id").asString();

		// 30 graphemes fit although they are 150 code points: the descriptor's counting decides
		assertThat(submit(characterId, channel, FAMILY.repeat(30)).status()).isEqualTo(200);
		var refused = submit(characterId, channel, FAMILY.repeat(31));
		assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
		assertThat(refused.json().at("/errors/0/field").asString()).isEqualTo("channels." + channel + ".text");
		assertThat(refused.json().at("/errors/0/reason").asString()).contains("31").contains("Acme Social allows 30");
	}

	@Test
	void captionsForTheNewPlatformAreWrittenToItsLimit() {
		var generation = owner.post("/api/v1/generations", Map.of("characterId", character(), "kind", "CAPTION", "input",
				Map.of("idea", "a walk", "platforms", List.of("acme"))));
		assertThat(generation.status()).as(generation.toString()).isEqualTo(201);
		var id = generation.json().get("id").asString();
		var job = new JsonNode[1];
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
			job[0] = owner.get("/api/v1/generations/" + id).json();
			return List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(job[0].get("status").asString());
		});
		assertThat(job[0].get("status").asString()).as(job[0].toString()).isEqualTo("SUCCEEDED");
		// the fake backend writes a 40-character caption
		assertThat(job[0].at("/structured/captions/0/quality/flags").toString())
			.contains("40 characters, the limit for acme is 30");
	}

	@Test
	void aNewBackendTypePackageIsListedAndItsOptionsChecked() {
		var acme = find(owner.get("/api/v1/backend-types").json(), "acme");
		assertThat(acme.get("displayName").asString()).isEqualTo("Acme Voice");
		assertThat(acme.get("modalities").toString()).isEqualTo("[\"voice\"]");
		assertThat(acme.get("local").asBoolean()).isTrue();

		var id = "acme-" + UUID.randomUUID().toString().substring(0, 8);
		assertField(owner.post("/api/v1/backends", Map.of("id", id, "type", "acme")), 400, "options.voice");
		var wrong = owner.post("/api/v1/backends", Map.of("id", id, "type", "acme", "options",
				Map.of("voice", "ada", "speed", "fast", "style", "angry")));
		assertField(wrong, 400, "options.speed");
		assertField(wrong, 400, "options.style");
		// local: no server URL needed
		var created = owner.post("/api/v1/backends", Map.of("id", id, "type", "acme", "options",
				Map.of("voice", "ada", "speed", "120", "style", "cheerful")));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(owner.delete("/api/v1/backends/" + id).status()).isEqualTo(204);
	}

	private Api.Response submit(String characterId, String channel, String caption) {
		var post = owner.post("/api/v1/posts", Map.of("characterId", characterId, "caption", caption, "channelIds",
				List.of(channel)));
		assertThat(post.status()).as(post.toString()).isEqualTo(201);
		return owner.post("/api/v1/posts/" + post.json().get("id").asString() + "/submit", Map.of());
	}

	private String character() {
		var created = owner.post("/api/v1/characters", Map.of("name", "Acme " + UUID.randomUUID().toString().substring(0, 8),
				"timeZone", "Europe/Lisbon"));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	private static JsonNode find(JsonNode array, String type) {
		for (var node : array) {
			if (node.get("type").asString().equals(type)) {
				return node;
			}
		}
		throw new AssertionError("no " + type + " in " + array);
	}

	private static void assertField(Api.Response response, int status, String field) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.json().get("errors").toString()).contains("\"" + field + "\"");
	}
}
