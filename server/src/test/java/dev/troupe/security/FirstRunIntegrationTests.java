package dev.troupe.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A fresh Troupe without TROUPE_ADMIN_*, reached at an https address, on the loopback interface only, with a
 * small per-address sign-in limit: the owner can only be created with the setup code from the log.
 */
@ExtendWith(OutputCaptureExtension.class)
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
		registry.add("server.address", () -> "127.0.0.1");
		registry.add("troupe.sign-in.max-failures-per-address", () -> "3");
	}

	@Test
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

	private static String owner(String code) {
		return "{\"email\":\"first@troupe.test\",\"password\":\"a long enough password\",\"displayName\":\"First\""
				+ (code == null ? "" : ",\"setupCode\":\"" + code + "\"") + "}";
	}
}
