package dev.troupe.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.troupe.publishing.platform.youtube.FakeYouTube;
import dev.troupe.support.Api;
import dev.troupe.support.ChildTroupe;
import dev.troupe.support.TestVideos;

/**
 * YouTube end to end in Troupe's own JVM: the Google app is registered, the channel connected through the fake's
 * consent page, a person's own clip uploaded and scheduled. The fake holds back its answer to a chunk once part of the
 * video has arrived, and Troupe is SIGKILLed there. After the restart the committed session is probed (308 with
 * Range) and the upload continues in it: one session, one videos.insert, every byte once and in order.
 */
class YouTubeCrashIntegrationTests {

	private static final String EMAIL = "owner@youtube-crash.test";
	private static final int CHUNK = 256 * 1024;

	@Test
	void killedInTheMiddleOfTheUploadTheSameSessionResumesToOneCompleteVideo() throws Exception {
		var dataDir = Files.createTempDirectory("troupe-youtube-crash-");
		var clip = TestVideos.mp4(5 * CHUNK + 12_345, 42);
		try (var youtube = new FakeYouTube()) {
			var port = ChildTroupe.freePort();
			var first = ChildTroupe.start(dataDir, port, EMAIL);
			String postId;
			long receivedAtKill;
			try {
				var api = ChildTroupe.signIn(port, EMAIL);
				var characterId = api.post("/api/v1/characters", Map.of("name", "YouTube Tester")).json().get("id").asString();
				var app = api.put("/api/v1/platform-apps/youtube", Map.of("clientId", FakeYouTube.CLIENT_ID, "clientSecret",
						FakeYouTube.CLIENT_SECRET, "authorizeUrl", youtube.baseUrl().resolve("/o/oauth2/v2/auth").toString(),
						"tokenUrl", youtube.baseUrl().resolve("/token").toString(), "apiBaseUrl", youtube.baseUrl().toString()));
				assertThat(app.status()).as(app.toString()).isEqualTo(200);
				var channelId = connect(api, characterId);
				var configured = api.patch("/api/v1/channels/" + channelId, Map.of("settings", Map.of("madeForKids", "no",
						"chunkBytes", String.valueOf(CHUNK))));
				assertThat(configured.status()).as(configured.toString()).isEqualTo(200);
				var uploaded = api.upload("/api/v1/media", "own-clip.mp4", clip);
				assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
				postId = api.post("/api/v1/posts", Map.of("characterId", characterId, "caption", "One video, please",
						"media", List.of(Map.of("assetId", uploaded.json().get("id").asString())), "channelIds",
						List.of(channelId))).json().get("id").asString();
				var submitted = api.post("/api/v1/posts/" + postId + "/submit", Map.of());
				assertThat(submitted.status()).as(submitted.toString()).isEqualTo(200);
				assertThat(api.post("/api/v1/posts/" + postId + "/approve", Map.of()).status()).isEqualTo(200);
				youtube.stallAfterBytes(2L * CHUNK);
				api.post("/api/v1/posts/" + postId + "/schedule", Map.of("at", Instant.now().toString()));
				await().atMost(Duration.ofSeconds(30)).until(youtube::stalled);
				receivedAtKill = youtube.bytesReceived();
			}
			finally {
				first.destroyForcibly(); // SIGKILL while Troupe waits for the answer to a chunk
				first.waitFor();
			}
			assertThat(youtube.sessions).hasSize(1);
			assertThat(receivedAtKill).as("part of the video arrived").isEqualTo(2L * CHUNK);
			assertThat(youtube.videos).as("no video before the last byte").isEmpty();
			youtube.release();

			var second = ChildTroupe.start(dataDir, port, EMAIL);
			try {
				var api = ChildTroupe.signIn(port, EMAIL);
				await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).until(() -> api
					.get("/api/v1/publications?postId=" + postId).json().findValuesAsString("state").stream()
					.allMatch("PUBLISHED"::equals));
				assertThat(youtube.requests.stream().filter("POST /upload/youtube/v3/videos"::equals))
					.as("one videos.insert, never a second session").hasSize(1);
				assertThat(youtube.sessions).hasSize(1);
				assertThat(youtube.videos).as("one video").hasSize(1);
				assertThat(youtube.videos.get(0).bytes()).as("all bytes, each once, in order").isEqualTo(clip);
			}
			finally {
				second.destroy();
				second.waitFor();
			}
		}
	}

	/** Connect → Google's consent page (the fake) → callback → pick the channel. */
	private static String connect(Api api, String characterId) throws Exception {
		var started = api.post("/api/v1/channels/connect", Map.of("platform", "youtube", "characterId", characterId));
		assertThat(started.status()).as(started.toString()).isEqualTo(200);
		var authorization = URI.create(started.json().get("authorizationUrl").asString());
		assertThat(authorization.getQuery()).contains("client_id=" + FakeYouTube.CLIENT_ID, "access_type=offline");
		var consent = HttpClient.newHttpClient().send(HttpRequest.newBuilder(authorization).build(), BodyHandlers.discarding());
		var location = URI.create(consent.headers().firstValue("Location").orElseThrow());
		var landed = api.get(location.getRawPath() + "?" + location.getRawQuery());
		assertThat(landed.status()).as(landed.toString()).isEqualTo(302);
		var connectionId = landed.header("Location").replaceAll(".*connection=", "");
		var picked = api.post("/api/v1/connections/" + connectionId + "/channels", Map.of("accountIds",
				List.of(FakeYouTube.CHANNEL_ID)));
		assertThat(picked.status()).as(picked.toString()).isEqualTo(201);
		return picked.json().at("/0/id").asString();
	}
}
