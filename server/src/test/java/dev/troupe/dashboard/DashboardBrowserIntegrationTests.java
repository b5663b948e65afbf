package dev.troupe.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.troupe.support.IntegrationTest;

/**
 * Drives the real dashboard in Chromium (playwright-core, script in web/e2e): sign in, import a card PNG by
 * drag and drop, edit a field, export the card. Outside CI it is skipped when no Chromium is installed;
 * under CI=true a missing Chromium fails the build.
 */
class DashboardBrowserIntegrationTests extends IntegrationTest {

	@Test
	void importEditAndExportACardInTheBrowser() throws Exception {
		var chromium = chromium();
		var ci = "true".equalsIgnoreCase(System.getenv("CI"));
		if (chromium == null) {
			assertThat(ci).as("CI=true but no Chromium at /usr/bin/chromium or CHROME_PATH").isFalse();
			assumeTrue(false, "Browser test skipped: no Chromium at /usr/bin/chromium and CHROME_PATH is not set");
		}
		var web = webDir();
		assertThat(web.resolve("node_modules/playwright-core")).as("web/node_modules: the Maven build runs npm ci")
			.exists();
		assertThat(getClass().getClassLoader().getResource("static/index.html"))
			.as("the dashboard must be built into the jar (do not skip the web build)").isNotNull();

		var card = Files.createTempFile("card-", ".png");
		try (var in = getClass().getClassLoader().getResourceAsStream("cards/v3-card.png")) {
			Files.write(card, in.readAllBytes());
		}
		var log = Files.createTempFile("e2e-", ".log");
		var builder = new ProcessBuilder("node", "e2e/characters.e2e.mjs").directory(web.toFile())
			.redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().put("BASE_URL", "http://localhost:" + port);
		builder.environment().put("TROUPE_EMAIL", OWNER_EMAIL);
		builder.environment().put("TROUPE_PASSWORD", OWNER_PASSWORD);
		builder.environment().put("CARD_PNG", card.toString());
		builder.environment().put("CHROME_PATH", chromium.toString());
		var run = builder.start();
		var finished = run.waitFor(3, TimeUnit.MINUTES);
		if (!finished) {
			run.destroyForcibly();
		}
		var output = Files.readString(log);
		assertThat(finished).as("browser test timed out:\n" + output).isTrue();
		assertThat(run.exitValue()).as("browser test failed:\n" + output).isZero();
	}

	private static Path chromium() {
		var configured = System.getenv("CHROME_PATH");
		for (var candidate : new String[] { configured, "/usr/bin/chromium", "/usr/bin/chromium-browser" }) {
			if (candidate != null && Files.isExecutable(Path.of(candidate))) {
				return Path.of(candidate);
			}
		}
		return null;
	}

	private static Path webDir() throws IOException {
		var configured = System.getenv("TROUPE_WEB_DIR");
		var dir = configured != null ? Path.of(configured) : Path.of("..", "web");
		return dir.toRealPath();
	}
}
