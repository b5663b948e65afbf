package dev.troupe.publishing.platform.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.springframework.beans.factory.annotation.Autowired;

import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.PlatformFake;
import dev.troupe.publishing.spi.PublishRequest;
import dev.troupe.publishing.spi.SocialPlatform;
import dev.troupe.publishing.spi.SocialPlatformContractTests;
import dev.troupe.support.IntegrationTest;

/**
 * The Feed adapter against the contract every platform keeps. The Feed lives inside Troupe, so it runs in the
 * application (its items belong to real publications) and the network cases of the contract do not apply.
 */
class FeedPlatformIntegrationTests extends IntegrationTest {

	@Autowired
	FeedPlatform feed;

	private String handle;
	private String characterId;
	private String channelId;

	@BeforeEach
	void characterWithAFeedChannel() {
		var character = owner.post("/api/v1/characters", Map.of("name", "Feedy " + UUID.randomUUID().toString()
			.substring(0, 8), "timeZone", "Europe/Lisbon")).json();
		handle = character.get("handle").asString();
		characterId = character.get("id").asString();
		channelId = owner.post("/api/v1/channels", Map.of("characterId", characterId, "platform", "feed", "name",
				"Feed")).json().get("id").asString();
	}

	@Nested
	class Contract extends SocialPlatformContractTests {

		@Override
		protected SocialPlatform platform() {
			return feed;
		}

		@Override
		protected PlatformFake startFake() {
			return new FeedReader();
		}

		@Override
		protected ChannelContext channel(PlatformFake fake) {
			return new ChannelContext(UUID.fromString(channelId), "feed", null, Map.of(), Map.of(), handle);
		}

		@Override
		protected ChannelContext channelWithBadCredentials(PlatformFake fake) {
			return channel(fake); // the Feed has no credentials
		}

		/** A real publication far in the future, which the adapter is asked to publish now. */
		@Override
		protected PublishRequest request(String text) {
			var editor = as("EDITOR");
			var postId = editor.post("/api/v1/posts", Map.of("characterId", characterId, "caption", text, "channelIds",
					List.of(channelId))).json().get("id").asString();
			editor.post("/api/v1/posts/" + postId + "/submit", Map.of());
			as("REVIEWER").post("/api/v1/posts/" + postId + "/approve", Map.of());
			var at = LocalDateTime.ofInstant(Instant.now().plus(300, ChronoUnit.DAYS), ZoneId.of("Europe/Lisbon"))
				.truncatedTo(ChronoUnit.MINUTES);
			var scheduled = editor.post("/api/v1/posts/" + postId + "/schedule", Map.of("at", at.toString()));
			assertThat(scheduled.status()).as(scheduled.toString()).isEqualTo(200);
			var publication = owner.get("/api/v1/publications?postId=" + postId).json().get(0).get("id").asString();
			return new PublishRequest(UUID.fromString(publication), "troupe-" + publication, text, List.of(), Map.of(),
					Instant.now(), Map.of());
		}
	}

	/** What the Feed "server" shows: the items of the character's public feed. */
	class FeedReader implements PlatformFake {

		@Override
		public URI baseUrl() {
			return null;
		}

		@Override
		public void rateLimitNext(int seconds) {
		}

		@Override
		public void failNextWith(int status) {
		}

		@Override
		public void hangNext() {
		}

		@Override
		public int postsCreated() {
			return anonymous.get("/feeds/" + handle + "/feed.json").json().path("items").size();
		}

		@Override
		public boolean remote() {
			return false;
		}

		@Override
		public void close() {
		}
	}
}
