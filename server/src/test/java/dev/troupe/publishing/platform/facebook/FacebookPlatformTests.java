package dev.troupe.publishing.platform.facebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.FakePublicMedia;
import dev.troupe.publishing.spi.GeneratedVideo;
import dev.troupe.publishing.spi.OAuthApp;
import dev.troupe.publishing.spi.PlatformFake;
import dev.troupe.publishing.spi.PublishOutcome;
import dev.troupe.publishing.spi.PublishRequest;
import dev.troupe.publishing.spi.SocialPlatform;
import dev.troupe.publishing.spi.SocialPlatformContractTests;

class FacebookPlatformTests extends SocialPlatformContractTests {

	private final FakePublicMedia links = newLinks();
	private final FacebookPlatform platform = new FacebookPlatform("v25.0", links, links);

	@AfterEach
	void closeLinks() {
		links.close();
	}

	@Override
	protected SocialPlatform platform() {
		return platform;
	}

	@Override
	protected PlatformFake startFake() throws Exception {
		return new FakeFacebook();
	}

	@Override
	protected ChannelContext channel(PlatformFake fake) {
		return channel(FakeFacebook.PAGE_TOKEN);
	}

	@Override
	protected ChannelContext channelWithBadCredentials(PlatformFake fake) {
		return channel("EAAGrevoked");
	}

	private ChannelContext channel(String token) {
		return new ChannelContext(UUID.randomUUID(), "facebook", fake.baseUrl(),
				Map.of("accessToken", token, "pageId", FakeFacebook.PAGE_ID), Map.of("timeoutMillis", "1000"), "mira");
	}

	private FakeFacebook facebook() {
		return (FakeFacebook) fake;
	}

	private PublishRequest request(String text, List<PublishRequest.Media> media) {
		return new PublishRequest(UUID.randomUUID(), "troupe-" + UUID.randomUUID(), text, media, Map.of(), Instant.now(), Map.of());
	}

	private static PublishRequest.Media jpeg() {
		return new PublishRequest.Media(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9 }, "image/jpeg", "a.jpg",
				null);
	}

	@Test
	void severalPhotosAreUploadedUnpublishedAndAttachedToOnePost() {
		var outcome = platform.publish(request("Three photos https://troupe.example/look", List.of(jpeg(), jpeg(), jpeg())),
				channel(fake));
		assertThat(outcome).isInstanceOf(PublishOutcome.Published.class);
		assertThat(facebook().posts).singleElement().satisfies(p -> assertThat(p.photos()).hasSize(3));
		assertThat(facebook().fetched).hasSize(3);
	}

	private static final byte[] CLIP = { 0, 0, 0, 24, 'f', 't', 'y', 'p', 'm', 'p', '4', '2', 0, 0, 0, 1, 'm', 'o', 'o', 'v' };

	private static PublishRequest.Media clip() {
		return new PublishRequest.Media(CLIP, "video/mp4", "v.mp4", null);
	}

	private ChannelContext reels() {
		return new ChannelContext(UUID.randomUUID(), "facebook", fake.baseUrl(),
				Map.of("accessToken", FakeFacebook.PAGE_TOKEN, "pageId", FakeFacebook.PAGE_ID),
				Map.of("timeoutMillis", "1000", "videoFormat", "reel"), "mira");
	}

	/** The next attempt, as the publishing core makes it: with what the earlier one committed. */
	private PublishRequest retry(PublishRequest first) {
		return new PublishRequest(first.publicationId(), first.idempotencyKey(), first.text(), first.media(), first.options(),
				first.scheduledAt(), links.handle(first.publicationId()));
	}

	@Test
	void aVideoTooLargeToHoldGoesInTheChunksFacebookAsksForReadFromItsSource() {
		facebook().chunkSize(4 * 1024 * 1024);
		var source = new GeneratedVideo(34L * 1024 * 1024 + 9, 4L * 1024 * 1024);
		var video = source.media("long.mp4");
		assertThatThrownBy(video::bytes).isInstanceOf(IllegalStateException.class);

		var outcome = platform.publish(request("A long take", List.of(video)), channel(fake));

		assertThat(outcome).isInstanceOf(PublishOutcome.Published.class);
		assertThat(facebook().videos.values()).singleElement()
			.satisfies(v -> assertThat(GeneratedVideo.sha256(v.bytes.toByteArray())).isEqualTo(source.sha256()));
		assertThat(source.largestRead.get()).as("one chunk at a time").isLessThanOrEqualTo(4L * 1024 * 1024);
	}

	@Test
	void aVideoGoesByResumableUploadInTheChunksFacebookAsksFor() {
		facebook().chunkSize(6);
		var outcome = platform.publish(request("A clip", List.of(clip())), channel(fake));
		assertThat(outcome).isInstanceOf(PublishOutcome.Published.class);
		assertThat(facebook().videos).hasSize(1);
		var video = facebook().videos.values().iterator().next();
		assertThat(video.bytes.toByteArray()).as("every chunk, in order").isEqualTo(CLIP);
		assertThat(facebook().posts).singleElement().satisfies(p -> assertThat(p.message()).isEqualTo("A clip"));
		assertThat(((PublishOutcome.Published) outcome).remoteId()).isEqualTo(video.id);
	}

	@Test
	void aFailedFinishIsRetriedOnTheCommittedVideoNeverANewOne() {
		facebook().failNextFinish(new mockwebserver3.MockResponse.Builder().code(503).setHeader("Content-Type", "text/html")
			.body("<html>Service Unavailable</html>").build());
		var first = request("Finish me", List.of(clip()));
		assertThat(platform.publish(first, channel(fake))).isNotInstanceOf(PublishOutcome.Published.class);
		assertThat(links.handle(first.publicationId())).containsKeys(FacebookVideos.VIDEO_ID, FacebookVideos.UPLOAD_SESSION);
		assertThat(platform.reconcile(retry(first), channel(fake))).as("not published: safe to publish again")
			.isInstanceOf(PublishOutcome.NotPublished.class);
		assertThat(platform.publish(retry(first), channel(fake))).isInstanceOf(PublishOutcome.Published.class);
		assertThat(facebook().videos).as("no second start").hasSize(1);
		assertThat(facebook().posts).hasSize(1);
	}

	@Test
	void aFinishWhoseAnswerWasLostIsFoundFromTheVideosStatus() {
		facebook().finishThenFail();
		var first = request("Lost answer", List.of(clip()));
		assertThat(platform.publish(first, channel(fake))).isNotInstanceOf(PublishOutcome.Published.class);
		assertThat(platform.reconcile(retry(first), channel(fake))).as("the committed video is read, not searched for")
			.isInstanceOf(PublishOutcome.Published.class);
		var again = platform.publish(retry(first), channel(fake));
		assertThat(again).isInstanceOfSatisfying(PublishOutcome.Published.class,
				p -> assertThat(p.remoteId()).isEqualTo(links.handle(first.publicationId()).get(FacebookVideos.VIDEO_ID)));
		assertThat(facebook().videos).hasSize(1);
		assertThat(facebook().posts).as("exactly one video on the Page").hasSize(1);
	}

	@Test
	void aReelIsStartedUploadedToTheUploadHostAndFinishedOnce() {
		var first = request("A reel", List.of(clip()));
		facebook().finishThenFail();
		assertThat(platform.publish(first, reels())).isNotInstanceOf(PublishOutcome.Published.class);
		assertThat(links.handle(first.publicationId())).containsKeys(FacebookVideos.VIDEO_ID, FacebookVideos.UPLOAD_URL);
		var again = platform.publish(retry(first), reels());
		assertThat(again).isInstanceOfSatisfying(PublishOutcome.Published.class,
				p -> assertThat(p.url()).contains("/reel/"));
		assertThat(facebook().videos.values()).singleElement().satisfies(v -> {
			assertThat(v.reel).isTrue();
			assertThat(v.bytes.toByteArray()).isEqualTo(CLIP);
		});
		assertThat(facebook().posts).hasSize(1);
	}

	@Test
	void anUnknownOutcomeIsReconciledFromThePagesRecentPosts() {
		fake.hangNext();
		var request = request("Hello Page " + UUID.randomUUID(), List.of());
		assertThat(platform.publish(request, channel(fake))).isInstanceOf(PublishOutcome.OutcomeUnknown.class);
		assertThat(platform.reconcile(request, channel(fake))).isInstanceOfSatisfying(PublishOutcome.Published.class,
				p -> assertThat(p.remoteId()).isEqualTo(facebook().posts.get(0).id()));
		assertThat(platform.reconcile(request("Never sent", List.of()), channel(fake)))
			.as("not found: a person decides").isInstanceOf(PublishOutcome.OutcomeUnknown.class);
		assertThat(fake.postsCreated()).isEqualTo(1);
	}

	@Test
	void facebookLoginListsThePagesWithTheirPageTokens() throws Exception {
		var login = new FacebookLogin("v25.0");
		var app = new OAuthApp("facebook", FakeFacebook.CLIENT_ID, FakeFacebook.CLIENT_SECRET, login.defaultScopes(),
				fake.baseUrl().resolve("/v25.0/dialog/oauth"), fake.baseUrl().resolve("/v25.0/oauth/access_token"), fake.baseUrl());
		var redirect = URI.create("https://troupe.example/oauth/callback/facebook");
		var consent = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.authorizeUrl() + "?client_id="
				+ FakeFacebook.CLIENT_ID + "&redirect_uri=" + redirect + "&state=s1")).build(), BodyHandlers.discarding());
		var code = consent.headers().firstValue("Location").orElseThrow().replaceAll(".*code=([^&#]+).*", "$1");
		var accounts = login.accounts(app, login.exchange(app, code, redirect, null));
		assertThat(accounts).as("only Pages the person can post to").singleElement().satisfies(a -> {
			assertThat(a.id()).isEqualTo(FakeFacebook.PAGE_ID);
			assertThat(a.grant().credential("accessToken")).isEqualTo(FakeFacebook.PAGE_TOKEN);
			assertThat(a.grant().expiresAt()).as("Page tokens do not expire").isNull();
		});
	}

	private static FakePublicMedia newLinks() {
		try {
			return new FakePublicMedia();
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}
}
