package dev.troupe.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.troupe.publishing.platform.bluesky.FakeBluesky;
import dev.troupe.publishing.platform.mastodon.FakeMastodon;
import dev.troupe.support.Api;
import dev.troupe.support.ChildTroupe;
import tools.jackson.databind.JsonNode;

/**
 * Troupe is killed with SIGKILL while its replies are on the wire (the platforms received them, Troupe never saw
 * the answer). After a restart the replies end published exactly once, in the right thread (Mastodon replays its
 * Idempotency-Key, Bluesky finds its own record key), and the inbox pollers resume from their stored cursors without
 * collecting anything twice.
 */
class InboxCrashIntegrationTests {

	private static final String EMAIL = "owner@inbox-crash.test";
	private static final String[] FAST_INBOX = { "--troupe.inbox.poll-interval=1s", "--troupe.inbox.sweep-interval=1s" };

	@Test
	void aReplyKilledMidRequestEndsPublishedOnceInItsThread() throws Exception {
		var dataDir = Files.createTempDirectory("troupe-inbox-crash-");
		try (var mastodon = new FakeMastodon(); var bluesky = new FakeBluesky()) {
			var port = ChildTroupe.freePort();
			var first = ChildTroupe.start(dataDir, port, EMAIL, FAST_INBOX);
			String mastodonMention;
			String blueskyReply;
			String mastodonReplyPost;
			String blueskyReplyPost;
			String ownUri;
			try {
				var api = ChildTroupe.signIn(port, EMAIL);
				assertThat(api.put("/api/v1/settings/studio", Map.of("ownerSelfApproval", true)).status()).isEqualTo(200);
				var characterId = api.post("/api/v1/characters", Map.of("name", "Crash Inbox")).json().get("id").asString();
				var toot = channel(api, characterId, "mastodon", mastodon.baseUrl().toString(),
						Map.of("accessToken", FakeMastodon.TOKEN), Map.of("replayAfterSeconds", "5", "disclosureRequired", "false"));
				var sky = channel(api, characterId, "bluesky", bluesky.baseUrl().toString(),
						Map.of("identifier", FakeBluesky.HANDLE, "appPassword", FakeBluesky.APP_PASSWORD),
						Map.of("disclosureRequired", "false"));
				var originalPost = publish(api, characterId, List.of(toot, sky), "Ask me about the harbor");
				var publications = api.get("/api/v1/publications?postId=" + originalPost).json();
				var ownStatus = remoteId(publications, "mastodon");
				ownUri = remoteId(publications, "bluesky");
				mastodonMention = mastodon.mention("fan@other.example", "Which harbor?", ownStatus);
				blueskyReply = bluesky.reply("ana.bsky.social", "Which one?", ownUri);
				await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/inbox?characterId=" + characterId).json()
					.get("items").size() == 2);
				var items = api.get("/api/v1/inbox?characterId=" + characterId).json().get("items");
				mastodonReplyPost = reply(api, item(items, "mastodon"), "The old one in Vell.");
				blueskyReplyPost = reply(api, item(items, "bluesky"), "The one in Vell!");
				mastodon.hangNext();
				bluesky.hangNext();
				assertThat(api.post("/api/v1/posts/" + mastodonReplyPost + "/approve", Map.of()).status()).isEqualTo(200);
				assertThat(api.post("/api/v1/posts/" + blueskyReplyPost + "/approve", Map.of()).status()).isEqualTo(200);
				await().atMost(Duration.ofSeconds(30)).until(() -> mastodon.postsCreated() == 2 && bluesky.postsCreated() == 2);
			}
			finally {
				first.destroyForcibly(); // SIGKILL: the replies reached the platforms, their answers never came back
				first.waitFor();
			}

			var second = ChildTroupe.start(dataDir, port, EMAIL, FAST_INBOX);
			try {
				var api = ChildTroupe.signIn(port, EMAIL);
				await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
					.until(() -> "PUBLISHED".equals(state(api, mastodonReplyPost)) && "PUBLISHED".equals(state(api, blueskyReplyPost)));
				var toots = mastodon.published().stream().filter(p -> mastodonMention.equals(p.inReplyToId())).toList();
				assertThat(toots).as("Mastodon: once, answering the mention").hasSize(1);
				var skeets = bluesky.records().values().stream().filter(r -> r.path("reply").isObject()).toList();
				assertThat(skeets).as("Bluesky: once").hasSize(1);
				assertThat(skeets.get(0).at("/reply/root/uri").asString()).isEqualTo(ownUri);
				assertThat(skeets.get(0).at("/reply/parent/uri").asString()).isEqualTo(blueskyReply);

				// the pollers resumed after the restart: new items arrive, old ones are not collected again
				var later = mastodon.mention("fan@other.example", "Thanks!", toots.get(0).id());
				await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/inbox").text().contains(later));
				var all = api.get("/api/v1/inbox").json().get("items");
				assertThat(all.size()).isEqualTo(3);
			}
			finally {
				second.destroy();
				second.waitFor();
			}
		}
	}

	private static String publish(Api api, String characterId, List<String> channels, String caption) {
		var postId = api.post("/api/v1/posts", Map.of("characterId", characterId, "caption", caption, "channelIds", channels))
			.json().get("id").asString();
		assertThat(api.post("/api/v1/posts/" + postId + "/submit", Map.of()).status()).isEqualTo(200);
		assertThat(api.post("/api/v1/posts/" + postId + "/approve", Map.of()).status()).isEqualTo(200);
		api.post("/api/v1/posts/" + postId + "/schedule", Map.of("at", Instant.now().toString()));
		await().atMost(Duration.ofSeconds(30)).until(() -> "PUBLISHED".equals(state(api, postId)));
		return postId;
	}

	private static String reply(Api api, String itemId, String text) {
		var reply = api.post("/api/v1/inbox/" + itemId + "/reply", Map.of("text", text));
		assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
		return reply.json().get("postId").asString();
	}

	private static String item(JsonNode items, String platform) {
		for (var item : items) {
			if (item.get("platform").asString().equals(platform)) {
				return item.get("id").asString();
			}
		}
		throw new AssertionError("no " + platform + " item in " + items);
	}

	private static String remoteId(JsonNode publications, String platform) {
		for (var p : publications) {
			if (p.get("platform").asString().equals(platform)) {
				return p.get("remoteId").asString();
			}
		}
		throw new AssertionError("no " + platform + " publication in " + publications);
	}

	private static String state(Api api, String postId) {
		return api.get("/api/v1/posts/" + postId).json().get("state").asString();
	}

	private static String channel(Api api, String characterId, String platform, String baseUrl,
			Map<String, String> credentials, Map<String, String> settings) {
		var created = api.post("/api/v1/channels", Map.of("characterId", characterId, "platform", platform, "name", platform,
				"baseUrl", baseUrl, "credentials", credentials, "settings", settings));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("id").asString();
	}
}
