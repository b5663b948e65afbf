package dev.troupe.publishing.platform.x;

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

class XInsightsTests {

	private final FakePublicMedia handles;
	private final XPlatform platform;
	private final FakeX fake;

	XInsightsTests() throws Exception {
		handles = new FakePublicMedia();
		platform = new XPlatform(handles);
		fake = new FakeX();
	}

	@AfterEach
	void close() {
		fake.close();
		handles.close();
	}

	@Test
	void publicMetricsComeBackByPostId() throws Exception {
		var id = fake.seedPost("gm", Map.of("like_count", 50L, "retweet_count", 4L, "reply_count", 6L, "quote_count", 1L,
				"impression_count", 3100L));

		assertThat(platform.publicationMetrics(List.of(post(id)), channel()).get(id)).containsExactlyInAnyOrderEntriesOf(Map.of(
				"like_count", 50L, "retweet_count", 4L, "reply_count", 6L, "quote_count", 1L, "bookmark_count", 0L,
				"impression_count", 3100L));
	}

	@Test
	void oneHundredAndFivePostsTakeTwoLookupsAndDeletedOnesAreAbsent() throws Exception {
		var posts = new ArrayList<PublishedPost>();
		for (int i = 0; i < 105; i++) {
			posts.add(post(fake.seedPost("post " + i, Map.of("like_count", (long) i))));
		}
		fake.deletePost(posts.get(3).remoteId());
		fake.deletePost(posts.get(104).remoteId());
		fake.requests.clear();

		var metrics = platform.publicationMetrics(posts, channel());

		assertThat(metrics).hasSize(103).doesNotContainKeys(posts.get(3).remoteId(), posts.get(104).remoteId());
		assertThat(metrics.get(posts.get(7).remoteId())).containsEntry("like_count", 7L);
		assertThat(fake.requests).containsExactly("GET /2/tweets", "GET /2/tweets");
	}

	@Test
	void aPostThatIsTheOnlyOneAskedForAndDeletedGivesAnEmptyResult() throws Exception {
		var id = fake.seedPost("gone", Map.of());
		fake.deletePost(id);

		assertThat(platform.publicationMetrics(List.of(post(id)), channel())).isEmpty();
	}

	@Test
	void a429WaitsForTheWindowsReset() {
		var id = fake.seedPost("gm", Map.of());
		fake.rateLimitNextRead(600);

		assertThatThrownBy(() -> platform.publicationMetrics(List.of(post(id)), channel()))
			.isInstanceOfSatisfying(InsightsRateLimited.class, limited -> assertThat(limited.until())
				.isBetween(Instant.now().plusSeconds(590), Instant.now().plusSeconds(601)));
	}

	@Test
	void theAccountsPublicMetrics() throws Exception {
		fake.followers(990);

		assertThat(platform.accountMetrics(channel())).containsEntry("followers_count", 990L).containsEntry("following_count", 120L)
			.containsEntry("listed_count", 3L).containsKey("tweet_count");
	}

	@Test
	void aRevokedTokenIsARevocation() {
		var channel = new ChannelContext(UUID.randomUUID(), "x", fake.baseUrl(), Map.of("accessToken", "revoked"),
				Map.of("timeoutMillis", "1000"), "mira");

		assertThatThrownBy(() -> platform.accountMetrics(channel))
			.isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.revoked()).isTrue());
	}

	private static PublishedPost post(String id) {
		return new PublishedPost(id, "https://x.com/mira_sings/status/" + id, Instant.now().minusSeconds(60));
	}

	private ChannelContext channel() {
		return new ChannelContext(UUID.randomUUID(), "x", fake.baseUrl(),
				Map.of("accessToken", FakeX.ACCESS_TOKEN, "userId", FakeX.USER_ID, "username", "mira_sings"),
				Map.of("timeoutMillis", "1000"), "mira");
	}
}
