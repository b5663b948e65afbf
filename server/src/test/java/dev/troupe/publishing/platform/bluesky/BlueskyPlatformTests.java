package dev.troupe.publishing.platform.bluesky;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.PlatformFake;
import dev.troupe.publishing.spi.PostDraft;
import dev.troupe.publishing.spi.PublishOutcome;
import dev.troupe.publishing.spi.PublishRequest;
import dev.troupe.publishing.spi.SocialPlatform;
import dev.troupe.publishing.spi.SocialPlatformContractTests;
import dev.troupe.publishing.spi.TextCounting;
import dev.troupe.publishing.spi.Violation;
import tools.jackson.databind.json.JsonMapper;

class BlueskyPlatformTests extends SocialPlatformContractTests {

	private final BlueskyPlatform platform = new BlueskyPlatform(JsonMapper.builder().build());
	private final UUID channelId = UUID.randomUUID();

	@Override
	protected SocialPlatform platform() {
		return platform;
	}

	@Override
	protected PlatformFake startFake() throws Exception {
		return new FakeBluesky();
	}

	@Override
	protected ChannelContext channel(PlatformFake fake) {
		return new ChannelContext(channelId, "bluesky", fake.baseUrl(),
				Map.of("identifier", FakeBluesky.HANDLE, "appPassword", FakeBluesky.APP_PASSWORD),
				Map.of("timeoutMillis", "1000", "langs", "en, fr"), "mira");
	}

	@Override
	protected ChannelContext channelWithBadCredentials(PlatformFake fake) {
		return new ChannelContext(UUID.randomUUID(), "bluesky", fake.baseUrl(),
				Map.of("identifier", FakeBluesky.HANDLE, "appPassword", "wrong-pass-word-0000"), Map.of(), "mira");
	}

	private FakeBluesky bluesky() {
		return (FakeBluesky) fake;
	}

	@Test
	void theRecordKeyIsAValidTidDerivedFromThePublication() {
		var at = Instant.parse("2026-09-01T08:30:00Z");
		var rkey = RecordKey.derive("troupe-abc", at);

		assertThat(rkey).hasSize(13).matches("[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}");
		assertThat(RecordKey.isValid(rkey)).isTrue();
		assertThat(RecordKey.derive("troupe-abc", at)).isEqualTo(rkey);
		assertThat(RecordKey.derive("troupe-abd", at)).isNotEqualTo(rkey);
		// keys sort by time, like the app's own
		assertThat(RecordKey.derive("troupe-abc", at.plusSeconds(1))).isGreaterThan(rkey);
	}

	@Test
	void reconcileAfterATimeoutFindsThePostAndARepeatDoesNotDuplicateIt() {
		var request = request("into the void, once");
		fake.hangNext();
		assertThat(platform.publish(request, channel(fake))).isInstanceOf(PublishOutcome.OutcomeUnknown.class);
		var rkey = RecordKey.derive(request.idempotencyKey(), request.scheduledAt());
		var uri = "at://" + FakeBluesky.DID + "/app.bsky.feed.post/" + rkey;

		assertThat(platform.reconcile(request, channel(fake))).isInstanceOfSatisfying(PublishOutcome.Published.class,
				p -> {
					assertThat(p.remoteId()).isEqualTo(uri);
					assertThat(p.url()).isEqualTo("https://bsky.app/profile/mira.bsky.social/post/" + rkey);
				});
		assertThat(platform.publish(request, channel(fake))).isInstanceOfSatisfying(PublishOutcome.Published.class,
				p -> assertThat(p.remoteId()).isEqualTo(uri));
		assertThat(fake.postsCreated()).isEqualTo(1);
	}

	@Test
	void reconcileOfAPostThatNeverArrivedIsNotPublished() {
		assertThat(platform.reconcile(request("never sent"), channel(fake)))
			.isInstanceOf(PublishOutcome.NotPublished.class);
	}

	@Test
	void aServerErrorWithNothingStoredIsTransient() {
		fake.failNextWith(503);
		assertThat(platform.publish(request("try later"), channel(fake))).isInstanceOf(PublishOutcome.Transient.class);
		assertThat(fake.postsCreated()).isZero();
	}

	@Test
	void countsGraphemesNotCodePoints() {
		assertThat(TextCounting.GRAPHEMES.count("👩‍👩‍👧", -1)).isEqualTo(1);
		assertThat(TextCounting.GRAPHEMES.count("🇫🇷e\u0301", -1)).isEqualTo(2);
		// 300 graphemes in 2850 bytes: within both of Bluesky's limits, though 1350 code points
		var family = "👩‍👩‍👧".repeat(150) + "x".repeat(150);
		assertThat(platform.validate(new PostDraft(family, List.of()), channel(fake))).isEmpty();
		assertThat(platform.validate(new PostDraft(family + "!", List.of()), channel(fake)))
			.extracting(Violation::field).containsExactly("text");
	}

	@Test
	void facetsPointAtUtf8Bytes() {
		var text = "Café 🎨 #painting at https://example.com/a?b=1.";
		var facets = PostText.facets(text);

		var tag = facets.stream().filter(f -> f.kind().equals("tag")).findFirst().orElseThrow();
		var link = facets.stream().filter(f -> f.kind().equals("link")).findFirst().orElseThrow();
		var bytes = text.getBytes(StandardCharsets.UTF_8);
		assertThat(tag.value()).isEqualTo("painting");
		assertThat(new String(bytes, tag.byteStart(), tag.byteEnd() - tag.byteStart(), StandardCharsets.UTF_8))
			.isEqualTo("#painting");
		assertThat(tag.byteStart()).isEqualTo(11); // "Café " = 6 bytes, "🎨 " = 5 bytes
		assertThat(link.value()).isEqualTo("https://example.com/a?b=1");
		assertThat(new String(bytes, link.byteStart(), link.byteEnd() - link.byteStart(), StandardCharsets.UTF_8))
			.isEqualTo("https://example.com/a?b=1");
	}

	@Test
	void theRecordCarriesFacetsLanguagesAndTheScheduledTime() {
		var request = new PublishRequest(UUID.randomUUID(), "troupe-" + UUID.randomUUID(), "Été #plage",
				List.of(), Map.of(), Instant.parse("2026-09-01T08:30:00Z"), Map.of());
		platform.publish(request, channel(fake));

		var record = bluesky().record(RecordKey.derive(request.idempotencyKey(), request.scheduledAt()));
		assertThat(record.path("$type").asString()).isEqualTo("app.bsky.feed.post");
		assertThat(record.path("createdAt").asString()).isEqualTo("2026-09-01T08:30:00Z");
		assertThat(record.path("langs").toString()).isEqualTo("[\"en\",\"fr\"]");
		var facet = record.path("facets").path(0);
		assertThat(facet.path("index").path("byteStart").asInt()).isEqualTo(6); // "Été " is 6 bytes
		assertThat(facet.path("index").path("byteEnd").asInt()).isEqualTo(12);
		assertThat(facet.path("features").path(0).path("tag").asString()).isEqualTo("plage");
	}

	@Test
	void anExpiredTokenIsRefreshedAndThePostGoesThrough() {
		assertThat(platform.publish(request("first"), channel(fake))).isInstanceOf(PublishOutcome.Published.class);
		bluesky().expireAccessTokens();

		assertThat(platform.publish(request("second"), channel(fake))).isInstanceOf(PublishOutcome.Published.class);

		assertThat(fake.postsCreated()).isEqualTo(2);
		assertThat(bluesky().calls()).containsSubsequence("com.atproto.repo.createRecord",
				"com.atproto.server.refreshSession", "com.atproto.repo.createRecord");
		assertThat(bluesky().calls()).filteredOn("com.atproto.server.createSession"::equals).hasSize(1);
	}

	@Test
	void uploadsImagesAndEmbedsThemWithAltText() {
		var png = new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
		var image = new PublishRequest.Media(png, "image/png", "mira.png", "Mira waving at the sea");
		var request = new PublishRequest(UUID.randomUUID(), "troupe-" + UUID.randomUUID(), "A picture", List.of(image),
				Map.of(), Instant.now(), Map.of());

		assertThat(platform.publish(request, channel(fake))).isInstanceOf(PublishOutcome.Published.class);

		assertThat(bluesky().blobs().values()).singleElement().isEqualTo(png);
		var record = bluesky().record(RecordKey.derive(request.idempotencyKey(), request.scheduledAt()));
		var embed = record.path("embed");
		assertThat(embed.path("$type").asString()).isEqualTo("app.bsky.embed.images");
		assertThat(embed.path("images").path(0).path("alt").asString()).isEqualTo("Mira waving at the sea");
		var blob = embed.path("images").path(0).path("image");
		assertThat(blob.path("$type").asString()).isEqualTo("blob");
		assertThat(blob.path("mimeType").asString()).isEqualTo("image/png");
		assertThat(blob.path("size").asInt()).isEqualTo(png.length);
		assertThat(blob.path("ref").path("$link").asString()).isEqualTo(bluesky().blobs().keySet().iterator().next());
	}

	@Test
	void rejectedContentIsReportedAsSuch() {
		fake.failNextWith(400);
		assertThat(platform.publish(request("bad record"), channel(fake)))
			.isInstanceOf(PublishOutcome.ContentRejected.class);
	}

	@Test
	void verifyShowsTheProfile() throws Exception {
		var account = platform.verify(channel(fake));
		assertThat(account.name()).isEqualTo("Mira ✨");
		assertThat(account.handle()).isEqualTo("@mira.bsky.social");
		assertThat(account.profileUrl()).isEqualTo("https://bsky.app/profile/mira.bsky.social");
	}
}
