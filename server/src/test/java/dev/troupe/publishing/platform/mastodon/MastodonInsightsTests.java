package dev.troupe.publishing.platform.mastodon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.InsightsRateLimited;
import dev.troupe.publishing.spi.PlatformException;
import dev.troupe.publishing.spi.PlatformInsights.PublishedPost;
import dev.troupe.publishing.spi.PublishOutcome;
import dev.troupe.publishing.spi.PublishRequest;
import tools.jackson.databind.json.JsonMapper;

class MastodonInsightsTests {

	private final MastodonPlatform platform = new MastodonPlatform(JsonMapper.builder().build());
	private final FakeMastodon fake;

	MastodonInsightsTests() throws Exception {
		fake = new FakeMastodon();
	}

	@AfterEach
	void stop() {
		fake.close();
	}

	private ChannelContext channel(String token) {
		return new ChannelContext(UUID.randomUUID(), "mastodon", fake.baseUrl(), Map.of("accessToken", token),
				Map.of("timeoutMillis", "2000"), "mira");
	}

	private PublishedPost publish(String text) {
		var outcome = platform.publish(new PublishRequest(UUID.randomUUID(), "troupe-" + UUID.randomUUID(), text,
				List.of(), Map.of(), Instant.now(), Map.of()), channel(FakeMastodon.TOKEN));
		var published = (PublishOutcome.Published) outcome;
		return new PublishedPost(published.remoteId(), published.url(), Instant.now());
	}

	@Test
	void readsEachStatusCountsUnderMastodonsOwnNames() throws Exception {
		var first = publish("first");
		var second = publish("second");
		fake.engage(first.remoteId(), 7, 2, 1, 3L).engage(second.remoteId(), 4, 0, 5, null);

		var metrics = platform.publicationMetrics(List.of(first, second), channel(FakeMastodon.TOKEN));

		assertThat(metrics.get(first.remoteId())).containsExactlyInAnyOrderEntriesOf(
				Map.of("favourites_count", 7L, "reblogs_count", 2L, "replies_count", 1L, "quotes_count", 3L));
		assertThat(metrics.get(second.remoteId())).as("no quotes_count on a server without quote posts: none invented")
			.containsExactlyInAnyOrderEntriesOf(Map.of("favourites_count", 4L, "reblogs_count", 0L, "replies_count", 5L));
	}

	@Test
	void aDeletedStatusIsLeftOut() throws Exception {
		var kept = publish("kept");
		var gone = new PublishedPost("999999", null, Instant.now());
		var metrics = platform.publicationMetrics(List.of(kept, gone), channel(FakeMastodon.TOKEN));
		assertThat(metrics).containsOnlyKeys(kept.remoteId());
	}

	@Test
	void accountCountsComeFromVerifyCredentials() throws Exception {
		publish("one");
		fake.followers(120);
		assertThat(platform.accountMetrics(channel(FakeMastodon.TOKEN))).containsExactlyInAnyOrderEntriesOf(
				Map.of("followers_count", 120L, "following_count", 3L, "statuses_count", 1L));
	}

	@Test
	void aRateLimitSaysUntilWhen() {
		fake.rateLimitNextRead(120);
		assertThatThrownBy(() -> platform.accountMetrics(channel(FakeMastodon.TOKEN)))
			.isInstanceOfSatisfying(InsightsRateLimited.class,
					e -> assertThat(e.until()).isAfter(Instant.now().plusSeconds(100)));
	}

	@Test
	void aRevokedTokenIsReportedAsRevoked() {
		assertThatThrownBy(() -> platform.accountMetrics(channel("revoked-token")))
			.isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.revoked()).isTrue());
	}

	@Test
	void theDescriptorDeclaresWhatIsReported() {
		var metrics = platform.descriptor().metrics();
		assertThat(metrics.publication()).extracting(m -> m.name()).containsExactly("favourites_count", "reblogs_count",
				"replies_count", "quotes_count");
		assertThat(metrics.account()).anySatisfy(m -> {
			assertThat(m.name()).isEqualTo("followers_count");
			assertThat(m.common()).isEqualTo("followers");
		});
	}
}
