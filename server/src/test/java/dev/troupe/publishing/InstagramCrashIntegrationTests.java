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

import dev.troupe.publishing.platform.instagram.FakeInstagram;
import dev.troupe.support.Api;
import dev.troupe.support.ChildTroupe;

/**
 * Instagram end to end, in Troupe's own JVM with TROUPE_PUBLIC_URL pointing at it: the app is registered, an
 * account is connected through the fake's consent page, and the fake fetches the post's media through Troupe's
 * public links as Meta does. Then Troupe is SIGKILLed twice over: one channel between container creation and
 * media_publish, the other while media_publish hangs. After the restart each account has exactly one media and
 * one container.
 */
class InstagramCrashIntegrationTests {

	private static final String EMAIL = "owner@ig-crash.test";

	@Test
	void connectedByOAuthAndKilledMidPublishEachAccountEndsWithExactlyOneMedia() throws Exception {
		var dataDir = Files.createTempDirectory("troupe-ig-crash-");
		try (var connected = new FakeInstagram(); var hanging = new FakeInstagram()) {
			var port = ChildTroupe.freePort();
			var first = ChildTroupe.start(dataDir, port, EMAIL);
			String postId;
			try {
				var api = ChildTroupe.signIn(port, EMAIL);
				var characterId = api.post("/api/v1/characters", Map.of("name", "Insta Tester")).json().get("id").asString();
				assertThat(api.put("/api/v1/platform-apps/instagram", Map.of("clientId", FakeInstagram.CLIENT_ID,
						"clientSecret", FakeInstagram.CLIENT_SECRET, "authorizeUrl", connected.baseUrl().resolve("/oauth/authorize").toString(),
						"tokenUrl", connected.baseUrl().resolve("/oauth/access_token").toString(),
						"apiBaseUrl", connected.baseUrl().toString())).status()).isEqualTo(200);
				var viaOAuth = connect(api, port, characterId);
				api.patch("/api/v1/channels/" + viaOAuth, Map.of("settings", Map.of("pollMillis", "200")));
				var viaToken = api.post("/api/v1/channels", Map.of("characterId", characterId, "platform", "instagram", "name",
						"second account", "baseUrl", hanging.baseUrl().toString(), "credentials",
						Map.of("accessToken", FakeInstagram.validToken(), "userId", FakeInstagram.USER_ID), "settings", Map.of()))
					.json().get("id").asString();

				// a studio of one: the owner approves their own posts
				assertThat(api.put("/api/v1/settings/studio", Map.of("ownerSelfApproval", true)).status()).isEqualTo(200);
				var image = image(api, characterId);
				postId = api.post("/api/v1/posts", Map.of("characterId", characterId, "caption", "Exactly once, please",
						"media", List.of(Map.of("assetId", image, "altText", "a gradient")), "channelIds", List.of(viaOAuth, viaToken)))
					.json().get("id").asString();
				var submitted = api.post("/api/v1/posts/" + postId + "/submit", Map.of());
				assertThat(submitted.status()).as(submitted.toString()).isEqualTo(200);
				assertThat(api.post("/api/v1/posts/" + postId + "/approve", Map.of()).status()).isEqualTo(200);
				connected.slowContainers(1_000_000); // the container exists but never finishes before the kill
				hanging.hangNext();
				hanging.hangSeconds(120);
				api.post("/api/v1/posts/" + postId + "/schedule", Map.of("at", Instant.now().toString()));
				await().atMost(Duration.ofSeconds(60)).until(() -> connected.statusPolls() > 0 && hanging.postsCreated() == 1);
			}
			finally {
				first.destroyForcibly(); // SIGKILL
				first.waitFor();
			}
			assertThat(connected.containers()).isEqualTo(1);
			assertThat(connected.postsCreated()).isZero();
			connected.slowContainers(0);

			var second = ChildTroupe.start(dataDir, port, EMAIL);
			try {
				var api = ChildTroupe.signIn(port, EMAIL);
				await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> api
					.get("/api/v1/publications?postId=" + postId).json().findValuesAsString("state").stream()
					.allMatch("PUBLISHED"::equals));
				assertThat(connected.postsCreated()).as("killed before media_publish: once").isEqualTo(1);
				assertThat(connected.containers()).as("and no second container").isEqualTo(1);
				assertThat(hanging.postsCreated()).as("killed while media_publish hung: once").isEqualTo(1);
				assertThat(hanging.containers()).isEqualTo(1);
			}
			finally {
				second.destroy();
				second.waitFor();
			}
		}
	}

	/** Connect → Instagram's consent page (the fake) → callback → pick the one account. */
	private static String connect(Api api, int port, String characterId) throws Exception {
		var started = api.post("/api/v1/channels/connect", Map.of("platform", "instagram", "characterId", characterId));
		assertThat(started.status()).as(started.toString()).isEqualTo(200);
		var authorization = URI.create(started.json().get("authorizationUrl").asString());
		assertThat(authorization.getQuery()).contains("scope=instagram_business_basic,instagram_business_content_publish");
		var consent = HttpClient.newHttpClient().send(HttpRequest.newBuilder(authorization).build(), BodyHandlers.discarding());
		var location = URI.create(consent.headers().firstValue("Location").orElseThrow());
		assertThat(location.getPort()).isEqualTo(port);
		var landed = api.get(location.getRawPath() + "?" + location.getRawQuery());
		assertThat(landed.status()).as(landed.toString()).isEqualTo(302);
		var connectionId = landed.header("Location").replaceAll(".*connection=", "");
		var picked = api.post("/api/v1/connections/" + connectionId + "/channels",
				Map.of("accountIds", List.of(FakeInstagram.USER_ID)));
		assertThat(picked.status()).as(picked.toString()).isEqualTo(201);
		assertThat(picked.json().at("/0/account/handle").asString()).isEqualTo("@mira.studio");
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
