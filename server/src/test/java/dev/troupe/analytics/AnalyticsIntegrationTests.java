package dev.troupe.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.troupe.publishing.platform.mastodon.FakeMastodon;
import dev.troupe.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * Analytics end to end: posts published through the real state machine to protocol-faithful fakes, collection run
 * as its task runs it, numbers read back through the API and the CSV export; restart-safe task scheduling; the
 * publishing-first and rate-limit rules; best times from synthetic history; bad input.
 */
class AnalyticsIntegrationTests extends IntegrationTest {

	private static final String ZONE = "Europe/Lisbon";

	@Autowired
	Collector collector;

	@Autowired
	CollectionTasks tasks;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aMastodonPostIsCollectedAndShownWithItsOwnNamesAndTheCommonSet() throws Exception {
		try (var mastodon = new FakeMastodon()) {
			var characterId = character(ZONE);
			var channelId = channel(characterId, "mastodon", mastodon.baseUrl().toString(),
					Map.of("accessToken", FakeMastodon.TOKEN), Map.of("timeoutMillis", "3000"));
			var postId = publishNow(characterId, channelId, "Hello, \"world\" from Troupe");
			var statusId = mastodon.statusIds().get(0);
			mastodon.engage(statusId, 5, 2, 1, null).followers(77);

			var next = collector.collect(UUID.fromString(channelId));

			assertThat(next).as("runs again within the fresh interval").isBefore(Instant.now().plus(Duration.ofMinutes(61)));
			var list = owner.get("/api/v1/analytics/publications?channelId=" + channelId);
			assertThat(list.status()).as(list.toString()).isEqualTo(200);
			var item = list.json().at("/items/0");
			assertThat(item.get("postId").asString()).isEqualTo(postId);
			assertThat(item.get("platform").asString()).isEqualTo("mastodon");
			assertThat(item.at("/metrics/favourites_count").asLong()).isEqualTo(5);
			assertThat(item.at("/metrics/reblogs_count").asLong()).isEqualTo(2);
			assertThat(item.at("/metrics/replies_count").asLong()).isEqualTo(1);
			assertThat(item.at("/metrics").has("quotes_count")).as("not reported, not invented").isFalse();
			assertThat(item.at("/common/reactions").asLong()).isEqualTo(5);
			assertThat(item.at("/common/shares").asLong()).isEqualTo(2);
			assertThat(item.at("/common/comments").asLong()).isEqualTo(1);
			assertThat(item.at("/common/views").isNull()).isTrue();
			assertThat(item.get("engagement").asLong()).isEqualTo(8);
			assertThat(item.get("excerpt").asString()).isEqualTo("Hello, \"world\" from Troupe");
			assertThat(item.get("channelName").asString()).isEqualTo("mastodon test");
			assertThat(list.json().at("/totals/publications").asLong()).isEqualTo(1);
			assertThat(list.json().at("/totals/reactions").asLong()).isEqualTo(5);
			assertThat(list.json().at("/byPlatform/0/platform").asString()).isEqualTo("mastodon");

			var publicationId = item.get("publicationId").asString();
			var one = owner.get("/api/v1/analytics/publications/" + publicationId).json();
			assertThat(one.get("series").size()).isEqualTo(1);
			assertThat(one.at("/series/0/metrics/favourites_count").asLong()).isEqualTo(5);
			assertThat(one.at("/series/0/common/reactions").asLong()).isEqualTo(5);
			assertThat(one.get("metricsSpec").toString()).contains("favourites_count").contains("\"common\":\"reactions\"");

			var chart = owner.get("/api/v1/analytics/channels/" + channelId).json();
			assertThat(chart.at("/series/0/metrics/followers_count").asLong()).isEqualTo(77);
			assertThat(chart.at("/series/0/common/followers").asLong()).isEqualTo(77);
			assertThat(chart.at("/engagementSeries/0/publications").asLong()).isEqualTo(1);
			assertThat(chart.at("/engagementSeries/0/engagement").asLong()).isEqualTo(8);
			assertThat(chart.get("metricsSpec").toString()).contains("followers_count");

			// not due again yet: a second run right away asks nothing and stores nothing
			mastodon.engage(statusId, 50, 2, 1, null);
			collector.collect(UUID.fromString(channelId));
			assertThat(owner.get("/api/v1/analytics/publications/" + publicationId).json().get("series").size()).isEqualTo(1);

			var csv = owner.get("/api/v1/analytics/export.csv?kind=publications&channelId=" + channelId);
			assertThat(csv.status()).isEqualTo(200);
			assertThat(csv.header("Content-Type")).startsWith("text/csv");
			var lines = csv.text().split("\r\n");
			assertThat(lines[0]).startsWith("publicationId,postId,characterId,channelId,channelName,platform,publishedAt")
				.endsWith("engagement,favourites_count,reblogs_count,replies_count");
			assertThat(lines[1]).contains(",\"Hello, \"\"world\"\" from Troupe\",").endsWith(",5,2,1,,8,5,2,1");

			var series = owner.get("/api/v1/analytics/export.csv?kind=channel&channelId=" + channelId).text();
			assertThat(series.split("\r\n")[0]).isEqualTo("channelId,platform,at,followers,followers_count,following_count,statuses_count");
			assertThat(series.split("\r\n")[1]).startsWith(channelId + ",mastodon,").endsWith(",77,77,3,1");

			var status = owner.get("/api/v1/analytics/collection").json();
			var row = find(status, channelId);
			assertThat(row.get("supported").asBoolean()).isTrue();
			assertThat(row.get("lastRunAt").isNull()).isFalse();
			assertThat(row.get("lastError").isNull()).isTrue();
		}
	}

	@Test
	void everySupportedChannelHasOneDurableTaskAndALostOneIsRecreated() {
		var characterId = character(ZONE);
		var feed = channel(characterId, "feed", null, null, Map.of());
		var unsupported = channel(characterId, "fake-social", null, Map.of("token", "secret"), Map.of());
		var later = Instant.now().plus(Duration.ofDays(1)); // not now: other tests collect by hand meanwhile
		tasks.ensureAll(later);
		assertThat(taskRows(feed)).as("kept in the scheduler's table, so it survives restarts").isEqualTo(1);
		assertThat(taskRows(unsupported)).isZero();
		assertThat(tasks.ensure(UUID.fromString(feed), Instant.now())).as("never twice").isFalse();

		jdbc.sql("delete from scheduled_tasks where task_name = ? and task_instance = ?")
			.params(AnalyticsConfiguration.COLLECT_TASK, feed).update();
		assertThat(tasks.ensureAll(later)).isGreaterThanOrEqualTo(1);
		assertThat(taskRows(feed)).isEqualTo(1);

		var status = find(owner.get("/api/v1/analytics/collection").json(), unsupported);
		assertThat(status.get("supported").asBoolean()).isFalse();
		assertThat(collector.collect(UUID.fromString(unsupported))).as("no task for it").isNull();
	}

	@Test
	void publishingComesFirstAndARateLimitIsHonoured() throws Exception {
		try (var mastodon = new FakeMastodon()) {
			var characterId = character(ZONE);
			var limited = channel(characterId, "mastodon", mastodon.baseUrl().toString(),
					Map.of("accessToken", FakeMastodon.TOKEN), Map.of("timeoutMillis", "3000"));
			mastodon.rateLimitNextRead(300);
			var next = collector.collect(UUID.fromString(limited));
			assertThat(next).isAfter(Instant.now().plusSeconds(250));
			var row = find(owner.get("/api/v1/analytics/collection").json(), limited);
			assertThat(row.get("lastError").asString()).contains("rate limited");
			assertThat(row.get("deferredUntil").isNull()).isFalse();
			assertThat(collector.collect(UUID.fromString(limited))).as("still waiting, asks nothing")
				.isCloseTo(next, org.assertj.core.api.Assertions.within(1, ChronoUnit.MILLIS));
			assertThat(owner.get("/api/v1/analytics/channels/" + limited).json().get("series").size()).isZero();

			var busy = channel(characterId, "mastodon", mastodon.baseUrl().toString(),
					Map.of("accessToken", FakeMastodon.TOKEN), Map.of("timeoutMillis", "3000"));
			var postId = approvedPost(characterId, busy, "due soon");
			var at = LocalDateTime.now(ZoneId.of(ZONE)).plusMinutes(5).truncatedTo(ChronoUnit.SECONDS);
			assertThat(owner.post("/api/v1/posts/" + postId + "/schedule", Map.of("at", at.toString())).status()).isEqualTo(200);
			var deferred = collector.collect(UUID.fromString(busy));
			assertThat(deferred).as("after the publication's time").isAfter(at.atZone(ZoneId.of(ZONE)).toInstant());
			assertThat(owner.get("/api/v1/analytics/channels/" + busy).json().get("series").size()).isZero();
			owner.post("/api/v1/posts/" + postId + "/unschedule", Map.of());
		}
	}

	@Test
	void theFeedCountsItsOwnViewsWithoutKnowingWhoLooked() {
		var character = owner.post("/api/v1/characters", Map.of("name", "Counted " + UUID.randomUUID().toString()
			.substring(0, 8), "timeZone", ZONE)).json();
		var characterId = character.get("id").asString();
		var handle = character.get("handle").asString();
		var feed = channel(characterId, "feed", null, null, Map.of());
		publishNow(characterId, feed, "seen twice");
		assertThat(anonymous.get("/feeds/" + handle).status()).isEqualTo(200);
		assertThat(anonymous.get("/feeds/" + handle).status()).isEqualTo(200);
		assertThat(anonymous.get("/feeds/" + handle + "/rss.xml").status()).isEqualTo(200);

		collector.collect(UUID.fromString(feed));

		var list = owner.get("/api/v1/analytics/publications?channelId=" + feed);
		var item = list.json().at("/items/0");
		assertThat(item.at("/metrics").isObject()).as(list + " " + owner.get("/api/v1/analytics/collection")).isTrue();
		assertThat(item.at("/metrics/page_views").isNumber()).as(list.toString()).isTrue();
		assertThat(item.at("/metrics/page_views").asLong()).isEqualTo(2);
		assertThat(item.at("/metrics/feed_fetches").asLong()).isEqualTo(1);
		assertThat(item.at("/common/views").asLong()).isEqualTo(2);
		var account = owner.get("/api/v1/analytics/channels/" + feed).json();
		assertThat(account.at("/series/0/metrics/page_views").asLong()).isEqualTo(2);
		assertThat(jdbc.sql("select count(*) from information_schema.columns where table_name in "
				+ "('publishing_feed_views', 'publishing_feed_audience') and column_name not in "
				+ "('publication_id', 'handle', 'page_views', 'feed_fetches')").query(Long.class).single())
			.as("numbers only: nothing about the reader is stored").isZero();
	}

	@Test
	void bestTimesFindTheChannelsPeakInItsCharactersZoneAndApplyThemAsQueueSlots() {
		var zone = ZoneId.of("America/New_York");
		var characterId = character(zone.getId());
		var channelId = channel(characterId, "feed", null, null, Map.of());
		var random = new Random(7);
		var monday = ZonedDateTime.now(zone).minusWeeks(10).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
			.truncatedTo(ChronoUnit.DAYS);
		for (int i = 0; i < 70; i++) {
			var peak = i % 3 == 0;
			var at = peak ? monday.plusWeeks(i % 9).plusDays(1).withHour(18)
					: monday.plusWeeks(i % 9).plusDays(random.nextInt(7)).withHour(7 + random.nextInt(10));
			insertSample(UUID.fromString(characterId), UUID.fromString(channelId), at.toInstant(), peak ? 90 : 30);
		}

		var best = owner.get("/api/v1/channels/" + channelId + "/best-times");
		assertThat(best.status()).as(best.toString()).isEqualTo(200);
		assertThat(best.json().get("timeZone").asString()).isEqualTo("America/New_York");
		assertThat(best.json().at("/slots/0/weekday").asString()).isEqualTo("TUESDAY");
		assertThat(best.json().at("/slots/0/hour").asInt()).isEqualTo(18);
		assertThat(best.json().get("confidence").asString()).isEqualTo("high");
		assertThat(best.json().get("sampleSize").asInt()).isEqualTo(70);

		assertThat(as("EDITOR").post("/api/v1/channels/" + channelId + "/best-times/apply", Map.of("count", 3)).status())
			.isEqualTo(403);
		var applied = owner.post("/api/v1/channels/" + channelId + "/best-times/apply", Map.of("count", 3));
		assertThat(applied.status()).as(applied.toString()).isEqualTo(200);
		assertThat(applied.json().get("queueSlots").size()).isEqualTo(3);
		assertThat(owner.get("/api/v1/channels/" + channelId).json().get("queueSlots").toString())
			.contains("{\"day\":\"TUESDAY\",\"time\":\"18:00:00\"}");

		var fresh = channel(character(ZONE), "feed", null, null, Map.of());
		var prior = owner.get("/api/v1/channels/" + fresh + "/best-times").json();
		assertThat(prior.get("confidence").asString()).isEqualTo("low");
		assertThat(prior.get("sampleSize").asInt()).isZero();
	}

	@Test
	void badInputIsAProblemNamingTheField() {
		assertProblem(owner.get("/api/v1/analytics/publications?from=yesterday"), 400, "from");
		assertProblem(owner.get("/api/v1/analytics/publications?to=2026-13-45"), 400, "to");
		assertProblem(owner.get("/api/v1/analytics/publications?from=2026-12-02&to=2026-12-01"), 400, "to");
		assertProblem(owner.get("/api/v1/analytics/publications?sort=likes"), 400, "sort");
		assertProblem(owner.get("/api/v1/analytics/publications?limit=0"), 400, "limit");
		assertProblem(owner.get("/api/v1/analytics/publications?platform=%00"), 400, "platform");
		assertProblem(owner.get("/api/v1/analytics/publications?channelId=not-a-uuid"), 400, "channelId");
		assertProblem(owner.get("/api/v1/analytics/export.csv?kind=channel"), 400, "channelId");
		assertProblem(owner.get("/api/v1/analytics/export.csv?kind=everything"), 400, "kind");
		assertThat(owner.get("/api/v1/analytics/publications/" + UUID.randomUUID()).status()).isEqualTo(404);
		assertThat(owner.get("/api/v1/analytics/channels/" + UUID.randomUUID()).status()).isEqualTo(404);
		assertThat(owner.get("/api/v1/channels/" + UUID.randomUUID() + "/best-times").status()).isEqualTo(404);
		var feed = channel(character(ZONE), "feed", null, null, Map.of());
		assertProblem(owner.post("/api/v1/channels/" + feed + "/best-times/apply", Map.of("count", 99)), 400, "count");
		assertThat(anonymous.get("/api/v1/analytics/publications").status()).isEqualTo(401);
	}

	private void assertProblem(dev.troupe.support.Api.Response response, int status, String field) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.text()).contains("\"" + field + "\"");
	}

	private void insertSample(UUID characterId, UUID channelId, Instant at, long engagement) {
		jdbc.sql("""
				insert into analytics_publications (publication_id, post_id, channel_id, character_id, platform, remote_id,
				    published_at, sampled_at, metrics, engagement, views)
				values (?, ?, ?, ?, 'feed', ?, ?, ?, cast(? as jsonb), ?, ?)""")
			.params(UUID.randomUUID(), UUID.randomUUID(), channelId, characterId, UUID.randomUUID().toString(),
					Timestamp.from(at), Timestamp.from(at.plus(Duration.ofDays(2))),
					"{\"page_views\":" + engagement + "}", engagement, engagement)
			.update();
	}

	private long taskRows(String channelId) {
		return jdbc.sql("select count(*) from scheduled_tasks where task_name = ? and task_instance = ?")
			.params(AnalyticsConfiguration.COLLECT_TASK, channelId).query(Long.class).single();
	}

	private static JsonNode find(JsonNode rows, String channelId) {
		for (var row : rows) {
			if (row.get("channelId").asString().equals(channelId)) {
				return row;
			}
		}
		throw new AssertionError("no row for " + channelId + " in " + rows);
	}

	private String character(String zone) {
		var created = owner.post("/api/v1/characters", Map.of("name", "Analyst " + UUID.randomUUID().toString()
			.substring(0, 8), "timeZone", zone));
		assertThat(created.status()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	private String channel(String characterId, String platform, String baseUrl, Map<String, String> credentials,
			Map<String, String> settings) {
		var body = new HashMap<String, Object>(Map.of("characterId", characterId, "platform", platform, "name",
				platform + " test", "settings", settings));
		if (baseUrl != null) {
			body.put("baseUrl", baseUrl);
		}
		if (credentials != null) {
			body.put("credentials", credentials);
		}
		var created = owner.post("/api/v1/channels", body);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	private String approvedPost(String characterId, String channelId, String caption) {
		var postId = owner.post("/api/v1/posts", Map.of("characterId", characterId, "caption", caption,
				"channelIds", List.of(channelId))).json().get("id").asString();
		assertThat(owner.post("/api/v1/posts/" + postId + "/submit", Map.of()).status()).isEqualTo(200);
		var approved = as("REVIEWER").post("/api/v1/posts/" + postId + "/approve", Map.of());
		assertThat(approved.json().get("state").asString()).as(approved.toString()).isEqualTo("APPROVED");
		return postId;
	}

	/** Published through the real scheduler and state machine, a second from now. */
	private String publishNow(String characterId, String channelId, String caption) {
		var postId = approvedPost(characterId, channelId, caption);
		var zone = ZoneId.of(owner.get("/api/v1/characters/" + characterId).json().get("timeZone").asString());
		var at = LocalDateTime.ofInstant(Instant.now().plusSeconds(1), zone).truncatedTo(ChronoUnit.SECONDS);
		var scheduled = owner.post("/api/v1/posts/" + postId + "/schedule", Map.of("at", at.toString()));
		assertThat(scheduled.status()).as(scheduled.toString()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
			.until(() -> owner.get("/api/v1/posts/" + postId).json().get("state").asString().equals("PUBLISHED"));
		return postId;
	}
}
