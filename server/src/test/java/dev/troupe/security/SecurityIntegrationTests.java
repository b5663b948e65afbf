package dev.troupe.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.troupe.support.Api;
import dev.troupe.support.IntegrationTest;

class SecurityIntegrationTests extends IntegrationTest {

	private static final String SOME_ID = UUID.randomUUID().toString();

	/** Every endpoint that changes something, with the weakest role allowed to call it. */
	private static final List<String[]> WRITES = List.of(
			new String[] { "POST", "/api/v1/characters", "EDITOR" },
			new String[] { "PATCH", "/api/v1/characters/" + SOME_ID, "EDITOR" },
			new String[] { "DELETE", "/api/v1/characters/" + SOME_ID, "EDITOR" },
			new String[] { "UPLOAD", "/api/v1/characters/import", "EDITOR" },
			new String[] { "UPLOAD", "/api/v1/characters/" + SOME_ID + "/avatar", "EDITOR" },
			new String[] { "UPLOAD", "/api/v1/characters/" + SOME_ID + "/references", "EDITOR" },
			new String[] { "DELETE", "/api/v1/characters/" + SOME_ID + "/references/" + SOME_ID, "EDITOR" },
			new String[] { "UPLOAD", "/api/v1/characters/" + SOME_ID + "/voice/reference", "EDITOR" },
			new String[] { "POST", "/api/v1/users", "OWNER" },
			new String[] { "PATCH", "/api/v1/users/" + SOME_ID, "OWNER" },
			new String[] { "DELETE", "/api/v1/users/" + SOME_ID, "OWNER" });

	private static final List<String[]> READS = List.of(
			new String[] { "/api/v1/characters", "VIEWER" },
			new String[] { "/api/v1/characters/" + SOME_ID, "VIEWER" },
			new String[] { "/api/v1/characters/" + SOME_ID + "/card?format=json&spec=v2", "VIEWER" },
			new String[] { "/api/v1/media/" + SOME_ID, "VIEWER" },
			new String[] { "/api/v1/media/" + SOME_ID + "/thumbnail", "VIEWER" },
			new String[] { "/api/v1/media/" + SOME_ID + "/info", "VIEWER" },
			new String[] { "/api/v1/tokens", "VIEWER" },
			new String[] { "/api/v1/auth/me", "VIEWER" },
			new String[] { "/api/v1/users", "OWNER" },
			new String[] { "/api/v1/audit", "OWNER" });

	private static final List<String> ROLES = List.of("VIEWER", "REVIEWER", "EDITOR", "OWNER");

	@Test
	void healthIsPublicAndReportsTheDatabase() {
		var health = anonymous.get("/actuator/health");
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json().at("/components/db/status").asString()).isEqualTo("UP");
	}

	@Test
	void everyApiEndpointNeedsCredentials() {
		for (var read : READS) {
			assertThat(anonymous.get(read[0]).status()).as("GET " + read[0]).isEqualTo(401);
		}
		for (var write : WRITES) {
			var response = call(anonymous, write);
			assertThat(response.status()).as(write[0] + " " + write[1]).isIn(401, 403);
		}
		var unauthorized = anonymous.get("/api/v1/characters");
		assertThat(unauthorized.header("Content-Type")).startsWith("application/problem+json");
		assertThat(unauthorized.json().get("status").asInt()).isEqualTo(401);
	}

	@Test
	void anUnknownOrRevokedTokenIsRefused() {
		assertThat(anonymous.as("trp_not-a-real-token").get("/api/v1/characters").status()).isEqualTo(401);

		var issued = owner.post("/api/v1/tokens", Map.of("name", "to revoke")).json();
		var client = anonymous.as(issued.get("token").asString());
		assertThat(client.get("/api/v1/characters").status()).isEqualTo(200);
		assertThat(owner.delete("/api/v1/tokens/" + issued.get("id").asString()).status()).isEqualTo(204);
		assertThat(client.get("/api/v1/characters").status()).isEqualTo(401);
	}

	@Test
	void eachRoleMayCallExactlyWhatItsRoleAllows() {
		for (var role : ROLES) {
			var client = as(role);
			for (var write : WRITES) {
				var allowed = ROLES.indexOf(role) >= ROLES.indexOf(write[2]);
				var status = call(client, write).status();
				if (allowed) {
					assertThat(status).as(role + " " + write[0] + " " + write[1]).isNotIn(401, 403);
				}
				else {
					assertThat(status).as(role + " " + write[0] + " " + write[1]).isEqualTo(403);
				}
			}
			for (var read : READS) {
				var allowed = ROLES.indexOf(role) >= ROLES.indexOf(read[1]);
				var status = client.get(read[0]).status();
				assertThat(status).as(role + " GET " + read[0]).matches(s -> allowed ? s != 401 && s != 403 : s == 403);
			}
		}
	}

	@Test
	void tokensAreListedWithoutTheirSecret() {
		var issued = owner.post("/api/v1/tokens", Map.of("name", "listing")).json();
		var listed = owner.get("/api/v1/tokens");
		assertThat(listed.status()).isEqualTo(200);
		assertThat(listed.text()).contains("listing").doesNotContain(issued.get("token").asString());
	}

	@Test
	void someoneElsesTokenCannotBeRevokedByANonOwner() {
		var issued = owner.post("/api/v1/tokens", Map.of("name", "owner's")).json();
		assertThat(as("EDITOR").delete("/api/v1/tokens/" + issued.get("id").asString()).status()).isEqualTo(404);
	}

	@Test
	void ownersManageUsersButTheLastOwnerStays() {
		var email = "person-" + UUID.randomUUID() + "@troupe.test";
		var created = owner.post("/api/v1/users", Map.of("email", email, "password", "long enough pass", "role", "VIEWER"));
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.text()).doesNotContain("password");

		assertThat(owner.post("/api/v1/users", Map.of("email", email.toUpperCase(), "password", "long enough pass",
				"role", "VIEWER")).status()).isEqualTo(409);
		var weak = owner.post("/api/v1/users", Map.of("email", "x-" + email, "password", "short", "role", "VIEWER"));
		assertThat(weak.status()).isEqualTo(400);
		assertThat(weak.json().at("/errors/0/field").asString()).isEqualTo("password");

		var me = owner.get("/api/v1/auth/me").json();
		var demote = owner.patch("/api/v1/users/" + me.get("id").asString(), Map.of("role", "VIEWER"));
		assertThat(demote.status()).isEqualTo(409);
		assertThat(owner.get("/api/v1/auth/me").json().get("role").asString()).isEqualTo("OWNER");

		var id = created.json().get("id").asString();
		assertThat(owner.patch("/api/v1/users/" + id, Map.of("role", "EDITOR")).json().get("role").asString())
			.isEqualTo("EDITOR");
		assertThat(owner.delete("/api/v1/users/" + id).status()).isEqualTo(204);
	}

	@Test
	void theOwnerPageIsOnlyForTheFirstRun() {
		assertThat(anonymous.get("/api/v1/setup").json().get("ownerExists").asBoolean()).isTrue();
		var second = anonymous.post("/api/v1/setup/owner",
				Map.of("email", "intruder@troupe.test", "password", "long enough pass"));
		assertThat(second.status()).isIn(403, 409);
		assertThat(anonymous.post("/api/v1/auth/token", Map.of("email", "intruder@troupe.test", "password",
				"long enough pass")).status()).isEqualTo(401);
	}

	@Test
	void theDashboardSessionNeedsTheCsrfToken() throws Exception {
		var cookies = new CookieManager();
		var browser = HttpClient.newBuilder().cookieHandler(cookies).build();
		var base = "http://localhost:" + port;

		browser.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/setup")).build(), BodyHandlers.ofString());
		var xsrf = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
			.findFirst().orElseThrow().getValue();

		var withoutCsrf = browser.send(json(base + "/api/v1/auth/login", login()).build(), BodyHandlers.ofString());
		assertThat(withoutCsrf.statusCode()).isEqualTo(403);

		var login = browser.send(json(base + "/api/v1/auth/login", login()).header("X-XSRF-TOKEN", xsrf).build(),
				BodyHandlers.ofString());
		assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
		assertThat(login.body()).contains(OWNER_EMAIL).doesNotContain("passwordHash");

		var me = browser.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/me")).build(),
				BodyHandlers.ofString());
		assertThat(me.statusCode()).isEqualTo(200);

		var body = "{\"name\":\"Session " + UUID.randomUUID() + "\"}";
		var forged = browser.send(json(base + "/api/v1/characters", body).build(), BodyHandlers.ofString());
		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(forged.body()).contains("CSRF");

		var fresh = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
			.findFirst().orElseThrow().getValue();
		var created = browser.send(json(base + "/api/v1/characters", body).header("X-XSRF-TOKEN", fresh).build(),
				BodyHandlers.ofString());
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
	}

	@Test
	void changesToUsersAndTokensAreAudited() {
		owner.post("/api/v1/tokens", Map.of("name", "audited"));
		var audit = owner.get("/api/v1/audit?limit=50").text();
		assertThat(audit).contains("token.issued").contains("user.created").contains(OWNER_EMAIL);
	}

	private static String login() {
		return "{\"email\":\"" + OWNER_EMAIL + "\",\"password\":\"" + OWNER_PASSWORD + "\"}";
	}

	private static HttpRequest.Builder json(String url, String body) {
		return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(body));
	}

	private static Api.Response call(Api client, String[] endpoint) {
		return switch (endpoint[0]) {
			case "POST" -> client.post(endpoint[1], "{}");
			case "PATCH" -> client.patch(endpoint[1], "{}");
			case "DELETE" -> client.delete(endpoint[1]);
			case "UPLOAD" -> client.upload(endpoint[1], "x.txt", "not an image".getBytes());
			default -> throw new IllegalArgumentException(endpoint[0]);
		};
	}
}
