package dev.troupe.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.troupe.publishing.platform.bluesky.FakeBluesky;
import dev.troupe.support.IntegrationTest;

/**
 * The inbox against a protocol-faithful Bluesky PDS: replies, mentions and quotes from listNotifications, collected
 * once; a reply carries the thread's root and the answered post as parent (strong refs) under Troupe's own record
 * key; the platform's rate limit is honoured; and automatic replies are refused, as Bluesky's rules require.
 */
class BlueskyInboxIntegrationTests extends IntegrationTest {

	private FakeBluesky bluesky;

	@Autowired
	InboxCollector collector;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void start() throws Exception {
		bluesky = new FakeBluesky();
	}

	@AfterEach
	void stop() {
		bluesky.close();
	}

	@Test
	void repliesAreCollectedOnceAndAnsweredWithRootAndParentRefs() {
		var characterId = owner.post("/api/v1/characters", Map.of("name", "Sky " + UUID.randomUUID().toString().substring(0, 8)))
			.json().get("id").asString();
		var channel = owner.post("/api/v1/channels", Map.of("characterId", characterId, "platform", "bluesky", "name",
				"Bluesky", "baseUrl", bluesky.baseUrl().toString(), "credentials",
				Map.of("identifier", FakeBluesky.HANDLE, "appPassword", FakeBluesky.APP_PASSWORD), "settings",
				Map.of("disclosureRequired", "false")));
		assertThat(channel.status()).as(channel.toString()).isEqualTo(201);
		var channelId = UUID.fromString(channel.json().get("id").asString());
		var ownUri = publish(characterId, channelId, "Morning light over the bay");

		var first = bluesky.reply("ana.bsky.social", "Gorgeous!", ownUri);
		var nested = bluesky.reply("ben.bsky.social", "Agreed, where is it?", first);
		bluesky.mention("cat.bsky.social", "have you seen this?");
		bluesky.quote("dan.bsky.social", "This is the one", ownUri);
		collector.collect(channelId);
		collector.collect(channelId);
		jdbc.sql("update engagement_channels set cursor = null where channel_id = ?").param(channelId).update();
		collector.collect(channelId);

		var list = owner.get("/api/v1/inbox?channelId=" + channelId).json();
		assertThat(list.get("items").size()).as(list.toString()).isEqualTo(4);
		assertThat(list.get("items").findValuesAsString("kind")).containsExactlyInAnyOrder("reply", "reply", "mention",
				"quote");
		var nestedId = jdbc.sql("select id from engagement_items where channel_id = ? and remote_id = ?")
			.params(channelId, nested).query(UUID.class).single();
		var detail = owner.get("/api/v1/inbox/" + nestedId).json();
		assertThat(detail.get("threadKey").asString()).as("grouped under the thread's root").isEqualTo(ownUri);
		assertThat(detail.get("thread").findValuesAsString("remoteId")).containsExactly(ownUri, first, nested);
		assertThat(detail.at("/original/text").asString()).contains("Morning light over the bay");
		assertThat(detail.at("/author/url").asString()).isEqualTo("https://bsky.app/profile/ben.bsky.social");

		var refused = owner.put("/api/v1/channels/" + channelId + "/inbox", Map.of("autoApproveReplies", true));
		assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
		assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
		assertThat(refused.text()).contains("autoApproveReplies").contains("Bluesky");
		assertThat(owner.get("/api/v1/channels/" + channelId + "/inbox").json().get("autoApproveReplies").asBoolean()).isFalse();

		var reply = as("EDITOR").post("/api/v1/inbox/" + nestedId + "/reply", Map.of("text", "It's the bay of Vell!"));
		assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
		var postId = reply.json().get("postId").asString();
		assertThat(as("REVIEWER").post("/api/v1/posts/" + postId + "/approve", Map.of()).status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(20)).until(() -> "PUBLISHED".equals(owner.get("/api/v1/posts/" + postId).json()
			.get("state").asString()));
		var answers = bluesky.records().values().stream().filter(r -> r.path("reply").isObject()).toList();
		assertThat(answers).as("one reply record").hasSize(1);
		var refs = answers.get(0).path("reply");
		assertThat(refs.at("/root/uri").asString()).isEqualTo(ownUri);
		assertThat(refs.at("/root/cid").asString()).isEqualTo("bafyrei" + "cid" + ownUri.substring(ownUri.lastIndexOf('/') + 1));
		assertThat(refs.at("/parent/uri").asString()).isEqualTo(nested);
		assertThat(refs.at("/parent/cid").asString()).startsWith("bafyreiremote");
		assertThat(answers.get(0).path("text").asString()).isEqualTo("It's the bay of Vell!");
	}

	@Test
	void aRateLimitedPollWaitsUntilThePlatformSaysSo() {
		var characterId = owner.post("/api/v1/characters", Map.of("name", "Sky " + UUID.randomUUID().toString().substring(0, 8)))
			.json().get("id").asString();
		var channelId = UUID.fromString(owner.post("/api/v1/channels", Map.of("characterId", characterId, "platform",
				"bluesky", "name", "Bluesky", "baseUrl", bluesky.baseUrl().toString(), "credentials",
				Map.of("identifier", FakeBluesky.HANDLE, "appPassword", FakeBluesky.APP_PASSWORD))).json().get("id").asString());
		bluesky.mention("eve.bsky.social", "hello?");
		bluesky.rateLimitNotificationsNext(600);
		var limited = collector.collect(channelId);
		assertThat(limited.collected()).isZero();
		assertThat(limited.next()).isAfter(Instant.now().plusSeconds(500));
		var settings = owner.get("/api/v1/channels/" + channelId + "/inbox").json();
		assertThat(settings.get("lastError").asString()).contains("rate limit");
		var again = collector.collect(channelId);
		assertThat(again.collected()).as("not asked again before the reset").isZero();
		assertThat(again.next()).isAfter(Instant.now().plusSeconds(500));
		jdbc.sql("update engagement_channels set retry_at = null where channel_id = ?").param(channelId).update();
		assertThat(collector.collect(channelId).collected()).isEqualTo(1);
		assertThat(owner.get("/api/v1/inbox?channelId=" + channelId).json().get("items").size()).isEqualTo(1);
	}

	private String publish(String characterId, UUID channelId, String caption) {
		var editor = as("EDITOR");
		var postId = editor.post("/api/v1/posts", Map.of("characterId", characterId, "caption", caption, "channelIds",
				List.of(channelId))).json().get("id").asString();
		assertThat(editor.post("/api/v1/posts/" + postId + "/submit", Map.of()).status()).isEqualTo(200);
		assertThat(as("REVIEWER").post("/api/v1/posts/" + postId + "/approve", Map.of()).status()).isEqualTo(200);
		editor.post("/api/v1/posts/" + postId + "/schedule", Map.of("at", Instant.now().toString()));
		await().atMost(Duration.ofSeconds(20)).until(() -> "PUBLISHED".equals(owner.get("/api/v1/posts/" + postId).json()
			.get("state").asString()));
		return owner.get("/api/v1/publications?postId=" + postId).json().get(0).get("remoteId").asString();
	}
}
