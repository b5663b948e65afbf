package dev.troupe.publishing.platform.instagram;

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

class InstagramInsightsTests {

	private final FakePublicMedia links;
	private final InstagramPlatform platform;
	private final FakeInstagram fake;

	InstagramInsightsTests() throws Exception {
		links = new FakePublicMedia();
		platform = new InstagramPlatform("v25.0", links, links);
		fake = new FakeInstagram();
		fake.media.add(new FakeMetaGraph.Media("17900000000000101", "c1", "Morning light", "IMAGE", 1));
		fake.media.add(new FakeMetaGraph.Media("17900000000000102", "c2", "Evening", "VIDEO", 1));
		fake.stats("17900000000000101", Map.of("like_count", 42L, "comments_count", 5L, "views", 900L, "reach", 610L,
				"saved", 7L, "shares", 3L));
		fake.stats("17900000000000102", Map.of("like_count", 8L, "comments_count", 1L, "views", 120L));
	}

	@AfterEach
	void close() {
		fake.close();
		links.close();
	}

	@Test
	void likesAndCommentsAreMediaFieldsAndTheRestComesFromInsights() throws Exception {
		var metrics = platform.publicationMetrics(List.of(post("17900000000000101"), post("17900000000000102")), channel());

		assertThat(metrics.get("17900000000000101")).containsExactlyInAnyOrderEntriesOf(Map.of("like_count", 42L,
				"comments_count", 5L, "views", 900L, "reach", 610L, "saved", 7L, "shares", 3L));
		assertThat(metrics.get("17900000000000102")).containsEntry("like_count", 8L).containsEntry("views", 120L);
		assertThat(fake.requests).contains("GET /v25.0/17900000000000101/insights");
	}

	@Test
	void aMediaInstagramNoLongerHasIsAbsentAndAContainerWithoutMediaIdIsSkipped() throws Exception {
		fake.delete("17900000000000102");

		var metrics = platform.publicationMetrics(List.of(post("17900000000000101"), post("17900000000000102"),
				post("container:17900000000000999")), channel());

		assertThat(metrics).containsOnlyKeys("17900000000000101");
	}

	@Test
	void withoutTheInsightsPermissionTheCountsStillArrive() throws Exception {
		fake.insightsGranted(false);

		var metrics = platform.publicationMetrics(List.of(post("17900000000000101")), channel());

		assertThat(metrics.get("17900000000000101")).containsOnlyKeys("like_count", "comments_count");
	}

	@Test
	void aThrottledAccountWaitsForTheTimeTheUsageHeaderGives() {
		fake.throttleNextRead(12);
		var before = Instant.now();

		assertThatThrownBy(() -> platform.publicationMetrics(List.of(post("17900000000000101")), channel()))
			.isInstanceOfSatisfying(InsightsRateLimited.class, limited -> {
				assertThat(limited.until()).isBetween(before.plus(Duration.ofMinutes(12)), Instant.now().plus(Duration.ofMinutes(12)));
				assertThat(limited.revoked()).isFalse();
			});
	}

	@Test
	void followersFollowingAndPostsAreTheAccountFields() throws Exception {
		fake.followers(1534);

		assertThat(platform.accountMetrics(channel())).containsEntry("followers_count", 1534L)
			.containsEntry("follows_count", 87L).containsEntry("media_count", 2L);
	}

	@Test
	void anExpiredTokenMeansReconnect() {
		var channel = new ChannelContext(UUID.randomUUID(), "instagram", fake.baseUrl(),
				Map.of("accessToken", "IGAAexpired", "userId", FakeInstagram.USER_ID), Map.of("timeoutMillis", "1000"), "mira");

		assertThatThrownBy(() -> platform.accountMetrics(channel))
			.isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.revoked()).isTrue());
	}

	@Test
	void theDescriptorDeclaresEveryMetricWithItsCommonMeaning() {
		var spec = platform.descriptor().metrics();

		assertThat(spec.publication()).extracting(m -> m.name() + "=" + m.common()).contains("like_count=reactions",
				"comments_count=comments", "shares=shares", "views=views", "saved=null");
		assertThat(spec.account()).extracting(m -> m.name() + "=" + m.common()).contains("followers_count=followers");
	}

	private static PublishedPost post(String id) {
		return new PublishedPost(id, "https://www.instagram.com/p/" + id + "/", Instant.now().minus(Duration.ofHours(3)));
	}

	private ChannelContext channel() {
		return new ChannelContext(UUID.randomUUID(), "instagram", fake.baseUrl(),
				Map.of("accessToken", FakeInstagram.validToken(), "userId", FakeInstagram.USER_ID), Map.of("timeoutMillis", "1000"),
				"mira");
	}
}
