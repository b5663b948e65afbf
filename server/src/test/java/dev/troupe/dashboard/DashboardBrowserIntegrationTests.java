package dev.troupe.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.troupe.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * Drives the real dashboard in Chromium with the playwright-core scripts in web/e2e. Outside CI these are
 * skipped when no Chromium is installed; under CI=true a missing Chromium fails the build.
 */
class DashboardBrowserIntegrationTests extends IntegrationTest {

	/** Test-only adapters (dev.troupe.publishing.FakeSocial, dev.troupe.generation.FakeBackend). */
	private static final String FAKE_PLATFORM = "fake-social";
	private static final String FAKE_BACKEND_TYPE = "fake";

	@BeforeEach
	void chromium() {
		BrowserScript.chromium();
	}

	/** Sign in, import a card PNG by drag and drop, edit a field, export the card. */
	@Test
	void importEditAndExportACardInTheBrowser() throws Exception {
		var card = Files.createTempFile("card-", ".png");
		try (var in = getClass().getClassLoader().getResourceAsStream("cards/v3-card.png")) {
			Files.write(card, in.readAllBytes());
		}
		run("e2e/characters.e2e.mjs", Map.of("CARD_PNG", card.toString()));
	}

	/** Generate an image in the Studio with live progress, open its recipe, vary the seed; test a backend. */
	@Test
	void generateInTheStudioAndTestABackend() throws Exception {
		var created = owner.post("/api/v1/characters", Map.of("name", "Studio Star", "handle", "studio-star"));
		assertThat(created.status()).isIn(201, 409);
		run("e2e/studio.e2e.mjs", Map.of("STUDIO_CHARACTER", "Studio Star", "BACKEND_ID", "gpu-fake"));
	}

	/** Compose a post with a generated image, approve it as a reviewer, schedule it, see it on the calendar and the Feed. */
	@Test
	void composeReviewScheduleAndPublishToTheFeed() throws Exception {
		var character = owner.post("/api/v1/characters", Map.of("name", "Feed Star", "handle", "feed-star"));
		assertThat(character.status()).as(character.toString()).isIn(201, 409);
		var id = owner.get("/api/v1/characters?q=feed-star").json().get(0).get("id").asString();
		var job = owner.post("/api/v1/generations", Map.of("characterId", id, "kind", "IMAGE", "input",
				Map.of("prompt", "a harbour at dawn", "width", 512, "height", 512))).json().get("id").asString();
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
			.until(() -> owner.get("/api/v1/generations/" + job).json().get("status").asString().equals("SUCCEEDED"));
		var channels = owner.get("/api/v1/channels?characterId=" + id).json();
		if (channels.isEmpty()) {
			assertThat(owner.post("/api/v1/channels", Map.of("characterId", id, "platform", "feed", "name", "Feed"))
				.status()).isEqualTo(201);
		}
		as("REVIEWER"); // creates reviewer@troupe.test
		run("e2e/publish.e2e.mjs", Map.of("CHARACTER_NAME", "Feed Star", "FEED_HANDLE", "feed-star",
				"REVIEWER_EMAIL", "reviewer@troupe.test", "REVIEWER_PASSWORD", OWNER_PASSWORD));
	}

	/**
	 * A platform and a backend type that exist only in the test context (FakeSocial, FakeBackend: the dashboard
	 * has no line about them) show up in the connect dialog and the backend form, and the composer counts text
	 * against the platform's own limit. Their names and limit are read from the API, not repeated here.
	 */
	@Test
	void anUnknownPlatformAndBackendTypeAreShownFromTheirDescriptors() throws Exception {
		var character = owner.post("/api/v1/characters", Map.of("name", "Descriptor Star", "handle", "descriptor-star"));
		assertThat(character.status()).as(character.toString()).isIn(201, 409);
		JsonNode platform = null;
		for (var p : owner.get("/api/v1/platforms").json()) {
			if (p.get("type").asString().equals(FAKE_PLATFORM)) {
				platform = p;
			}
		}
		assertThat(platform).as("the test context registers " + FAKE_PLATFORM).isNotNull();
		JsonNode backendType = null;
		for (var t : owner.get("/api/v1/backend-types").json()) {
			if (t.get("type").asString().equals(FAKE_BACKEND_TYPE)) {
				backendType = t;
			}
		}
		assertThat(backendType).as("the test context registers " + FAKE_BACKEND_TYPE).isNotNull();
		run("e2e/descriptors.e2e.mjs", Map.of("CHARACTER_NAME", "Descriptor Star", "PLATFORM_TYPE", FAKE_PLATFORM,
				"PLATFORM_NAME", platform.get("displayName").asString(), "TEXT_MAX",
				platform.at("/capabilities/text/maxLength").asString(), "BACKEND_TYPE_NAME",
				backendType.get("displayName").asString(), "BACKEND_OPTION",
				backendType.at("/options/0/name").asString()));
	}

	private void run(String script, Map<String, String> extra) throws Exception {
		BrowserScript.runAsOwner(port, script, extra);
	}
}
