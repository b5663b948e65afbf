package dev.troupe.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
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

import dev.troupe.publishing.platform.mastodon.FakeMastodon;
import dev.troupe.support.IntegrationTest;

/**
 * "Connect account" for a federated platform: the connect request names the instance, Troupe registers its app there
 * once ({@code POST /api/v1/apps}, cached in the database, secret encrypted), runs authorize → token (PKCE S256) →
 * verify_credentials, and the channel it makes publishes like one with a pasted token (which keeps working).
 */
class MastodonConnectIntegrationTests extends IntegrationTest {

	private final HttpClient browser = HttpClient.newHttpClient(); // never follows redirects
	private FakeMastodon instance;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void start() throws Exception {
		instance = new FakeMastodon();
	}

	@AfterEach
	void stop() {
		instance.close();
	}

	@Test
	void registersOnTheInstanceOnceAndConnectsTheAccount() throws Exception {
		var characterId = character();
		var authorization = connectStart(characterId, instance.baseUrl().toString());
		assertThat(authorization.toString()).startsWith(instance.baseUrl().resolve("/oauth/authorize").toString());
		assertThat(authorization.getRawQuery()).contains("code_challenge_method=S256")
			.contains("scope=read%3Aaccounts+read%3Anotifications+read%3Astatuses+write%3Astatuses+write%3Amedia").contains("response_type=code");
		assertThat(instance.apps()).hasSize(1);
		assertThat(instance.apps().get(0).redirectUri()).endsWith("/oauth/callback/mastodon");
		var stored = jdbc.sql("select client_secret_cipher from publishing_instance_apps where platform = 'mastodon' "
				+ "and instance_url = ?").param(instanceKey()).query(String.class).single();
		assertThat(stored).startsWith("v1:").doesNotContain(instance.apps().get(0).clientSecret());

		var landed = owner.get(consent(authorization));
		assertThat(landed.status()).as(landed.toString()).isEqualTo(302);
		var connectionId = landed.header("Location").replaceAll(".*connection=", "");
		var connection = owner.get("/api/v1/connections/" + connectionId);
		var host = instance.baseUrl().getHost();
		assertThat(connection.json().at("/accounts/0/handle").asString()).isEqualTo("@mira@" + host);
		assertThat(connection.json().at("/accounts/0/name").asString()).isEqualTo("Mira ✨");
		var accountId = connection.json().at("/accounts/0/id").asString();
		assertThat(connection.text()).doesNotContain(FakeMastodon.TOKEN);

		var created = owner.post("/api/v1/connections/" + connectionId + "/channels", Map.of("accountIds", List.of(accountId)));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.text()).doesNotContain(FakeMastodon.TOKEN);
		var channelId = created.json().at("/0/id").asString();
		assertThat(created.json().at("/0/baseUrl").asString()).startsWith(instance.baseUrl().toString().replaceAll("/$", ""));

		var postId = schedule(characterId, channelId, "Hello from the connect button");
		await().atMost(Duration.ofSeconds(20)).until(() -> state(postId).equals("PUBLISHED"));
		assertThat(instance.postsCreated()).isEqualTo(1);

		// a second connect to the same instance reuses the app and the channel
		var again = owner.get(consent(connectStart(characterId, instance.baseUrl().toString().replaceAll("/$", "") + "/about")));
		assertThat(again.status()).as(again.toString()).isEqualTo(302);
		var second = again.header("Location").replaceAll(".*connection=", "");
		var reconnected = owner.post("/api/v1/connections/" + second + "/channels", Map.of("accountIds", List.of(accountId)));
		assertThat(reconnected.json().at("/0/id").asString()).isEqualTo(channelId);
		assertThat(instance.apps()).as("registered once per instance").hasSize(1);

		// an app registered before the inbox lacks its read scopes: the next connect registers it again
		jdbc.sql("update publishing_instance_apps set scopes = cast(? as jsonb) where instance_url = ?")
			.params("[\"read:accounts\",\"write:statuses\",\"write:media\"]", instanceKey()).update();
		assertThat(connectStart(characterId, instance.baseUrl().toString()).getRawQuery()).contains("read%3Anotifications");
		assertThat(instance.apps()).as("registered again for the new scopes").hasSize(2);
		assertThat(jdbc.sql("select scopes::text from publishing_instance_apps where instance_url = ?").param(instanceKey())
			.query(String.class).single()).contains("read:notifications");
	}

	@Test
	void theInstanceIsRequiredAndMustAnswer() {
		var characterId = character();
		var missing = owner.post("/api/v1/channels/connect", Map.of("platform", "mastodon", "characterId", characterId));
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.text()).contains("instanceUrl");
		var wrong = owner.post("/api/v1/channels/connect", Map.of("platform", "mastodon", "characterId", characterId,
				"instanceUrl", "ftp://social.example"));
		assertThat(wrong.status()).isEqualTo(400);
		assertThat(wrong.text()).contains("instanceUrl");
		instance.close();
		var down = owner.post("/api/v1/channels/connect", Map.of("platform", "mastodon", "characterId", characterId,
				"instanceUrl", instance.baseUrl().toString()));
		assertThat(down.status()).as(down.toString()).isEqualTo(422);
		assertThat(down.text()).contains("instanceUrl").contains("could not register");
		assertThat(jdbc.sql("select count(*) from publishing_instance_apps where instance_url = ?").param(instanceKey())
			.query(Integer.class).single()).isZero();
	}

	@Test
	void deniedConsentStoresNothing() throws Exception {
		instance.denyConsent();
		var before = jdbc.sql("select count(*) from publishing_connections").query(Integer.class).single();
		var page = owner.get(consent(connectStart(character(), instance.baseUrl().toString())));
		assertThat(page.status()).isEqualTo(400);
		assertThat(page.header("Content-Type")).startsWith("text/html");
		assertThat(page.text()).contains("Access was not granted");
		assertThat(jdbc.sql("select count(*) from publishing_connections").query(Integer.class).single()).isEqualTo(before);
	}

	@Test
	void nothingToRegisterUnderPlatformApps() {
		var listed = owner.get("/api/v1/platform-apps/mastodon");
		assertThat(listed.status()).isEqualTo(200);
		assertThat(listed.json().get("perInstance").asBoolean()).isTrue();
		assertThat(listed.json().get("configured").asBoolean()).isTrue();
		var put = owner.put("/api/v1/platform-apps/mastodon", Map.of("clientId", "a", "clientSecret", "b"));
		assertThat(put.status()).isEqualTo(400);
		assertThat(put.text()).contains("registers itself");
	}

	@Test
	void aPastedTokenStillConnects() {
		var characterId = character();
		var created = owner.post("/api/v1/channels", Map.of("characterId", characterId, "platform", "mastodon", "name",
				"pasted", "baseUrl", instance.baseUrl().toString(), "credentials", Map.of("accessToken", FakeMastodon.TOKEN),
				"settings", Map.of()));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		var postId = schedule(characterId, created.json().get("id").asString(), "Pasted token");
		await().atMost(Duration.ofSeconds(20)).until(() -> state(postId).equals("PUBLISHED"));
		assertThat(instance.apps()).isEmpty();
	}

	/** The instance as Troupe keys it: scheme, host and port. */
	private String instanceKey() {
		return instance.baseUrl().toString().replaceAll("/$", "");
	}

	private URI connectStart(String characterId, String instanceUrl) {
		var started = owner.post("/api/v1/channels/connect", Map.of("platform", "mastodon", "characterId", characterId,
				"instanceUrl", instanceUrl));
		assertThat(started.status()).as(started.toString()).isEqualTo(200);
		return URI.create(started.json().get("authorizationUrl").asString());
	}

	/** The person authorizes on the instance, which redirects the browser back to Troupe's callback. */
	private String consent(URI authorization) throws Exception {
		var response = browser.send(HttpRequest.newBuilder(authorization).build(), BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
		var location = URI.create(response.headers().firstValue("Location").orElseThrow());
		assertThat(location.getPath()).isEqualTo("/oauth/callback/mastodon");
		return location.getRawPath() + "?" + location.getRawQuery();
	}

	private String character() {
		var created = owner.post("/api/v1/characters", Map.of("name", "Masto " + UUID.randomUUID().toString().substring(0, 8)));
		assertThat(created.status()).isEqualTo(201);
		return created.json().get("id").asString();
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
