package dev.troupe.publishing.platform.bluesky;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.InsightsRateLimited;
import dev.troupe.publishing.spi.PlatformInsights.PublishedPost;
import dev.troupe.publishing.spi.PublishOutcome;
import dev.troupe.publishing.spi.PublishRequest;
import tools.jackson.databind.json.JsonMapper;

class BlueskyInsightsTests {

	private final FakeBluesky fake;
	private final FakeBluesky appView;
	private final BlueskyPlatform platform;

	BlueskyInsightsTests() throws Exception {
		fake = new FakeBluesky();
		appView = new FakeBluesky();
		platform = new BlueskyPlatform(JsonMapper.builder().build(), fake.baseUrl().toString());
	}

	@AfterEach
	void stop() {
		fake.close();
		appView.close();
	}

	private ChannelContext channel(Map<String, String> settings) {
		var all = new HashMap<>(Map.of("timeoutMillis", "2000"));
		all.putAll(settings);
		return new ChannelContext(UUID.randomUUID(), "bluesky", fake.baseUrl(),
				Map.of("identifier", FakeBluesky.HANDLE, "appPassword", FakeBluesky.APP_PASSWORD), all, "mira");
	}

	private PublishedPost publish(String text) {
		var outcome = (PublishOutcome.Published) platform.publish(new PublishRequest(UUID.randomUUID(),
				"troupe-" + UUID.randomUUID(), text, List.of(), Map.of(), Instant.now(), Map.of()), channel(Map.of()));
		return new PublishedPost(outcome.remoteId(), outcome.url(), Instant.now());
	}

	private static String rkey(PublishedPost post) {
		return post.remoteId().substring(post.remoteId().lastIndexOf('/') + 1);
	}

	@Test
	void readsPostCountsFromTheAppViewInBatchesOf25() throws Exception {
		var posts = new ArrayList<PublishedPost>();
		for (int i = 0; i < 30; i++) {
			posts.add(publish("post " + i));
		}
		fake.engage(rkey(posts.get(0)), 9, 2, 3, 1).engage(rkey(posts.get(29)), 1, 0, 0, 0);

		var metrics = platform.publicationMetrics(posts, channel(Map.of()));

		assertThat(metrics).hasSize(30);
		assertThat(metrics.get(posts.get(0).remoteId())).containsExactlyInAnyOrderEntriesOf(
				Map.of("likeCount", 9L, "repostCount", 2L, "replyCount", 3L, "quoteCount", 1L));
		assertThat(metrics.get(posts.get(29).remoteId())).containsEntry("likeCount", 1L);
		assertThat(fake.getPostsBatches()).containsExactly(25, 5);
	}

	@Test
	void aPostTheAppViewDoesNotKnowIsLeftOut() throws Exception {
		var kept = publish("kept");
		var gone = new PublishedPost("at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3jzfcijpj2z2a", null,
				Instant.now());
		assertThat(platform.publicationMetrics(List.of(kept, gone), channel(Map.of()))).containsOnlyKeys(kept.remoteId());
	}

	@Test
	void theProfileGivesTheFollowersWithoutASession() throws Exception {
		fake.followers(345);
		assertThat(platform.accountMetrics(channel(Map.of()))).containsEntry("followersCount", 345L)
			.containsEntry("followsCount", 3L).containsKey("postsCount");
		assertThat(fake.calls()).doesNotContain("com.atproto.server.createSession");
	}

	@Test
	void aChannelMayNameItsOwnAppView() throws Exception {
		appView.followers(7);
		var counts = platform.accountMetrics(channel(Map.of("appViewUrl", appView.baseUrl().toString())));
		assertThat(counts).containsEntry("followersCount", 7L);
		assertThat(appView.calls()).containsExactly("app.bsky.actor.getProfile");
		assertThat(fake.calls()).isEmpty();
	}

	@Test
	void aRateLimitSaysUntilWhen() {
		fake.rateLimitNextRead(90);
		assertThatThrownBy(() -> platform.accountMetrics(channel(Map.of())))
			.isInstanceOfSatisfying(InsightsRateLimited.class,
					e -> assertThat(e.until()).isAfter(Instant.now().plusSeconds(60)));
	}
}
