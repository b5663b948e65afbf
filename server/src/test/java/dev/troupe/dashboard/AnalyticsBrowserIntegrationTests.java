package dev.troupe.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.troupe.publishing.platform.mastodon.FakeMastodon;
import dev.troupe.support.IntegrationTest;

/**
 * The Analytics page in Chromium (web/e2e/analytics.e2e.mjs), wired like {@link DashboardBrowserIntegrationTests}:
 * a character with a Mastodon channel (a protocol-faithful fake) and a history of samples, as the collector stores
 * them, for two weeks: posts on Tuesday evenings do best. The page must draw the followers line, the engagement
 * bars and the platform bars, list the best post, offer the CSV export and turn the best times into queue slots.
 */
class AnalyticsBrowserIntegrationTests extends IntegrationTest {

	private static final int POSTS = 12;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void chartsBestTimesAndExportOfASeededHistory() throws Exception {
		BrowserScript.chromium();
		var suffix = UUID.randomUUID().toString().substring(0, 6);
		var created = owner.post("/api/v1/characters", Map.of("name", "Analytics Star " + suffix, "handle", "stats-" + suffix));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		var characterId = UUID.fromString(created.json().get("id").asString());
		try (var mastodon = new FakeMastodon()) {
			var channel = owner.post("/api/v1/channels", Map.of("characterId", characterId.toString(), "platform", "mastodon",
					"name", "Mira on Mastodon", "baseUrl", mastodon.baseUrl().toString(), "credentials",
					Map.of("accessToken", FakeMastodon.TOKEN), "settings", Map.of()));
			assertThat(channel.status()).as(channel.toString()).isEqualTo(201);
			var channelId = UUID.fromString(channel.json().get("id").asString());
			var best = seed(characterId, channelId);
			BrowserScript.runAsOwner(port, "e2e/analytics.e2e.mjs", Map.of("CHARACTER_ID",
					characterId.toString(), "CHANNEL_ID", channelId.toString(), "CHANNEL_NAME", "Mira on Mastodon", "BEST_EXCERPT",
					best, "POSTS", String.valueOf(POSTS)));
			var slots = owner.get("/api/v1/channels/" + channelId).json().get("queueSlots");
			assertThat(slots).as("Apply as queue slots set the channel's queue").isNotEmpty();
		}
	}

	/**
	 * Rows as the collector writes them: the read model with the latest numbers, two samples per post, and a daily
	 * follower count. Tuesday 18:00 UTC posts get five times the engagement of the others. Returns the best excerpt.
	 */
	private String seed(UUID characterId, UUID channelId) {
		var now = Instant.now().truncatedTo(ChronoUnit.HOURS);
		var lastTuesday = now.atZone(ZoneOffset.UTC).with(TemporalAdjusters.previous(DayOfWeek.TUESDAY)).withHour(18)
			.toInstant();
		String best = null;
		for (int i = 0; i < POSTS; i++) {
			var tuesday = i % 3 == 0;
			var publishedAt = tuesday ? lastTuesday.minus(Duration.ofDays(7L * (i / 3))) : now.minus(Duration.ofHours(20L * i + 30));
			long favourites = tuesday ? 40 + i : 6 + i % 4;
			long boosts = tuesday ? 9 : 1;
			long replies = tuesday ? 5 : i % 2;
			var excerpt = (tuesday ? "Tuesday evening song #" : "Morning note #") + i;
			if (i == 9) {
				favourites = 90;
				best = excerpt;
			}
			var id = UUID.randomUUID();
			var sampledAt = publishedAt.plus(Duration.ofHours(26));
			var metrics = "{\"favourites_count\":%d,\"reblogs_count\":%d,\"replies_count\":%d,\"quotes_count\":0}"
				.formatted(favourites, boosts, replies);
			jdbc.update("""
					insert into analytics_publications (publication_id, post_id, channel_id, character_id, platform, remote_id,
					    url, published_at, excerpt, sampled_at, metrics, reactions, shares, comments, views, engagement)
					values (?, ?, ?, ?, 'mastodon', ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, null, ?)""", id, UUID.randomUUID(),
					channelId, characterId, "1100" + i, "https://mastodon.example/@mira/1100" + i, Timestamp.from(publishedAt),
					excerpt, Timestamp.from(sampledAt), metrics, favourites, boosts, replies, favourites + boosts + replies);
			jdbc.update("insert into analytics_publication_samples (publication_id, sampled_at, metrics) values (?, ?, cast(? as jsonb))",
					id, Timestamp.from(publishedAt.plus(Duration.ofHours(2))),
					"{\"favourites_count\":%d,\"reblogs_count\":0,\"replies_count\":0}".formatted(favourites / 2));
			jdbc.update("insert into analytics_publication_samples (publication_id, sampled_at, metrics) values (?, ?, cast(? as jsonb))",
					id, Timestamp.from(sampledAt), metrics);
		}
		for (int day = 20; day >= 1; day--) {
			jdbc.update("insert into analytics_account_samples (channel_id, sampled_at, metrics) values (?, ?, cast(? as jsonb))",
					channelId, Timestamp.from(now.minus(Duration.ofDays(day))),
					"{\"followers_count\":%d,\"following_count\":40,\"statuses_count\":%d}".formatted(100 + (20 - day) * 3 + day % 2,
							60 + 20 - day));
		}
		return best;
	}
}
