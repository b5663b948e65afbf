package dev.troupe.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.troupe.support.IntegrationTest;

/**
 * In Chromium (web/e2e/connect.e2e.mjs): register the platform app on System → Platform apps, test the public URL,
 * connect an account through the OAuth server's consent, pick it, and see the channel. Skipped without Chromium.
 */
class ConnectAccountBrowserIntegrationTests extends IntegrationTest {

	@Test
	void registerTheAppConnectAnAccountAndPickIt() throws Exception {
		var chromium = Path.of(System.getenv().getOrDefault("CHROME_PATH", "/usr/bin/chromium"));
		assumeTrue(Files.isExecutable(chromium) || "true".equalsIgnoreCase(System.getenv("CI")), "no Chromium");
		assertThat(getClass().getClassLoader().getResource("static/index.html")).as("the dashboard must be built").isNotNull();
		try (var server = new FakeOAuthServer()) {
			// the endpoints are an owner's advanced setting; the browser registers the client id and secret
			assertThat(owner.put("/api/v1/platform-apps/fake-oauth", Map.of("clientId", "placeholder", "clientSecret", "placeholder",
					"authorizeUrl", server.url("/authorize").toString(), "tokenUrl", server.url("/token").toString(),
					"apiBaseUrl", server.url("/").toString())).status()).isEqualTo(200);
			var name = "Browser OAuth " + System.nanoTime();
			assertThat(owner.post("/api/v1/characters", Map.of("name", name)).status()).isEqualTo(201);

			var web = Path.of("..", "web").toRealPath();
			var log = Files.createTempFile("e2e-connect-", ".log");
			var builder = new ProcessBuilder("node", "e2e/connect.e2e.mjs").directory(web.toFile()).redirectErrorStream(true)
				.redirectOutput(log.toFile());
			builder.environment().putAll(Map.of("BASE_URL", "http://localhost:" + port, "TROUPE_EMAIL", OWNER_EMAIL,
					"TROUPE_PASSWORD", OWNER_PASSWORD, "CHROME_PATH", chromium.toString(), "CLIENT_ID", FakeOAuthServer.CLIENT_ID,
					"CLIENT_SECRET", FakeOAuthServer.CLIENT_SECRET, "ACCOUNT_ID", "acct-2", "ACCOUNT_NAME", "Studio Two",
					"PUBLIC_URL", "http://localhost:8080", "CHARACTER_NAME", name));
			var process = builder.start();
			var finished = process.waitFor(4, TimeUnit.MINUTES);
			if (!finished) {
				process.destroyForcibly();
			}
			var output = Files.readString(log);
			assertThat(finished).as("timed out:\n" + output).isTrue();
			assertThat(process.exitValue()).as(output).isZero();
			assertThat(owner.get("/api/v1/channels").text()).contains("Studio Two");
		}
	}
}
