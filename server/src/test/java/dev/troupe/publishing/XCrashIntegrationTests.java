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

import dev.troupe.publishing.platform.x.FakeX;
import dev.troupe.support.Api;
import dev.troupe.support.ChildTroupe;

/**
 * X end to end in Troupe's own JVM: the app is registered, the account connected through the fake's consent page
 * with PKCE, and a post scheduled. X has no idempotency key, so Troupe is SIGKILLed while {@code POST /2/tweets}
 * hangs after the fake stored the post. After the restart the publication is unconfirmed, the look-up among the
 * account's posts finds it by its text, and it ends PUBLISHED with that post's id: one post, one create.
 */
class XCrashIntegrationTests {

	private static final String EMAIL = "owner@x-crash.test";

	@Test
	void killedWhileTheCreateHangsThePostIsFoundByTheLookUpAndNeverSentTwice() throws Exception {
		var dataDir = Files.createTempDirectory("troupe-x-crash-");
		try (var x = new FakeX()) {
			var port = ChildTroupe.freePort();
			var first = ChildTroupe.start(dataDir, port, EMAIL);
			String postId;
			try {
				var api = ChildTroupe.signIn(port, EMAIL);
				var characterId = api.post("/api/v1/characters", Map.of("name", "X Tester")).json().get("id").asString();
				assertThat(api.put("/api/v1/platform-apps/x", Map.of("clientId", FakeX.CLIENT_ID, "clientSecret",
						FakeX.CLIENT_SECRET, "authorizeUrl", x.baseUrl().resolve("/i/oauth2/authorize").toString(), "tokenUrl",
						x.baseUrl().resolve("/2/oauth2/token").toString(), "apiBaseUrl", x.baseUrl().toString())).status())
					.isEqualTo(200);
				var channelId = connect(api, port, characterId);
				postId = api.post("/api/v1/posts", Map.of("characterId", characterId, "caption",
						"Exactly once on X, please & thanks: https://example.com/tour", "channelIds", List.of(channelId)))
					.json().get("id").asString();
				var submitted = api.post("/api/v1/posts/" + postId + "/submit", Map.of());
				assertThat(submitted.status()).as(submitted.toString()).isEqualTo(200);
				assertThat(api.post("/api/v1/posts/" + postId + "/approve", Map.of()).status()).isEqualTo(200);
				x.hangNext();
				x.hangSeconds(120);
				api.post("/api/v1/posts/" + postId + "/schedule", Map.of("at", Instant.now().toString()));
				await().atMost(Duration.ofSeconds(60)).until(() -> x.postsCreated() == 1);
			}
			finally {
				first.destroyForcibly(); // SIGKILL while POST /2/tweets hangs
				first.waitFor();
			}
			assertThat(x.createAttempts).isEqualTo(1);

			var second = ChildTroupe.start(dataDir, port, EMAIL);
			try {
				var api = ChildTroupe.signIn(port, EMAIL);
				await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> api
					.get("/api/v1/publications?postId=" + postId).json().findValuesAsString("state").stream()
					.allMatch("PUBLISHED"::equals));
				var publication = api.get("/api/v1/publications?postId=" + postId).json().get(0);
				assertThat(publication.toString()).contains(x.posts.get(0).id());
				assertThat(x.postsCreated()).as("one post").isEqualTo(1);
				assertThat(x.createAttempts).as("never sent again").isEqualTo(1);
				assertThat(x.requests).contains("GET /2/users/" + FakeX.USER_ID + "/tweets");
			}
			finally {
				second.destroy();
				second.waitFor();
			}
		}
	}

	/** Connect → X's consent page (the fake, PKCE S256) → callback → pick the account. */
	private static String connect(Api api, int port, String characterId) throws Exception {
		var started = api.post("/api/v1/channels/connect", Map.of("platform", "x", "characterId", characterId));
		assertThat(started.status()).as(started.toString()).isEqualTo(200);
		var authorization = URI.create(started.json().get("authorizationUrl").asString());
		assertThat(authorization.getQuery()).contains("offline.access", "media.write", "code_challenge_method=S256");
		var consent = HttpClient.newHttpClient().send(HttpRequest.newBuilder(authorization).build(), BodyHandlers.discarding());
		var location = URI.create(consent.headers().firstValue("Location").orElseThrow());
		var landed = api.get(location.getRawPath() + "?" + location.getRawQuery());
		assertThat(landed.status()).as(landed.toString()).isEqualTo(302);
		var connectionId = landed.header("Location").replaceAll(".*connection=", "");
		var picked = api.post("/api/v1/connections/" + connectionId + "/channels", Map.of("accountIds", List.of(FakeX.USER_ID)));
		assertThat(picked.status()).as(picked.toString()).isEqualTo(201);
		assertThat(picked.json().at("/0/account/handle").asString()).isEqualTo("@mira_sings");
		return picked.json().at("/0/id").asString();
	}
}
