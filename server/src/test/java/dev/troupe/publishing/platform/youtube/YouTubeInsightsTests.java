package dev.troupe.publishing.platform.youtube;

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

class YouTubeInsightsTests {

	private final FakePublicMedia handles;
	private final YouTubePlatform platform;
	private final FakeYouTube fake;

	YouTubeInsightsTests() throws Exception {
		handles = new FakePublicMedia();
		platform = new YouTubePlatform(handles, new YouTubePlatformTests.Counts());
		fake = new FakeYouTube();
	}

	@AfterEach
	void close() {
		fake.close();
		handles.close();
	}

	@Test
	void statisticsArriveAsNumbersAndAHiddenLikeCountStaysAbsent() throws Exception {
		var open = fake.seedVideo(Map.of("viewCount", 1520L, "likeCount", 88L, "commentCount", 12L));
		var hidden = fake.seedVideo(Map.of("viewCount", 40L, "commentCount", 1L));

		var metrics = platform.publicationMetrics(List.of(post(open), post(hidden)), channel());

		assertThat(metrics.get(open)).containsExactlyInAnyOrderEntriesOf(Map.of("viewCount", 1520L, "likeCount", 88L,
				"commentCount", 12L));
		assertThat(metrics.get(hidden)).containsOnlyKeys("viewCount", "commentCount");
	}

	@Test
	void seventyVideosTakeTwoCallsAndADeletedOneIsAbsent() throws Exception {
		var posts = new ArrayList<PublishedPost>();
		for (int i = 0; i < 70; i++) {
			posts.add(post(fake.seedVideo(Map.of("viewCount", (long) i))));
		}
		fake.deleteVideo(posts.get(10).remoteId());
		fake.requests.clear();

		var metrics = platform.publicationMetrics(posts, channel());

		assertThat(metrics).hasSize(69).doesNotContainKey(posts.get(10).remoteId());
		assertThat(fake.requests).containsExactly("GET /youtube/v3/videos", "GET /youtube/v3/videos");
	}

	@Test
	void aSpentQuotaWaitsForMidnightPacific() {
		var id = fake.seedVideo(Map.of());
		fake.quotaExceededNextRead();

		assertThatThrownBy(() -> platform.publicationMetrics(List.of(post(id)), channel()))
			.isInstanceOfSatisfying(InsightsRateLimited.class,
					limited -> assertThat(limited.until()).isEqualTo(YouTubePlatform.nextPacificMidnight()));
	}

	@Test
	void aMissingScopeAsksForAReconnect() {
		fake.insufficientScopeNextRead();

		assertThatThrownBy(() -> platform.accountMetrics(channel())).isInstanceOfSatisfying(PlatformException.class, e -> {
			assertThat(e.revoked()).isFalse();
			assertThat(e.getMessage()).contains("youtube.readonly", "reconnect");
		});
	}

	@Test
	void subscribersAreLeftOutWhenTheChannelHidesThem() throws Exception {
		fake.subscribers(1200, false);
		assertThat(platform.accountMetrics(channel())).containsEntry("subscriberCount", 1200L).containsEntry("viewCount", 48210L);

		fake.subscribers(1200, true);
		assertThat(platform.accountMetrics(channel())).doesNotContainKey("subscriberCount").containsKey("videoCount");
	}

	private static PublishedPost post(String id) {
		return new PublishedPost(id, "https://www.youtube.com/watch?v=" + id, Instant.now().minusSeconds(900));
	}

	private ChannelContext channel() {
		return new ChannelContext(UUID.randomUUID(), "youtube", fake.baseUrl(),
				Map.of("accessToken", FakeYouTube.ACCESS_TOKEN, "channelId", FakeYouTube.CHANNEL_ID),
				Map.of("timeoutMillis", "1000"), "mira");
	}
}
