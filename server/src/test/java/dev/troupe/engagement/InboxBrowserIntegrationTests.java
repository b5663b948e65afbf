package dev.troupe.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.troupe.publishing.platform.mastodon.FakeMastodon;
import dev.troupe.support.IntegrationTest;

/**
 * Answers a mention from the Inbox page in Chromium (web/e2e/inbox.e2e.mjs) and sees the reply on the fake Mastodon
 * once, as a reply to the mention. Skipped without Chromium outside CI, like the other browser tests.
 */
class InboxBrowserIntegrationTests extends IntegrationTest {

	private static FakeMastodon mastodon;

	@Autowired
	InboxCollector collector;

	@BeforeAll
	static void start() throws Exception {
		mastodon = new FakeMastodon();
	}

	@AfterAll
	static void stop() {
		mastodon.close();
	}

	@Test
	void answerAMentionFromTheInboxAndSeeTheReplyOnThePlatform() throws Exception {
		dev.troupe.dashboard.BrowserScript.chromium();
		var character = owner.post("/api/v1/characters", Map.of("name", "Inbox Star " + UUID.randomUUID().toString().substring(0, 6)));
		assertThat(character.status()).as(character.toString()).isEqualTo(201);
		var characterId = character.json().get("id").asString();
		var channel = owner.post("/api/v1/channels", Map.of("characterId", characterId, "platform", "mastodon", "name", "Mastodon",
				"baseUrl", mastodon.baseUrl().toString(), "credentials", Map.of("accessToken", FakeMastodon.TOKEN), "settings",
				Map.of("disclosureRequired", "false")));
		assertThat(channel.status()).as(channel.toString()).isEqualTo(201);
		var channelId = UUID.fromString(channel.json().get("id").asString());
		var original = publish(characterId, channelId, "Lighthouse sketch, day three");
		var marker = "m" + Long.toString(System.nanoTime(), 36);
		var mention = mastodon.mention("fan@other.example", "Which lighthouse is it? " + marker, original);
		var run = collector.collect(channelId);
		var listed = owner.get("/api/v1/inbox?channelId=" + channelId).json();
		assertThat(listed.get("items").size()).as(run + " " + listed).isEqualTo(1);
		assertThat(owner.get("/api/v1/inbox/count").json().get("open").asInt()).isPositive();
		var reply = "It is the one at Cape Vell " + marker;

		as("REVIEWER"); // creates reviewer@troupe.test, who approves the owner's reply
		// the owner may not approve it themselves (the page says so): the studio's rule, whatever an earlier test chose
		assertThat(owner.put("/api/v1/settings/studio", Map.of("ownerSelfApproval", false)).status()).isEqualTo(200);
		// another conversation, open and without the marker: on screen in the Open list, it must not stay when the
		// page turns to Answered and the marker is searched
		mastodon.mention("someone@else.example", "Nice colours", null);
		collector.collect(channelId);
		dev.troupe.dashboard.BrowserScript.runAsOwner(port, "e2e/inbox.e2e.mjs", Map.of("MENTION_MARKER", marker, "REPLY_TEXT", reply, "ORIGINAL_TEXT", "Lighthouse sketch",
				"REVIEWER_EMAIL", "reviewer@troupe.test", "REVIEWER_PASSWORD", OWNER_PASSWORD));

		await().atMost(Duration.ofSeconds(30)).until(() -> mastodon.published().stream()
			.anyMatch(p -> mention.equals(p.inReplyToId())));
		var answers = mastodon.published().stream().filter(p -> mention.equals(p.inReplyToId())).toList();
		assertThat(answers).as("once, in the mention's thread").singleElement()
			.satisfies(p -> assertThat(p.text()).contains(reply).startsWith("@fan@other.example"));
	}

	private String publish(String characterId, UUID channelId, String caption) {
		var editor = as("EDITOR");
		var post = editor.post("/api/v1/posts", Map.of("characterId", characterId, "caption", caption, "channelIds", List.of(channelId)));
		assertThat(post.status()).as(post.toString()).isEqualTo(201);
		var postId = post.json().get("id").asString();
		assertThat(editor.post("/api/v1/posts/" + postId + "/submit", Map.of()).status()).isEqualTo(200);
		assertThat(as("REVIEWER").post("/api/v1/posts/" + postId + "/approve", Map.of()).status()).isEqualTo(200);
		editor.post("/api/v1/posts/" + postId + "/schedule", Map.of("at", Instant.now().toString()));
		await().atMost(Duration.ofSeconds(20))
			.until(() -> "PUBLISHED".equals(owner.get("/api/v1/posts/" + postId).json().get("state").asString()));
		return owner.get("/api/v1/publications?postId=" + postId).json().get(0).get("remoteId").asString();
	}
}
