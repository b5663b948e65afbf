package dev.troupe.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
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
 * A solo creator on a fresh Troupe, in the browser: setup with the code from the log, the first-run checklist, a
 * card imported, the Feed connected, a post published through the single-member fast path and read on the public
 * feed, every page checked by axe-core (web/e2e/newcomer.e2e.mjs).
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NewcomerBrowserIntegrationTests {

	private static final Pattern CODE = Pattern.compile("one-time setup code: ([A-Z0-9-]{23})");

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws IOException {
		var dataDir = Files.createTempDirectory("troupe-newcomer-");
		registry.add("troupe.data-dir", dataDir::toString);
		registry.add("troupe.admin.email", () -> "");
		registry.add("troupe.admin.password", () -> "");
	}

	@Test
	void aSoloCreatorGoesFromAFreshServerToAPublishedFeedPost(CapturedOutput output) throws Exception {
		var matcher = CODE.matcher(output.getAll());
		assertThat(matcher.find()).as("setup code in the log").isTrue();
		var card = Files.createTempFile("card-", ".png");
		try (var in = getClass().getClassLoader().getResourceAsStream("cards/v3-card.png")) {
			Files.write(card, in.readAllBytes());
		}
		BrowserScript.run(port, "e2e/newcomer.e2e.mjs", Map.of("SETUP_CODE", matcher.group(1), "CARD_PNG", card.toString(),
				"TROUPE_EMAIL", "solo@troupe.test", "TROUPE_PASSWORD", "a long enough password"));
	}
}
