package dev.troupe.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import dev.troupe.publishing.platform.tiktok.FakeTikTok;
import dev.troupe.support.Api;
import dev.troupe.support.ChildTroupe;
import dev.troupe.support.TestVideos;

/**
 * TikTok end to end in Troupe's own JVM, reachable at its public URL: the app is registered, the account connected
 * through the fake's consent page (client_key, PKCE), and a photo post scheduled; TikTok pulls the photo through
 * Troupe's public link. Troupe is SIGKILLed while it polls status/fetch for the publish_id. After the restart the
 * committed publish_id is settled by status/fetch: one init, one post. A person's own clip is uploaded by FILE_UPLOAD in
 * two chunks and Troupe is SIGKILLed while the fake holds back its answer to the first: after the restart status/fetch
 * reports the bytes TikTok has, and the same publish_id continues from the second chunk: one init, one post.
 */
class TikTokCrashIntegrationTests {

	private static final String EMAIL = "owner@tiktok-crash.test";

	@Test
	void killedWhileStatusIsPolledThePublishIsSettledByItsIdAndNeverStartedTwice() throws Exception {
		var dataDir = Files.createTempDirectory("troupe-tiktok-crash-");
		try (var tiktok = new FakeTikTok()) {
			var port = ChildTroupe.freePort();
			var first = ChildTroupe.start(dataDir, port, EMAIL);
			String postId;
			try {
				var api = ChildTroupe.signIn(port, EMAIL);
				var characterId = api.post("/api/v1/characters", Map.of("name", "TikTok Tester")).json().get("id").asString();
				assertThat(api.put("/api/v1/platform-apps/tiktok", Map.of("clientId", FakeTikTok.CLIENT_KEY, "clientSecret",
						FakeTikTok.CLIENT_SECRET, "authorizeUrl", tiktok.baseUrl().resolve("/v2/auth/authorize/").toString(),
						"tokenUrl", tiktok.baseUrl().resolve("/v2/oauth/token/").toString(), "apiBaseUrl",
						tiktok.baseUrl().toString())).status()).isEqualTo(200);
				var channelId = connect(api, characterId);
				assertThat(api.patch("/api/v1/channels/" + channelId, Map.of("settings", Map.of("privacyLevel", "SELF_ONLY",
						"pollMillis", "200"))).status()).isEqualTo(200);
				var image = image(api, characterId);
				postId = api.post("/api/v1/posts", Map.of("characterId", characterId, "caption", "One post, please",
						"media", List.of(Map.of("assetId", image)), "channelIds", List.of(channelId))).json().get("id").asString();
				var submitted = api.post("/api/v1/posts/" + postId + "/submit", Map.of());
				assertThat(submitted.status()).as(submitted.toString()).isEqualTo(200);
				assertThat(api.post("/api/v1/posts/" + postId + "/approve", Map.of()).status()).isEqualTo(200);
				tiktok.processingPolls(1_000_000);
				api.post("/api/v1/posts/" + postId + "/schedule", Map.of("at", Instant.now().toString()));
				await().atMost(Duration.ofSeconds(60)).until(() -> tiktok.statusReads() >= 2);
			}
			finally {
				first.destroyForcibly(); // SIGKILL while status/fetch is polled
				first.waitFor();
			}
			assertThat(tiktok.inits()).isEqualTo(1);
			assertThat(tiktok.fetched).as("TikTok pulled the photo from Troupe").hasSize(1);
			tiktok.finishProcessing();

			var second = ChildTroupe.start(dataDir, port, EMAIL);
			try {
				var api = ChildTroupe.signIn(port, EMAIL);
				await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> api
					.get("/api/v1/publications?postId=" + postId).json().findValuesAsString("state").stream()
					.allMatch("PUBLISHED"::equals));
				assertThat(tiktok.inits()).as("never a second init").isEqualTo(1);
				assertThat(tiktok.postsCreated()).as("one post").isEqualTo(1);
			}
			finally {
				second.destroy();
				second.waitFor();
			}
		}
	}

	@Test
	void killedInTheMiddleOfAVideoUploadTheSamePublishIdContinuesToOnePost() throws Exception {
		var dataDir = Files.createTempDirectory("troupe-tiktok-video-crash-");
		var chunk = 5 * 1024 * 1024;
		var clip = TestVideos.mp4(2 * chunk + 777_777, 7);
		try (var tiktok = new FakeTikTok()) {
			var port = ChildTroupe.freePort();
			var first = ChildTroupe.start(dataDir, port, EMAIL);
			String postId;
			try {
				var api = ChildTroupe.signIn(port, EMAIL);
				var characterId = api.post("/api/v1/characters", Map.of("name", "TikTok Video Tester")).json().get("id").asString();
				assertThat(api.put("/api/v1/platform-apps/tiktok", Map.of("clientId", FakeTikTok.CLIENT_KEY, "clientSecret",
						FakeTikTok.CLIENT_SECRET, "authorizeUrl", tiktok.baseUrl().resolve("/v2/auth/authorize/").toString(),
						"tokenUrl", tiktok.baseUrl().resolve("/v2/oauth/token/").toString(), "apiBaseUrl",
						tiktok.baseUrl().toString())).status()).isEqualTo(200);
				var channelId = connect(api, characterId);
				var configured = api.patch("/api/v1/channels/" + channelId, Map.of("settings", Map.of("privacyLevel", "SELF_ONLY",
						"pollMillis", "200", "chunkBytes", String.valueOf(chunk))));
				assertThat(configured.status()).as(configured.toString()).isEqualTo(200);
				var uploaded = api.upload("/api/v1/media", "own-clip.mp4", clip);
				assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
				postId = api.post("/api/v1/posts", Map.of("characterId", characterId, "caption", "One video post, please",
						"media", List.of(Map.of("assetId", uploaded.json().get("id").asString())), "channelIds",
						List.of(channelId))).json().get("id").asString();
				var submitted = api.post("/api/v1/posts/" + postId + "/submit", Map.of());
				assertThat(submitted.status()).as(submitted.toString()).isEqualTo(200);
				assertThat(api.post("/api/v1/posts/" + postId + "/approve", Map.of()).status()).isEqualTo(200);
				tiktok.stallAfterBytes(chunk);
				api.post("/api/v1/posts/" + postId + "/schedule", Map.of("at", Instant.now().toString()));
				await().atMost(Duration.ofSeconds(30)).until(tiktok::stalled);
			}
			finally {
				first.destroyForcibly(); // SIGKILL while Troupe waits for the answer to the first chunk
				first.waitFor();
			}
			assertThat(tiktok.inits()).isEqualTo(1);
			var publish = tiktok.publishes.values().iterator().next();
			assertThat(publish.chunkSizes).as("the first of two chunks arrived").containsExactly(chunk);
			assertThat(tiktok.postsCreated()).isZero();
			tiktok.processingPolls(0); // processing is the other test's subject: here the post is ready once complete
			tiktok.release();

			var second = ChildTroupe.start(dataDir, port, EMAIL);
			try {
				var api = ChildTroupe.signIn(port, EMAIL);
				await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).until(() -> api
					.get("/api/v1/publications?postId=" + postId).json().findValuesAsString("state").stream()
					.allMatch("PUBLISHED"::equals));
				assertThat(tiktok.inits()).as("never a second init").isEqualTo(1);
				assertThat(tiktok.postsCreated()).as("one post").isEqualTo(1);
				assertThat(publish.chunkSizes).as("the upload went on from the second chunk").containsExactly(chunk,
						clip.length - chunk);
				assertThat(publish.bytes.toByteArray()).isEqualTo(clip);
			}
			finally {
				second.destroy();
				second.waitFor();
			}
		}
	}

	/** Connect → TikTok's consent page (the fake) → callback → pick the account. */
	private static String connect(Api api, String characterId) throws Exception {
		var started = api.post("/api/v1/channels/connect", Map.of("platform", "tiktok", "characterId", characterId));
		assertThat(started.status()).as(started.toString()).isEqualTo(200);
		var authorization = URI.create(started.json().get("authorizationUrl").asString());
		assertThat(authorization.getQuery()).contains("client_key=" + FakeTikTok.CLIENT_KEY, "video.publish",
				"code_challenge_method=S256");
		var consent = HttpClient.newHttpClient().send(HttpRequest.newBuilder(authorization).build(), BodyHandlers.discarding());
		var location = URI.create(consent.headers().firstValue("Location").orElseThrow());
		var landed = api.get(location.getRawPath() + "?" + location.getRawQuery());
		assertThat(landed.status()).as(landed.toString()).isEqualTo(302);
		var connectionId = landed.header("Location").replaceAll(".*connection=", "");
		var picked = api.post("/api/v1/connections/" + connectionId + "/channels", Map.of("accountIds", List.of(FakeTikTok.OPEN_ID)));
		assertThat(picked.status()).as(picked.toString()).isEqualTo(201);
		return picked.json().at("/0/id").asString();
	}

	private static String image(Api api, String characterId) {
		var picture = new BufferedImage(400, 500, BufferedImage.TYPE_INT_RGB);
		for (int x = 0; x < 400; x++) {
			for (int y = 0; y < 500; y++) {
				picture.setRGB(x, y, new Color(x % 256, y % 256, 128).getRGB());
			}
		}
		var out = new ByteArrayOutputStream();
		try {
			ImageIO.write(picture, "png", out);
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		var uploaded = api.upload("/api/v1/characters/" + characterId + "/references", "ref.png", out.toByteArray());
		assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
		var refs = uploaded.json().at("/visual/referenceAssetIds");
		return refs.get(refs.size() - 1).asString();
	}
}
