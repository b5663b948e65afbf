package dev.troupe.publishing.platform.facebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
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

class FacebookInsightsTests {

	private final FakePublicMedia links;
	private final FacebookPlatform platform;
	private final FakeFacebook fake;

	FacebookInsightsTests() throws Exception {
		links = new FakePublicMedia();
		platform = new FacebookPlatform("v25.0", links, links);
		fake = new FakeFacebook();
	}

	@AfterEach
	void close() {
		fake.close();
		links.close();
	}

	@Test
	void aPostReportsTheSummariesOfItsReactionsAndCommentsAndItsShares() throws Exception {
		var shared = fake.seedPost("Shared a lot");
		var quiet = fake.seedPost("Nobody shared this");
		fake.engagement(shared, 120, 14, 9).engagement(quiet, 3, 0, 0);

		var metrics = platform.publicationMetrics(List.of(post(shared), post(quiet)), channel());

		assertThat(metrics.get(shared)).containsExactlyInAnyOrderEntriesOf(Map.of("reactions", 120L, "comments", 14L, "shares", 9L));
		assertThat(metrics.get(quiet)).containsEntry("shares", 0L).containsEntry("reactions", 3L);
	}

	@Test
	void aVideoIsAskedWithoutTheSharesFieldVideosDoNotHave() throws Exception {
		var video = fake.seedVideo();
		fake.engagement(video, 40, 6, 0);

		assertThat(platform.publicationMetrics(List.of(post(video)), channel()).get(video))
			.containsExactlyInAnyOrderEntriesOf(Map.of("reactions", 40L, "comments", 6L));
	}

	@Test
	void aDeletedPostIsAbsent() throws Exception {
		var kept = fake.seedPost("kept");
		var deleted = fake.seedPost("deleted");
		fake.delete(deleted);

		assertThat(platform.publicationMetrics(List.of(post(kept), post(deleted)), channel())).containsOnlyKeys(kept);
	}

	@Test
	void aMissingPermissionSaysWhichOneAndIsNotARevocation() {
		var id = fake.seedPost("x");
		fake.engagementGranted(false);

		assertThatThrownBy(() -> platform.publicationMetrics(List.of(post(id)), channel()))
			.isInstanceOfSatisfying(PlatformException.class, e -> {
				assertThat(e.revoked()).isFalse();
				assertThat(e.getMessage()).contains("pages_read_engagement");
			});
	}

	@Test
	void thePageLimitWaitsForTheRegainTime() {
		fake.throttleNextRead(20);
		var before = Instant.now();

		assertThatThrownBy(() -> platform.accountMetrics(channel())).isInstanceOfSatisfying(InsightsRateLimited.class,
				limited -> assertThat(limited.until()).isAfterOrEqualTo(before.plus(Duration.ofMinutes(20))));
	}

	@Test
	void thePageReportsFollowersAndLikes() throws Exception {
		fake.followers(5000);

		assertThat(platform.accountMetrics(channel())).containsExactlyInAnyOrderEntriesOf(Map.of("followers_count", 5000L,
				"fan_count", 4800L));
		assertThat(platform.descriptor().metrics().publication()).extracting(m -> m.common())
			.containsExactly("reactions", "comments", "shares");
	}

	private static PublishedPost post(String id) {
		return new PublishedPost(id, "https://www.facebook.com/" + id, Instant.now().minusSeconds(600));
	}

	private ChannelContext channel() {
		return new ChannelContext(UUID.randomUUID(), "facebook", fake.baseUrl(),
				Map.of("accessToken", FakeFacebook.PAGE_TOKEN, "pageId", FakeFacebook.PAGE_ID), Map.of("timeoutMillis", "1000"),
				"mira");
	}
}
