package dev.troupe.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.troupe.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * What review sees of a caption: the lore its caption job used, and the continuity check's flag (run on the text
 * backend, here the fake GPU server's chat), which refuses a submission only when an owner turns that on.
 */
class CaptionReviewIntegrationTests extends IntegrationTest {

	@Test
	void aPostMadeFromACaptionJobKeepsTheLoreTheJobUsed() {
		var book = Map.of("entries", List.of(
				Map.of("name", "Harbor", "keys", List.of("harbor"), "content", "The harbor of Vell."),
				Map.of("name", "Moon", "keys", List.of("moon"), "content", "Vell has two moons.")));
		var character = character(Map.of("persona", Map.of("description", "A keeper", "character_book", book)));
		var job = finished(owner.post("/api/v1/generations", Map.of("characterId", character, "kind", "CAPTION", "input",
				Map.of("idea", "the harbor at night", "platforms", List.of("mastodon")))).json().get("id").asString());
		assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");

		var created = owner.post("/api/v1/posts", Map.of("characterId", character, "captionJobId", job.get("id").asString(),
				"caption", job.at("/structured/captions/0/text").asString()));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		var post = owner.get("/api/v1/posts/" + created.json().get("id").asString()).json();
		assertThat(post.get("captionJobId").asString()).isEqualTo(job.get("id").asString());
		assertThat(post.get("loreUsed").findValuesAsString("name")).containsExactly("Harbor");
		assertThat(post.at("/loreUsed/0/reason").asString()).isEqualTo("key harbor");

		var plain = owner.post("/api/v1/posts", Map.of("characterId", character, "caption", "typed by hand")).json();
		assertThat(plain.get("captionJobId").isNull()).isTrue();
		assertThat(plain.get("loreUsed").size()).isZero();

		var unknown = owner.post("/api/v1/posts", Map.of("characterId", character, "captionJobId", UUID.randomUUID()));
		assertThat(unknown.status()).isEqualTo(422);
		assertThat(unknown.header("Content-Type")).contains("problem+json");
		assertThat(unknown.json().get("errors").toString()).contains("captionJobId");
		var otherCharacter = character(Map.of());
		var foreign = owner.post("/api/v1/posts", Map.of("characterId", otherCharacter, "captionJobId",
				job.get("id").asString()));
		assertThat(foreign.status()).isEqualTo(422);
		assertThat(foreign.json().get("errors").toString()).contains("captionJobId").contains("character");
	}

	@Test
	void aCaptionThatContradictsThePersonaIsFlaggedAndRefusedOnlyWhenTheStudioSaysSo() {
		var character = character(Map.of("persona", Map.of("description", "Mara never drinks coffee; she drinks tea.")));
		var channel = owner.post("/api/v1/channels", Map.of("characterId", character, "platform", "feed", "name", "feed"))
			.json().get("id").asString();

		var contradicting = post(character, channel, "First coffee of the day, finally awake");
		var submitted = owner.post("/api/v1/posts/" + contradicting + "/submit", Map.of());
		assertThat(submitted.status()).as("flagged, but the setting is off: nothing is blocked").isEqualTo(200);
		assertThat(submitted.json().get("state").asString()).isEqualTo("IN_REVIEW");
		assertThat(submitted.json().at("/continuity/checked").asBoolean()).isTrue();
		assertThat(submitted.json().at("/continuity/flagged").asBoolean()).isTrue();
		assertThat(submitted.json().at("/continuity/reason").asString()).contains("never drinks coffee");
		assertThat(submitted.json().at("/continuity/backendId").asString()).isNotBlank();
		assertThat(owner.get("/api/v1/posts/" + contradicting).json().at("/continuity/flagged").asBoolean()).isTrue();

		var fitting = post(character, channel, "Tea by the window");
		var fine = owner.post("/api/v1/posts/" + fitting + "/submit", Map.of()).json();
		assertThat(fine.at("/continuity/checked").asBoolean()).isTrue();
		assertThat(fine.at("/continuity/flagged").asBoolean()).isFalse();

		assertThat(as("EDITOR").put("/api/v1/settings/studio", Map.of("continuityBlocksSubmit", true)).status())
			.isEqualTo(403);
		assertThat(owner.get("/api/v1/settings/studio").json().get("continuityBlocksSubmit").asBoolean())
			.as("off unless an owner turns it on").isFalse();
		try {
			var on = owner.put("/api/v1/settings/studio", Map.of("continuityBlocksSubmit", true));
			assertThat(on.json().get("continuityBlocksSubmit").asBoolean()).as(on.toString()).isTrue();
			var blocked = post(character, channel, "Third coffee, no regrets");
			var refused = owner.post("/api/v1/posts/" + blocked + "/submit", Map.of());
			assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
			assertThat(refused.header("Content-Type")).contains("problem+json");
			assertThat(refused.json().at("/errors/0/field").asString()).isEqualTo("caption");
			assertThat(refused.json().get("detail").asString()).contains("never drinks coffee");
			var stored = owner.get("/api/v1/posts/" + blocked).json();
			assertThat(stored.get("state").asString()).isEqualTo("DRAFT");
			assertThat(stored.at("/continuity/flagged").asBoolean()).as("the flag is kept for the author").isTrue();

			// an edited caption is checked again
			var edited = owner.patch("/api/v1/posts/" + blocked, Map.of("caption", "Third tea, no regrets"));
			assertThat(edited.json().get("continuity").isNull()).as(edited.toString()).isTrue();
			var accepted = owner.post("/api/v1/posts/" + blocked + "/submit", Map.of());
			assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
			assertThat(accepted.json().at("/continuity/flagged").asBoolean()).isFalse();
			assertThat(owner.get("/api/v1/audit?limit=50").text()).contains("continuityBlocksSubmit");
		}
		finally {
			owner.put("/api/v1/settings/studio", Map.of("continuityBlocksSubmit", false));
		}
	}

	private String post(String character, String channel, String caption) {
		var created = owner.post("/api/v1/posts", Map.of("characterId", character, "caption", caption,
				"channelIds", List.of(channel)));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	private String character(Map<String, Object> extra) {
		var body = new HashMap<String, Object>(extra);
		body.put("name", "Continuity " + UUID.randomUUID().toString().substring(0, 6));
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
}
