package dev.troupe.publishing.platform.threads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.troupe.publishing.platform.meta.FakeMetaGraph;
import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.FakePublicMedia;
import dev.troupe.publishing.spi.PlatformException;
import dev.troupe.publishing.spi.PlatformInsights.PublishedPost;
import dev.troupe.publishing.spi.InsightsRateLimited;

class ThreadsInsightsTests {

	private final FakePublicMedia links;
	private final ThreadsPlatform platform;
	private final FakeThreads fake;

	ThreadsInsightsTests() throws Exception {
		links = new FakePublicMedia();
		platform = new ThreadsPlatform(links, links);
		fake = new FakeThreads();
		fake.media.add(new FakeMetaGraph.Media("18000000000000201", "c1", "Hello", "TEXT", 1));
		fake.media.add(new FakeMetaGraph.Media("18000000000000202", "c2", "Again", "TEXT", 1));
		fake.stats("18000000000000201", Map.of("views", 410L, "likes", 31L, "replies", 4L, "reposts", 2L, "quotes", 1L));
	}

	@AfterEach
	void close() {
		fake.close();
		links.close();
	}

	@Test
	void everyPostMetricComesFromItsInsights() throws Exception {
		var metrics = platform.publicationMetrics(List.of(post("18000000000000201")), channel());

		assertThat(metrics.get("18000000000000201")).containsExactlyInAnyOrderEntriesOf(Map.of("views", 410L, "likes", 31L,
				"replies", 4L, "reposts", 2L, "quotes", 1L, "shares", 0L));
	}

	@Test
	void aDeletedPostIsAbsent() throws Exception {
		fake.delete("18000000000000202");

		assertThat(platform.publicationMetrics(List.of(post("18000000000000201"), post("18000000000000202")), channel()))
			.containsOnlyKeys("18000000000000201");
	}

	@Test
	void withoutTheInsightsPermissionTheReadFailsWithAReconnectHint() {
		fake.insightsGranted(false);

		assertThatThrownBy(() -> platform.publicationMetrics(List.of(post("18000000000000201")), channel()))
			.isInstanceOfSatisfying(PlatformException.class, e -> {
				assertThat(e).isNotInstanceOf(InsightsRateLimited.class);
				assertThat(e.revoked()).isFalse();
				assertThat(e.getMessage()).contains("threads_manage_insights", "reconnect");
			});
	}

	@Test
	void aThrottledAppWaitsForTheRegainTime() {
		fake.throttleNextRead(7);
		var before = Instant.now();

		assertThatThrownBy(() -> platform.accountMetrics(channel())).isInstanceOfSatisfying(InsightsRateLimited.class,
				limited -> assertThat(limited.until()).isAfterOrEqualTo(before.plus(Duration.ofMinutes(7))));
	}

	@Test
	void followersAreTheTotalOfTheUserInsights() throws Exception {
		fake.followers(2048);

		assertThat(platform.accountMetrics(channel())).containsExactlyEntriesOf(Map.of("followers_count", 2048L));
		assertThat(platform.descriptor().metrics().account()).extracting(m -> m.common()).containsExactly("followers");
	}

	private static PublishedPost post(String id) {
		return new PublishedPost(id, "https://www.threads.net/@mira.studio/post/" + id, Instant.now().minusSeconds(3600));
	}

	private ChannelContext channel() {
		return new ChannelContext(UUID.randomUUID(), "threads", fake.baseUrl(),
				Map.of("accessToken", FakeThreads.validToken(), "userId", FakeThreads.USER_ID), Map.of("timeoutMillis", "1000"),
				"mira");
	}
}
