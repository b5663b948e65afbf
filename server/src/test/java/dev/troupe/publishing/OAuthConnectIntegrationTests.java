package dev.troupe.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.troupe.support.IntegrationTest;

/**
 * The generic "connect account" flow against an RFC 6749 authorization server: register the app (secret
 * write-only, encrypted), consent, callback, pick accounts; every way the callback can go wrong ends on a
 * page with nothing stored; tokens are refreshed by the durable task, and a refusal holds the posts until
 * the same account is reconnected into the same channel.
 */
class OAuthConnectIntegrationTests extends IntegrationTest {

	private final HttpClient browser = HttpClient.newHttpClient(); // never follows redirects
	private FakeOAuthServer server;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void registerApp() throws Exception {
		server = new FakeOAuthServer();
		var saved = owner.put("/api/v1/platform-apps/fake-oauth", Map.of("clientId", FakeOAuthServer.CLIENT_ID,
				"clientSecret", FakeOAuthServer.CLIENT_SECRET, "authorizeUrl", server.url("/authorize").toString(),
				"tokenUrl", server.url("/token").toString(), "apiBaseUrl", server.url("/").toString()));
		assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
	}

	@AfterEach
	void stop() {
		server.close();
	}

	@Test
	void theClientSecretIsWriteOnlyAndEncrypted() {
		var listed = owner.get("/api/v1/platform-apps");
		assertThat(listed.status()).isEqualTo(200);
		assertThat(listed.text()).doesNotContain(FakeOAuthServer.CLIENT_SECRET).contains("\"clientSecretSet\":true")
			.contains("/oauth/callback/fake-oauth");
		var stored = jdbc.sql("select client_secret_cipher from publishing_platform_apps where platform = 'fake-oauth'")
			.query(String.class).single();
		assertThat(stored).startsWith("v1:").doesNotContain(FakeOAuthServer.CLIENT_SECRET);

		var noId = owner.put("/api/v1/platform-apps/fake-oauth", Map.of("clientSecret", "x"));
		assertThat(noId.status()).isEqualTo(400);
		assertThat(noId.text()).contains("clientId");
		var badUrl = owner.put("/api/v1/platform-apps/fake-oauth", Map.of("clientId", "a", "tokenUrl", "ftp://x"));
		assertThat(badUrl.status()).isEqualTo(400);
		assertThat(badUrl.text()).contains("tokenUrl");
		var idOnly = owner.put("/api/v1/platform-apps/fake-oauth", Map.of("clientId", FakeOAuthServer.CLIENT_ID));
		assertThat(idOnly.status()).isEqualTo(200);
		assertThat(idOnly.json().get("tokenUrl").asString()).as("left out: kept").isEqualTo(server.url("/token").toString());
		assertThat(idOnly.json().get("clientSecretSet").asBoolean()).isTrue();
		assertThat(owner.put("/api/v1/platform-apps/fake-social", Map.of("clientId", "a", "clientSecret", "b")).status())
			.isEqualTo(400);
		assertThat(as("EDITOR").get("/api/v1/platform-apps").status()).isEqualTo(403);
	}

	@Test
	void connectsTheAccountsThePersonPicks() throws Exception {
		var characterId = character();
		var authorization = start(characterId);
		assertThat(authorization.getQuery()).contains("code_challenge_method=S256").contains("scope=posts.write+accounts.read");
		var callback = consent(authorization);
		// the server accepts the code only with the verifier whose S256 challenge it received (RFC 7636)
		assertThat(server.challenges).contains(query(authorization).get("code_challenge"));
		var landed = owner.get(callback);
		assertThat(landed.status()).as(landed.toString()).isEqualTo(302);
		var connectionId = landed.header("Location").replaceAll(".*connection=", "");

		var connection = owner.get("/api/v1/connections/" + connectionId);
		assertThat(connection.json().at("/accounts").size()).isEqualTo(2);
		assertThat(connection.json().at("/accounts/0/handle").asString()).isEqualTo("@studio.one");
		assertThat(connection.text()).doesNotContain("at-").doesNotContain("rt-");

		var bad = owner.post("/api/v1/connections/" + connectionId + "/channels", Map.of("accountIds", List.of("nope")));
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.text()).contains("accountIds[0]");
		var created = owner.post("/api/v1/connections/" + connectionId + "/channels", Map.of("accountIds", List.of("acct-1")));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.json().size()).isEqualTo(1);
		assertThat(created.json().at("/0/name").asString()).isEqualTo("Studio One");
		assertThat(created.text()).doesNotContain("at-").doesNotContain("rt-");
		assertThat(owner.post("/api/v1/connections/" + connectionId + "/channels", Map.of("accountIds", List.of("acct-1")))
			.status()).as("a connection is used once").isEqualTo(404);

		var channelId = created.json().at("/0/id").asString();
		var postId = schedule(characterId, channelId, "Hello over OAuth");
		await().atMost(Duration.ofSeconds(20)).until(() -> state(postId).equals("PUBLISHED"));
		assertThat(server.posts).hasSize(1);
	}

	@Test
	void aReusedStateIsRefused() throws Exception {
		var callback = consent(start(character()));
		assertThat(owner.get(callback).status()).isEqualTo(302);
		var again = owner.get(callback);
		assertThat(again.status()).isEqualTo(400);
		assertThat(again.header("Content-Type")).startsWith("text/html");
		assertThat(again.text()).contains("unknown or was already used");
		var madeUp = owner.get("/oauth/callback/fake-oauth?code=abc&state=" + "x".repeat(43));
		assertThat(madeUp.status()).isEqualTo(400);
		assertThat(madeUp.text()).contains("unknown or was already used");
		assertThat(owner.get("/oauth/callback/fake-oauth?code=abc").text()).contains("without the state");
	}

	@Test
	void anotherUsersStateIsRefusedAndStaysUsableForItsOwner() throws Exception {
		var callback = consent(start(character()));
		var connections = connections();
		var editor = as("EDITOR").get(callback);
		assertThat(editor.status()).isEqualTo(400);
		assertThat(editor.text()).contains("started by another Troupe user");
		var nobody = anonymous.get(callback);
		assertThat(nobody.status()).isEqualTo(400);
		assertThat(nobody.text()).contains("not signed in");
		assertThat(connections()).isEqualTo(connections);
		assertThat(owner.get(callback).status()).isEqualTo(302);
	}

	@Test
	void deniedConsentEndsOnAPageWithNothingStored() throws Exception {
		server.deny(true);
		var connections = connections();
		var callback = consent(start(character()));
		var page = owner.get(callback);
		assertThat(page.status()).isEqualTo(400);
		assertThat(page.text()).contains("Access was not granted").contains("The user denied the request");
		assertThat(connections()).isEqualTo(connections);
		assertThat(owner.get(callback).text()).as("the state was used").contains("already used");
	}

	@Test
	void anExpiredCodeEndsOnAPageWithNothingStored() throws Exception {
		server.codesExpired(true);
		var connections = connections();
		var page = owner.get(consent(start(character())));
		assertThat(page.status()).isEqualTo(400);
		assertThat(page.text()).contains("refused the connection").contains("The authorization code has expired");
		assertThat(connections()).isEqualTo(connections);
	}

	@Test
	void anExpiredStateIsRefused() throws Exception {
		var callback = consent(start(character()));
		jdbc.sql("update publishing_oauth_states set expires_at = now() - interval '1 minute'").update();
		var page = owner.get(callback);
		assertThat(page.status()).isEqualTo(400);
		assertThat(page.text()).contains("more than 10 minutes old");
	}

	@Test
	void tokensAreRefreshedAndARefusedRefreshHoldsPostsUntilTheSameAccountIsReconnected() throws Exception {
		server.tokenLifetimeSeconds(4); // refreshed half-way: every ~2 s
		var refreshedBefore = refreshes("ok");
		var revokedBefore = refreshes("revoked");
		var characterId = character();
		var channelId = connect(characterId, "acct-2");
		await().atMost(Duration.ofSeconds(20)).until(() -> server.refreshes.get() >= 2);
		assertThat(channel(channelId).get("status").asString()).isEqualTo("OK");
		assertThat(refreshes("ok")).as("troupe_publishing_token_refreshes_total ok").isGreaterThanOrEqualTo(refreshedBefore + 2);

		server.refuseRefresh(true);
		await().atMost(Duration.ofSeconds(20)).until(() -> channel(channelId).get("status").asString().equals("NEEDS_RECONNECT"));
		assertThat(refreshes("revoked")).as("troupe_publishing_token_refreshes_total revoked").isEqualTo(revokedBefore + 1);
		assertThat(owner.get("/api/v1/notifications").text()).contains("channel.needs_reconnect");
		var postId = schedule(characterId, channelId, "Held while the token is refused");
		await().atMost(Duration.ofSeconds(20)).until(() -> state(postId).equals("WAITING_FOR_CHANNEL"));
		assertThat(server.posts).isEmpty();

		server.refuseRefresh(false).tokenLifetimeSeconds(3600);
		var again = connect(characterId, "acct-2");
		assertThat(again).as("the same channel, with its history and queue").isEqualTo(channelId);
		await().atMost(Duration.ofSeconds(20)).until(() -> state(postId).equals("PUBLISHED"));
		assertThat(server.posts).hasSize(1);
		assertThat(owner.get("/api/v1/channels?characterId=" + characterId).json().size()).isEqualTo(1);
	}

	/** The token refresh counter of the fake platform, as Prometheus reads it. */
	private double refreshes(String result) {
		var series = "troupe_publishing_token_refreshes_total{platform=\"fake-oauth\",result=\"" + result + "\"} ";
		return owner.get("/actuator/prometheus").text().lines().filter(l -> l.startsWith(series))
			.mapToDouble(l -> Double.parseDouble(l.substring(series.length()).trim())).findFirst().orElse(-1);
	}

	private String connect(String characterId, String accountId) throws Exception {
		var landed = owner.get(consent(start(characterId)));
		assertThat(landed.status()).as(landed.toString()).isEqualTo(302);
		var connectionId = landed.header("Location").replaceAll(".*connection=", "");
		var created = owner.post("/api/v1/connections/" + connectionId + "/channels", Map.of("accountIds", List.of(accountId)));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().at("/0/id").asString();
	}

	private URI start(String characterId) {
		var started = owner.post("/api/v1/channels/connect", Map.of("platform", "fake-oauth", "characterId", characterId));
		assertThat(started.status()).as(started.toString()).isEqualTo(200);
		return URI.create(started.json().get("authorizationUrl").asString());
	}

	/** The person consents on the platform; the platform redirects the browser back to Troupe's callback. */
	private String consent(URI authorization) throws Exception {
		var response = browser.send(HttpRequest.newBuilder(authorization).build(), BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
		var location = URI.create(response.headers().firstValue("Location").orElseThrow());
		assertThat(location.getPath()).isEqualTo("/oauth/callback/fake-oauth");
		return location.getRawPath() + "?" + location.getRawQuery();
	}

	private static Map<String, String> query(URI uri) {
		var result = new HashMap<String, String>();
		for (var pair : uri.getRawQuery().split("&")) {
			var eq = pair.indexOf('=');
			result.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
		}
		return result;
	}

	private int connections() {
		return jdbc.sql("select count(*) from publishing_connections").query(Integer.class).single();
	}

	private String character() {
		var created = owner.post("/api/v1/characters", Map.of("name", "OAuth " + UUID.randomUUID().toString().substring(0, 8)));
		assertThat(created.status()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	private tools.jackson.databind.JsonNode channel(String id) {
		return owner.get("/api/v1/channels/" + id).json();
	}

	private String schedule(String characterId, String channelId, String caption) {
		var postId = owner.post("/api/v1/posts", Map.of("characterId", characterId, "caption", caption, "channelIds",
				List.of(channelId))).json().get("id").asString();
		assertThat(owner.post("/api/v1/posts/" + postId + "/submit", Map.of()).status()).isEqualTo(200);
		assertThat(as("REVIEWER").post("/api/v1/posts/" + postId + "/approve", Map.of()).status()).isEqualTo(200);
		var scheduled = owner.post("/api/v1/posts/" + postId + "/schedule", Map.of("at", Instant.now().toString()));
		assertThat(scheduled.status()).as(scheduled.toString()).isEqualTo(200);
		return postId;
	}

	private String state(String postId) {
		return owner.get("/api/v1/publications?postId=" + postId).json().at("/0/state").asString();
	}
}
