package dev.troupe.publishing.platform.tiktok;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.FakePublicMedia;
import dev.troupe.publishing.spi.PlatformException;
import dev.troupe.publishing.spi.PlatformInsights.PublishedPost;
import dev.troupe.publishing.spi.InsightsRateLimited;

class TikTokInsightsTests {

	private final FakePublicMedia links;
	private final TikTokPlatform platform;
	private final FakeTikTok fake;

	TikTokInsightsTests() throws Exception {
		links = new FakePublicMedia();
		platform = new TikTokPlatform(links, links);
		fake = new FakeTikTok();
	}

	@AfterEach
	void close() {
		fake.close();
		links.close();
	}

	@Test
	void videoCountsComeFromTheVideoQuery() throws Exception {
		var id = fake.seedVideo(900, 41, 12, 25_000);

		assertThat(platform.publicationMetrics(List.of(post(id)), channel()).get(id)).containsExactlyInAnyOrderEntriesOf(Map.of(
				"like_count", 900L, "comment_count", 41L, "share_count", 12L, "view_count", 25_000L));
	}

	@Test
	void fortyFiveVideosTakeThreeQueriesAndPublishIdsAndDeletedVideosAreAbsent() throws Exception {
		var posts = new ArrayList<PublishedPost>();
		for (int i = 0; i < 45; i++) {
			posts.add(post(fake.seedVideo(i, 0, 0, 10L * i)));
		}
		fake.deleteVideo(posts.get(0).remoteId());
		posts.add(post("v_pub_url~v2-1.7300000000000000001"));
		fake.requests.clear();

		var metrics = platform.publicationMetrics(posts, channel());

		assertThat(metrics).hasSize(44).doesNotContainKey(posts.get(0).remoteId());
		assertThat(fake.requests).containsExactly("POST /v2/video/query/", "POST /v2/video/query/", "POST /v2/video/query/");
	}

	@Test
	void aRateLimitWaitsAMinute() {
		var id = fake.seedVideo(1, 1, 1, 1);
		fake.rateLimitNextRead();

		assertThatThrownBy(() -> platform.publicationMetrics(List.of(post(id)), channel()))
			.isInstanceOfSatisfying(InsightsRateLimited.class, limited -> assertThat(limited.until())
				.isBetween(Instant.now().plusSeconds(50), Instant.now().plusSeconds(61)));
	}

	@Test
	void aScopeTheAccountDidNotGrantIsNamed() {
		var id = fake.seedVideo(1, 1, 1, 1);
		fake.withoutScope("video.list");

		assertThatThrownBy(() -> platform.publicationMetrics(List.of(post(id)), channel()))
			.isInstanceOfSatisfying(PlatformException.class, e -> {
				assertThat(e.revoked()).isFalse();
				assertThat(e.getMessage()).contains("video.list", "reconnect");
			});
	}

	@Test
	void accountStatsNeedUserInfoStats() throws Exception {
		fake.followers(20_000);
		assertThat(platform.accountMetrics(channel())).containsEntry("follower_count", 20_000L).containsEntry("likes_count", 90_210L);

		fake.withoutScope("user.info.stats");
		assertThatThrownBy(() -> platform.accountMetrics(channel())).hasMessageContaining("user.info.stats");
	}

	private static PublishedPost post(String id) {
		return new PublishedPost(id, "https://www.tiktok.com/@mira.sings/video/" + id, Instant.now().minusSeconds(300));
	}

	private ChannelContext channel() {
		return new ChannelContext(UUID.randomUUID(), "tiktok", fake.baseUrl(),
				Map.of("accessToken", FakeTikTok.ACCESS_TOKEN, "openId", FakeTikTok.OPEN_ID, "username", "mira.sings"),
				Map.of("timeoutMillis", "1000"), "mira");
	}
}
