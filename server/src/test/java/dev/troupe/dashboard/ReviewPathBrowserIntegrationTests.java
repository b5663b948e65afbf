package dev.troupe.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.troupe.support.IntegrationTest;

/**
 * The two-person path in the browser (web/e2e/review-path.e2e.mjs): an editor writes, the owner approves and
 * schedules from Review on a 390 px phone, and schedules an approved post from the calendar's tray by keyboard.
 */
class ReviewPathBrowserIntegrationTests extends IntegrationTest {

	/** Long enough to overflow a phone if the composer's character picker did not truncate it. */
	private static final String LONG_NAME = "Lady Evangeline Montgomery-Featherstonehaugh of the Northern Reaches, Keeper of Stories";

	@Test
	void anEditorWritesAndTheOwnerApprovesAndSchedulesFromReviewOnAPhone() throws Exception {
		BrowserScript.chromium();
		var created = owner.post("/api/v1/characters", Map.of("name", LONG_NAME, "handle", "long-name-star"));
		assertThat(created.status()).as(created.toString()).isIn(201, 409);
		var characterId = owner.get("/api/v1/characters?q=long-name-star").json().get(0).get("id").asString();
		var channels = owner.get("/api/v1/channels?characterId=" + characterId).json();
		var feed = channels.isEmpty()
				? owner.post("/api/v1/channels", Map.of("characterId", characterId, "platform", "feed", "name", "Feed")).json()
				: channels.get(0);
		var editor = as("EDITOR");
		var trayPost = editor.post("/api/v1/posts", Map.of("characterId", characterId, "caption", "Approved, waiting for a time",
				"channelIds", List.of(feed.get("id").asString()))).json().get("id").asString();
		assertThat(editor.post("/api/v1/posts/" + trayPost + "/submit", Map.of()).status()).isEqualTo(200);
		var approved = as("REVIEWER").post("/api/v1/posts/" + trayPost + "/approve", Map.of());
		assertThat(approved.json().get("state").asString()).as(approved.toString()).isEqualTo("APPROVED");

		BrowserScript.run(port, "e2e/review-path.e2e.mjs", Map.of("TROUPE_EMAIL", OWNER_EMAIL, "TROUPE_PASSWORD",
				OWNER_PASSWORD, "EDITOR_EMAIL", "editor@troupe.test", "EDITOR_PASSWORD", OWNER_PASSWORD, "CHARACTER_NAME",
				LONG_NAME, "TRAY_POST_ID", trayPost));
	}
}
