package dev.troupe.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.troupe.support.Api;
import dev.troupe.support.IntegrationTest;

/** Prometheus reads the domain meters with the scrape token alone; nothing else opens with that token. */
class MetricsIntegrationTests extends IntegrationTest {

	@Test
	void theScrapeTokenOpensThePrometheusEndpointAndNothingElse() {
		var scraper = anonymous.as(METRICS_TOKEN);
		var scrape = scraper.get("/actuator/prometheus");
		assertThat(scrape.status()).as(scrape.toString()).isEqualTo(200);
		assertThat(scrape.text()).contains("troupe_publishing_publications").contains("troupe_generation_queue_depth");

		assertThat(anonymous.get("/actuator/prometheus").status()).isEqualTo(401);
		var wrong = anonymous.as(METRICS_TOKEN + "x").get("/actuator/prometheus");
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(wrong.header("Content-Type")).startsWith("application/problem+json");
		assertThat(anonymous.as("x").get("/actuator/prometheus").status()).isEqualTo(401);
		assertThat(owner.get("/actuator/prometheus").status()).as("owners still may").isEqualTo(200);
		assertThat(as("EDITOR").get("/actuator/prometheus").status()).isEqualTo(403);

		assertThat(scraper.get("/api/v1/posts").status()).as("not an API token").isEqualTo(401);
		assertThat(scraper.get("/actuator/metrics").status()).isIn(401, 403, 404);
	}

	@Test
	void aPublicationShowsUpInTheDomainMeters() {
		var characterId = owner.post("/api/v1/characters", Map.of("name", "Metered " + UUID.randomUUID().toString()
			.substring(0, 8), "timeZone", "Europe/Lisbon")).json().get("id").asString();
		var body = new HashMap<String, Object>(Map.of("characterId", characterId, "platform", "fake-social", "name",
				"metered", "settings", Map.of("mode", "ratelimit-once"), "credentials", Map.of("token", "t")));
		var channel = owner.post("/api/v1/channels", body).json().get("id").asString();
		var scraper = anonymous.as(METRICS_TOKEN);
		var before = scraper.get("/actuator/prometheus").text();

		var postId = owner.post("/api/v1/posts", Map.of("characterId", characterId, "caption", "counted",
				"channelIds", List.of(channel))).json().get("id").asString();
		assertThat(owner.post("/api/v1/posts/" + postId + "/submit", Map.of()).status()).isEqualTo(200);
		assertThat(as("REVIEWER").post("/api/v1/posts/" + postId + "/approve", Map.of()).status()).isEqualTo(200);
		owner.post("/api/v1/posts/" + postId + "/schedule", Map.of("at", Instant.now().toString()));
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
			.until(() -> owner.get("/api/v1/posts/" + postId).json().get("state").asString().equals("PUBLISHED"));

		var published = "troupe_publishing_attempts_seconds_count{outcome=\"published\",platform=\"fake-social\"}";
		var limited = "troupe_publishing_attempts_seconds_count{outcome=\"rate_limited\",platform=\"fake-social\"}";
		var holds = "troupe_publishing_holds_total{platform=\"fake-social\",scope=\"channel\"}";
		var late = "troupe_publishing_lateness_seconds_count{platform=\"fake-social\"}";
		var gauge = "troupe_publishing_publications{platform=\"fake-social\",state=\"PUBLISHED\"}";
		// the state gauge is cached for a few seconds
		await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofSeconds(1))
			.until(() -> value(scraper, gauge) >= value(before, gauge) + 1);
		var after = scraper.get("/actuator/prometheus").text();
		assertThat(value(after, published)).isEqualTo(value(before, published) + 1);
		assertThat(value(after, limited)).isEqualTo(value(before, limited) + 1);
		assertThat(value(after, holds)).isEqualTo(value(before, holds) + 1);
		assertThat(value(after, late)).isEqualTo(value(before, late) + 1);
		assertThat(after).contains("troupe_publishing_lateness_seconds_bucket{platform=\"fake-social\",le=\"");
		assertThat(after).contains("troupe_publishing_channels{platform=\"fake-social\",status=\"OK\"}");
		assertThat(after).contains("troupe_generation_jobs{status=\"QUEUED\"}");
		assertThat(after).containsPattern("troupe_generation_backend_up\\{backend=\"gpu-fake\",type=\"fake\"} 1");
		assertThat(after).contains("troupe_generation_backend_busy{backend=\"gpu-fake\"");
	}

	private static double value(Api scraper, String series) {
		return value(scraper.get("/actuator/prometheus").text(), series);
	}

	/** The sample of one series in the Prometheus text format, 0 when it is not there yet. */
	private static double value(String exposition, String series) {
		var m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(exposition);
		return m.find() ? Double.parseDouble(m.group(1)) : 0;
	}
}
