package dev.troupe.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.UUID;
import java.util.regex.Pattern;

import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A fresh Troupe without TROUPE_ADMIN_*, reached at an https address, on the loopback interface only, with a
 * small per-address sign-in limit and an allow-list of hosts: the owner can only be created with the setup
 * code from the log, and backend, channel and webhook URLs must point at allowed hosts.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FirstRunIntegrationTests {

	private static final Pattern CODE = Pattern.compile("one-time setup code: ([A-Z0-9-]{23})");

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws IOException {
		var dataDir = Files.createTempDirectory("troupe-first-run-");
		registry.add("troupe.data-dir", dataDir::toString);
		registry.add("troupe.admin.email", () -> "");
		registry.add("troupe.admin.password", () -> "");
		registry.add("troupe.public-url", () -> "https://troupe.example.test");
		registry.add("TROUPE_BIND_ADDRESS", () -> "127.0.0.1");
		registry.add("troupe.sign-in.max-failures-per-address", () -> "3");
		registry.add("troupe.allowed-hosts", () -> "gpu-1.lan, *.allowed.test");
	}

	@Test
	@Order(1)
	void theOwnerCanOnlyBeCreatedWithTheSetupCodeFromTheLog(CapturedOutput output) {
		var matcher = CODE.matcher(output.getAll());
		assertThat(matcher.find()).as("setup code in the log:%n%s", output.getAll()).isTrue();
		var code = matcher.group(1);
		var browser = new Browser(port, null);
		assertThat(browser.get("/api/v1/setup").body()).contains("\"ownerExists\":false");

		var missing = browser.post("/api/v1/setup/owner", owner(null));
		assertThat(missing.statusCode()).isEqualTo(400);
		assertThat(missing.body()).contains("\"field\":\"setupCode\"");

		var wrong = browser.post("/api/v1/setup/owner", owner("AAAAA-BBBBB-CCCCC-DDDDD"));
		assertThat(wrong.statusCode()).isEqualTo(403);
		assertThat(wrong.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
		assertThat(wrong.body()).contains("\"field\":\"setupCode\"");
		assertThat(browser.get("/api/v1/setup").body()).contains("\"ownerExists\":false");

		var created = browser.post("/api/v1/setup/owner", owner(code.toLowerCase()));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		// reached over https: the session cookie is Secure as well
		var cookie = created.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("TROUPE_SESSION="))
			.findFirst().orElseThrow(() -> new AssertionError(created.headers().map()));
		assertThat(cookie).containsIgnoringCase("; Secure").containsIgnoringCase("; HttpOnly")
			.containsIgnoringCase("; SameSite=Lax");

		assertThat(new Browser(port, null).post("/api/v1/setup/owner", owner(code)).statusCode()).isEqualTo(409);
	}

	@Test
	@Order(2)
	void signInIsThrottledPerClientAddress() {
		var attacker = new Browser(port, "192.0.2.44");
		for (int i = 0; i < 3; i++) {
			var email = "guess-" + UUID.randomUUID() + "@troupe.test";
			assertThat(attacker.login(email, "some password").statusCode()).isEqualTo(401);
		}
		var throttled = attacker.login("guess-" + UUID.randomUUID() + "@troupe.test", "some password");
		assertThat(throttled.statusCode()).isEqualTo(429);
		assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
		assertThat(throttled.body()).contains("\"status\":429");
		// the forwarded address counts, so another client behind the same proxy is not locked out
		assertThat(new Browser(port, "192.0.2.45").login("someone@troupe.test", "some password").statusCode())
			.isEqualTo(401);
	}

	@Test
	@Order(3)
	void backendChannelInstanceAndWebhookUrlsMustPointAtAnAllowedHost() {
		var token = new dev.troupe.support.Api(port, null).post("/api/v1/auth/token",
				Map.of("email", "first@troupe.test", "password", "a long enough password"));
		assertThat(token.status()).as(token.toString()).isEqualTo(201);
		var owner = new dev.troupe.support.Api(port, token.json().get("token").asString());

		assertHostRefused(owner.post("/api/v1/backends",
				Map.of("id", "elsewhere", "type", "comfyui", "baseUrl", "http://169.254.169.254:8188")), "baseUrl");
		assertThat(owner.post("/api/v1/backends", Map.of("id", "gpu-1", "type", "comfyui", "baseUrl", "http://GPU-1.lan:8188"))
			.status()).isEqualTo(201);
		assertThat(owner.post("/api/v1/backends",
				Map.of("id", "gpu-2", "type", "comfyui", "baseUrl", "https://gpu-2.allowed.test")).status()).isEqualTo(201);
		assertHostRefused(owner.post("/api/v1/backends",
				Map.of("id", "gpu-3", "type", "comfyui", "baseUrl", "https://allowed.test.evil.example")), "baseUrl");

		var character = owner.post("/api/v1/characters", Map.of("name", "Hosts"));
		assertThat(character.status()).as(character.toString()).isEqualTo(201);
		assertHostRefused(owner.post("/api/v1/channels", Map.of("characterId", character.json().get("id").asString(),
				"platform", "mastodon", "name", "m", "baseUrl", "https://mastodon.evil.example",
				"credentials", Map.of("accessToken", "x"))), "baseUrl");
		// the AppView a Bluesky channel reads counts and notifications from is called by Troupe too
		var characterId = character.json().get("id").asString();
		assertHostRefused(owner.post("/api/v1/channels", Map.of("characterId", characterId, "platform", "bluesky",
				"baseUrl", "https://pds.allowed.test", "credentials", Map.of("identifier", "ada.bsky.social", "appPassword",
						"abcd-efgh-ijkl-mnop"), "settings", Map.of("appViewUrl", "http://169.254.169.254/latest"))),
				"settings.appViewUrl");
		var bluesky = owner.post("/api/v1/channels", Map.of("characterId", characterId, "platform", "bluesky", "baseUrl",
				"https://pds.allowed.test", "credentials", Map.of("identifier", "ada.bsky.social", "appPassword",
						"abcd-efgh-ijkl-mnop"), "settings", Map.of("appViewUrl", "https://appview.allowed.test")));
		assertThat(bluesky.status()).as(bluesky.toString()).isEqualTo(201);
		var blueskyId = bluesky.json().get("id").asString();
		assertHostRefused(owner.patch("/api/v1/channels/" + blueskyId, Map.of("settings",
				Map.of("appViewUrl", "https://appview.evil.example"))), "settings.appViewUrl");
		var notUrl = owner.patch("/api/v1/channels/" + blueskyId, Map.of("settings", Map.of("appViewUrl", "ftp://appview.allowed.test")));
		assertThat(notUrl.status()).as(notUrl.toString()).isEqualTo(400);
		assertThat(notUrl.text()).contains("\"field\":\"settings.appViewUrl\"").contains("http(s) URL");
		assertThat(owner.get("/api/v1/channels/" + blueskyId).json().at("/settings/appViewUrl").asString())
			.isEqualTo("https://appview.allowed.test");
		assertHostRefused(owner.post("/api/v1/channels/connect", Map.of("platform", "mastodon",
				"characterId", character.json().get("id").asString(), "instanceUrl", "https://mastodon.evil.example")),
				"instanceUrl");
		assertHostRefused(owner.post("/api/v1/webhooks", Map.of("url", "http://127.0.0.1:9/hook",
				"secret", "a secret of sixteen+")), "url");
	}

	private static void assertHostRefused(dev.troupe.support.Api.Response response, String field) {
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.text()).contains("\"field\":\"" + field + "\"").contains("TROUPE_ALLOWED_HOSTS");
	}

	@Test
	@Order(4)
	void troupeBindAddressKeepsTheServerOnThatInterface() throws Exception {
		try (var socket = new java.net.Socket("127.0.0.1", port)) {
			assertThat(socket.isConnected()).isTrue();
		}
		var others = java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
			.filter(n -> !n.isVirtual())
			.flatMap(n -> java.util.Collections.list(n.getInetAddresses()).stream())
			.filter(a -> !a.isLoopbackAddress() && a instanceof java.net.Inet4Address)
			.toList();
		for (var address : others) {
			try (var socket = new java.net.Socket()) {
				org.assertj.core.api.Assertions.assertThatThrownBy(
						() -> socket.connect(new java.net.InetSocketAddress(address, port), 2000))
					.as("listening on %s", address)
					.isInstanceOf(java.io.IOException.class);
			}
		}
	}

	private static String owner(String code) {
		return "{\"email\":\"first@troupe.test\",\"password\":\"a long enough password\",\"displayName\":\"First\""
				+ (code == null ? "" : ",\"setupCode\":\"" + code + "\"") + "}";
	}
}
