package dev.troupe.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.troupe.support.Api;
import dev.troupe.support.IntegrationTest;

/**
 * Nobody approves a post they wrote or edited since its last approval; owners only when the studio allows it,
 * and that is audited. Idempotency-Keys belong to one user and last 24 hours.
 */
class ReviewIntegrityIntegrationTests extends IntegrationTest {

	@Autowired
	JdbcClient jdbc;

	@Test
	void whoeverEditedTheRevisionUnderReviewCannotApproveIt() {
		var characterId = character();
		var writer = as("EDITOR");
		var helper = user("second-editor@troupe.test", "EDITOR");
		var postId = writer.post("/api/v1/posts", Map.of("characterId", characterId, "caption", "first draft",
				"channelIds", List.of(feed(characterId))))
			.json().get("id").asString();
		assertThat(writer.post("/api/v1/posts/" + postId + "/submit", Map.of()).status()).isEqualTo(200);
		var edited = helper.patch("/api/v1/posts/" + postId, Map.of("caption", "first draft, improved"));
		assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
		assertThat(edited.json().get("editors").toString()).contains("second-editor@troupe.test");

		var byHelper = helper.post("/api/v1/posts/" + postId + "/approve", Map.of());
		assertThat(byHelper.status()).as("edited it since it was submitted").isEqualTo(403);
		assertThat(byHelper.json().get("detail").asString()).contains("wrote or edited");
		assertThat(writer.post("/api/v1/posts/" + postId + "/approve", Map.of()).status()).as("wrote it").isEqualTo(403);
		var byReviewer = as("REVIEWER").post("/api/v1/posts/" + postId + "/approve", Map.of());
		assertThat(byReviewer.json().get("state").asString()).as(byReviewer.toString()).isEqualTo("APPROVED");

		// an edit after approval starts a new revision: its editor cannot approve it, someone else can
		var reedited = helper.patch("/api/v1/posts/" + postId, Map.of("caption", "second revision"));
		assertThat(reedited.json().get("state").asString()).isEqualTo("IN_REVIEW");
		assertThat(helper.post("/api/v1/posts/" + postId + "/approve", Map.of()).status()).isEqualTo(403);
		var third = user("third-editor@troupe.test", "EDITOR");
		assertThat(third.post("/api/v1/posts/" + postId + "/approve", Map.of()).json().get("state").asString())
			.isEqualTo("APPROVED");
	}

	@Test
	void anOwnerApprovesTheirOwnPostOnlyWhenTheStudioAllowsItAndItIsAudited() {
		assertThat(as("EDITOR").get("/api/v1/settings/studio").status()).isEqualTo(403);
		assertThat(as("EDITOR").put("/api/v1/settings/studio", Map.of("ownerSelfApproval", true)).status()).isEqualTo(403);
		var bad = owner.put("/api/v1/settings/studio", Map.of("ownerSelfApproval", "perhaps"));
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.header("Content-Type")).contains("problem+json");
		var settings = owner.get("/api/v1/settings/studio").json();
		assertThat(settings.get("ownerSelfApproval").asBoolean()).as("off unless chosen").isFalse();
		assertThat(settings.get("ownerSelfApprovalChosen").asBoolean()).isFalse();

		var characterId = character();
		var postId = owner.post("/api/v1/posts", Map.of("characterId", characterId, "caption", "my own",
				"channelIds", List.of(feed(characterId))))
			.json().get("id").asString();
		owner.post("/api/v1/posts/" + postId + "/submit", Map.of());
		var refused = owner.post("/api/v1/posts/" + postId + "/approve", Map.of());
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.json().get("detail").asString()).contains("ownerSelfApproval");

		try {
			var on = owner.put("/api/v1/settings/studio", Map.of("ownerSelfApproval", true));
			assertThat(on.json().get("ownerSelfApproval").asBoolean()).isTrue();
			assertThat(on.json().get("ownerSelfApprovalChosen").asBoolean()).isTrue();
			var approved = owner.post("/api/v1/posts/" + postId + "/approve", Map.of());
			assertThat(approved.json().get("state").asString()).as(approved.toString()).isEqualTo("APPROVED");
			var audit = owner.get("/api/v1/audit?limit=50").text();
			assertThat(audit).contains("studio.settings.updated").contains("selfApproval");

			// the setting is for owners: an editor still cannot approve what they wrote
			var editor = as("EDITOR");
			var theirs = editor.post("/api/v1/posts", Map.of("characterId", characterId, "caption", "editor's own",
					"channelIds", List.of(feed(characterId))))
				.json().get("id").asString();
			editor.post("/api/v1/posts/" + theirs + "/submit", Map.of());
			assertThat(editor.post("/api/v1/posts/" + theirs + "/approve", Map.of()).status()).isEqualTo(403);
		}
		finally {
			owner.put("/api/v1/settings/studio", Map.of("ownerSelfApproval", false));
		}
	}

	@Test
	void anIdempotencyKeyBelongsToOneUserAndIsForgottenAfter24Hours() {
		var characterId = character();
		var key = UUID.randomUUID().toString();
		var body = "{\"characterId\":\"" + characterId + "\",\"caption\":\"keyed\"}";
		var mine = owner.postWithHeaders("/api/v1/posts", body, "Idempotency-Key", key);
		var theirs = as("EDITOR").postWithHeaders("/api/v1/posts", body, "Idempotency-Key", key);
		assertThat(mine.status()).isEqualTo(201);
		assertThat(theirs.status()).as("another user's key is not mine").isEqualTo(201);
		assertThat(theirs.json().get("id")).isNotEqualTo(mine.json().get("id"));
		assertThat(owner.postWithHeaders("/api/v1/posts", body, "Idempotency-Key", key).json().get("id"))
			.isEqualTo(mine.json().get("id"));

		jdbc.sql("update content_idempotency_keys set created_at = now() - interval '25 hours' where key = ?").param(key)
			.update();
		var later = owner.postWithHeaders("/api/v1/posts", body.replace("keyed", "a day later"), "Idempotency-Key", key);
		assertThat(later.status()).as("forgotten after 24 hours").isEqualTo(201);
		assertThat(later.json().get("id")).isNotEqualTo(mine.json().get("id"));
	}

	private Api user(String email, String role) {
		var created = owner.post("/api/v1/users", Map.of("email", email, "password", OWNER_PASSWORD, "displayName", email,
				"role", role));
		assertThat(created.status()).as(created.toString()).isIn(201, 409);
		var token = anonymous.post("/api/v1/auth/token", Map.of("email", email, "password", OWNER_PASSWORD)).json()
			.get("token").asString();
		return anonymous.as(token);
	}

	private String feed(String characterId) {
		return owner.post("/api/v1/channels", Map.of("characterId", characterId, "platform", "feed", "name", "feed"))
			.json().get("id").asString();
	}

	private String character() {
		return owner.post("/api/v1/characters", Map.of("name", "Reviewed " + UUID.randomUUID().toString().substring(0, 8)))
			.json().get("id").asString();
	}

}
