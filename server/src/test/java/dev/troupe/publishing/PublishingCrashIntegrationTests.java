package dev.troupe.publishing;

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
import dev.troupe.publishing.platform.telegram.FakeTelegram;
import dev.troupe.support.Api;
import dev.troupe.support.ChildTroupe;

/**
 * Troupe is killed with SIGKILL after the platforms received the post but before it recorded the answer. After
 * a restart, Mastodon (Idempotency-Key replay) and Bluesky (own record key) end published exactly once; Telegram,
 * whose API cannot tell, ends unconfirmed for a person to decide. Nothing is lost, nothing is posted twice.
 */
class PublishingCrashIntegrationTests {

	private static final String EMAIL = "owner@crash.test";

	@Test
	void killedMidRequestThenRestartedPublishesExactlyOnceOrAsksAPerson() throws Exception {
		var dataDir = Files.createTempDirectory("troupe-crash-");
		try (var mastodon = new FakeMastodon(); var bluesky = new FakeBluesky(); var telegram = new FakeTelegram()) {
			var port = ChildTroupe.freePort();
			var first = ChildTroupe.start(dataDir, port, EMAIL);
			String postId;
			try {
				var api = ChildTroupe.signIn(port, EMAIL);
				// a studio of one: the owner approves their own posts
				assertThat(api.put("/api/v1/settings/studio", Map.of("ownerSelfApproval", true)).status()).isEqualTo(200);
				var characterId = api.post("/api/v1/characters", Map.of("name", "Crash Tester")).json().get("id").asString();
				var channels = List.of(
						channel(api, characterId, "mastodon", mastodon.baseUrl().toString(), Map.of("accessToken", FakeMastodon.TOKEN),
								Map.of("replayAfterSeconds", "5")),
						channel(api, characterId, "bluesky", bluesky.baseUrl().toString(),
								Map.of("identifier", FakeBluesky.HANDLE, "appPassword", FakeBluesky.APP_PASSWORD), Map.of()),
						channel(api, characterId, "telegram", telegram.baseUrl().toString(), Map.of("botToken", FakeTelegram.TOKEN),
								Map.of("chatId", FakeTelegram.CHANNEL)));
				postId = api.post("/api/v1/posts", Map.of("characterId", characterId, "caption", "Hello after a crash",
						"channelIds", channels)).json().get("id").asString();
				assertThat(api.post("/api/v1/posts/" + postId + "/submit", Map.of()).status()).isEqualTo(200);
				assertThat(api.post("/api/v1/posts/" + postId + "/approve", Map.of()).status()).isEqualTo(200);
				mastodon.hangNext();
				bluesky.hangNext();
				telegram.hangNext();
				api.post("/api/v1/posts/" + postId + "/schedule", Map.of("at", Instant.now().toString()));
				await().atMost(Duration.ofSeconds(30)).until(() -> mastodon.postsCreated() == 1
						&& bluesky.postsCreated() == 1 && telegram.postsCreated() == 1);
			}
			finally {
				first.destroyForcibly(); // SIGKILL: no shutdown hook, no chance to record anything
				first.waitFor();
			}

			var second = ChildTroupe.start(dataDir, port, EMAIL);
			try {
				var api = ChildTroupe.signIn(port, EMAIL);
				await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
					var states = states(api, postId);
					return states.get("mastodon").equals("PUBLISHED") && states.get("bluesky").equals("PUBLISHED")
							&& states.get("telegram").equals("UNCONFIRMED");
				});
				assertThat(mastodon.postsCreated()).as("Mastodon: once").isEqualTo(1);
				assertThat(bluesky.postsCreated()).as("Bluesky: once").isEqualTo(1);
				assertThat(telegram.postsCreated()).as("Telegram: never resent blindly").isEqualTo(1);
				assertThat(api.get("/api/v1/posts/" + postId).json().get("state").asString()).isEqualTo("UNCONFIRMED");
				assertThat(api.get("/api/v1/notifications").text()).contains("post.unconfirmed");
			}
			finally {
				second.destroy();
				second.waitFor();
			}
		}
	}

	private static Map<String, String> states(Api api, String postId) {
		var result = new java.util.HashMap<String, String>();
		api.get("/api/v1/publications?postId=" + postId).json()
			.forEach(p -> result.put(p.get("platform").asString(), p.get("state").asString()));
		return result;
	}

	private static String channel(Api api, String characterId, String platform, String baseUrl,
			Map<String, String> credentials, Map<String, String> settings) {
		var created = api.post("/api/v1/channels", Map.of("characterId", characterId, "platform", platform, "name", platform,
				"baseUrl", baseUrl, "credentials", credentials, "settings", settings));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("id").asString();
	}
}
