package dev.troupe.publishing.platform.instagram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.FakePublicMedia;
import dev.troupe.publishing.spi.OAuthApp;
import dev.troupe.publishing.spi.PlatformException;
import dev.troupe.publishing.spi.PlatformFake;
import dev.troupe.publishing.spi.PostDraft;
import dev.troupe.publishing.spi.PublishOutcome;
import dev.troupe.publishing.spi.PublishRequest;
import dev.troupe.publishing.spi.SocialPlatform;
import dev.troupe.publishing.spi.SocialPlatformContractTests;
import dev.troupe.publishing.spi.Violation;

class InstagramPlatformTests extends SocialPlatformContractTests {

	private final FakePublicMedia links = newLinks();
	private final InstagramPlatform platform = new InstagramPlatform("v25.0", links, links);

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
		return new FakeInstagram();
	}

	@Override
	protected ChannelContext channel(PlatformFake fake) {
		return channel(FakeInstagram.validToken(), Map.of());
	}

	@Override
	protected ChannelContext channelWithBadCredentials(PlatformFake fake) {
		return channel("IGAArevoked", Map.of());
	}

	/** Instagram posts need media: the contract's requests carry one JPEG. */
	@Override
	protected PublishRequest request(String text) {
		return request(text, List.of(jpeg(1080, 1350, null)));
	}

	private PublishRequest request(String text, List<PublishRequest.Media> media) {
		return new PublishRequest(UUID.randomUUID(), "troupe-" + UUID.randomUUID(), text, media, Map.of(), Instant.now(), Map.of());
	}

	private PublishRequest again(PublishRequest request) {
		return new PublishRequest(request.publicationId(), request.idempotencyKey(), request.text(), request.media(),
				request.options(), request.scheduledAt(), links.handle(request.publicationId()));
	}

	private ChannelContext channel(String token, Map<String, String> settings) {
		var all = new java.util.HashMap<>(Map.of("timeoutMillis", "1000", "pollMillis", "50"));
		all.putAll(settings);
		return new ChannelContext(UUID.randomUUID(), "instagram", fake.baseUrl(),
				Map.of("accessToken", token, "userId", FakeInstagram.USER_ID), all, "mira");
	}

	private FakeInstagram instagram() {
		return (FakeInstagram) fake;
	}

	@Test
	void aCarouselWithAltTextIsFetchedThroughPublicLinksAndPublishedOnce() {
		var request = request("Three looks", List.of(jpeg(1080, 1350, "a red coat"), jpeg(1080, 1080, "a blue hat"),
				jpeg(1080, 566, "boots")));
		var outcome = platform.publish(request, channel(fake));

		assertThat(outcome).isInstanceOfSatisfying(PublishOutcome.Published.class,
				p -> assertThat(p.url()).startsWith("https://www.instagram.com/p/"));
		assertThat(instagram().media).singleElement().satisfies(m -> {
			assertThat(m.kind()).isEqualTo("CAROUSEL");
			assertThat(m.items()).isEqualTo(3);
			assertThat(m.caption()).isEqualTo("Three looks");
		});
		assertThat(instagram().fetched).hasSize(3).allMatch(url -> url.contains("/public-media/"));
		var container = links.handle(request.publicationId()).get(InstagramPlatform.CONTAINER);
		assertThat(instagram().container(container).children()).hasSize(3)
			.allSatisfy(child -> assertThat(instagram().container(child).altText()).isNotBlank());
	}

	@Test
	void aReelWaitsUntilTheContainerIsFinished() {
		instagram().videoPolls(3);
		var outcome = platform.publish(request("A reel", List.of(video())), channel(fake));
		assertThat(outcome).isInstanceOf(PublishOutcome.Published.class);
		assertThat(instagram().media).singleElement().satisfies(m -> assertThat(m.kind()).isEqualTo("REELS"));
	}

	@Test
	void aSlowVideoBecomesPendingWithItsContainerAndIsPublishedWhenReconciled() {
		instagram().videoPolls(1_000);
		var request = request("A long reel", List.of(video()));
		var outcome = platform.publish(request, channel(fake));
		assertThat(outcome).isInstanceOfSatisfying(PublishOutcome.Pending.class,
				p -> assertThat(p.handle()).containsKey(InstagramPlatform.CONTAINER));
		instagram().videoPolls(0);
		instagram().container(links.handle(request.publicationId()).get(InstagramPlatform.CONTAINER)).pollsLeft()[0] = 0;
		assertThat(platform.reconcile(again(request), channel(fake))).isInstanceOf(PublishOutcome.Published.class);
		assertThat(instagram().containers()).isEqualTo(1);
		assertThat(fake.postsCreated()).isEqualTo(1);
	}

	@Test
	void aReelTakesAnImageAsItsCover() {
		var outcome = platform.publish(request("A reel with a cover", List.of(video(), jpeg(1080, 1920, null))),
				channel(FakeInstagram.validToken(), Map.of("format", "reel")));
		assertThat(outcome).isInstanceOf(PublishOutcome.Published.class);
		assertThat(instagram().media).singleElement().satisfies(m -> assertThat(m.kind()).isEqualTo("REELS"));
		assertThat(instagram().fetched).as("the video and its cover").hasSize(2);
		var reel = channel(FakeInstagram.validToken(), Map.of("format", "reel"));
		var imageOnly = new PostDraft("no video", List.of(new PostDraft.MediaInfo("image/jpeg", 1000, 1080, 1920, null)));
		assertThat(platform.validate(imageOnly, reel)).extracting(Violation::field).contains("media");
	}

	@Test
	void aStoryIsAStoriesContainer() {
		var outcome = platform.publish(request("", List.of(jpeg(1080, 1920, null))), channel(FakeInstagram.validToken(),
				Map.of("format", "story")));
		assertThat(outcome).isInstanceOf(PublishOutcome.Published.class);
		assertThat(instagram().media).singleElement().satisfies(m -> assertThat(m.kind()).isEqualTo("STORIES"));
	}

	@Test
	void aUsedUpPublishingQuotaHoldsThePostWithoutCreatingAContainer() {
		instagram().quota(100, 100);
		var outcome = platform.publish(request("over quota"), channel(fake));
		assertThat(outcome).isInstanceOfSatisfying(PublishOutcome.RateLimited.class, r -> {
			assertThat(r.reason()).contains("publishing limit is used up (100 posts in 24 h)");
			assertThat(r.until()).isAfter(Instant.now().plusSeconds(600));
			assertThat(r.platformWide()).isFalse();
		});
		assertThat(instagram().containers()).isZero();
	}

	@Test
	void theContainerIsCommittedBeforeMediaPublishAndAnUnknownOutcomeIsReconciledFromIt() {
		fake.hangNext();
		var request = request("lost answer");
		assertThat(platform.publish(request, channel(fake))).isInstanceOf(PublishOutcome.OutcomeUnknown.class);
		assertThat(links.handle(request.publicationId())).containsKey(InstagramPlatform.CONTAINER);
		assertThat(fake.postsCreated()).isEqualTo(1);

		var reconciled = platform.reconcile(again(request), channel(fake));
		assertThat(reconciled).isInstanceOfSatisfying(PublishOutcome.Published.class,
				p -> assertThat(p.remoteId()).isEqualTo(instagram().media.get(0).id()));
		assertThat(fake.postsCreated()).isEqualTo(1);
		assertThat(instagram().containers()).isEqualTo(1);
	}

	@Test
	void aRetryAfterAServerErrorReusesTheContainer() {
		fake.failNextWith(503);
		var request = request("second try");
		assertThat(platform.publish(request, channel(fake))).isInstanceOf(PublishOutcome.Transient.class);
		assertThat(platform.publish(again(request), channel(fake))).isInstanceOf(PublishOutcome.Published.class);
		assertThat(instagram().containers()).as("never a second container").isEqualTo(1);
		assertThat(fake.postsCreated()).isEqualTo(1);
	}

	@Test
	void withoutAContainerReconcilingSaysNotPublished() {
		assertThat(platform.reconcile(request("never sent"), channel(fake))).isInstanceOf(PublishOutcome.NotPublished.class);
	}

	@Test
	void theAppsLimitHoldsEveryChannelOfTheAppAndAMediaErrorFailsInPlainWords() {
		instagram().failNextPublish(400, "{\"error\":{\"message\":\"(#4) Application request limit reached\","
				+ "\"type\":\"OAuthException\",\"is_transient\":true,\"code\":4,\"fbtrace_id\":\"A1\"}}");
		assertThat(platform.publish(request("app throttled"), channel(fake))).isInstanceOfSatisfying(
				PublishOutcome.RateLimited.class, r -> assertThat(r.platformWide()).isTrue());

		links.close(); // Meta cannot fetch the media
		assertThat(platform.publish(request("unreachable"), channel(fake))).isInstanceOfSatisfying(
				PublishOutcome.ContentRejected.class,
				r -> assertThat(r.reason()).contains("The media could not be fetched from this URI"));
	}

	@Test
	void feedImagesOutsideFourFifthsToOnePointNineOneAreRefusedAtSubmit() {
		var draft = new PostDraft("wide", List.of(new PostDraft.MediaInfo("image/jpeg", 1000, 2000, 800, null)));
		assertThat(platform.validate(draft, channel(fake))).extracting(Violation::field).contains("media[0]");
		var story = channel(FakeInstagram.validToken(), Map.of("format", "story"));
		assertThat(platform.validate(draft, story)).extracting(Violation::field).doesNotContain("media[0]");
		assertThat(platform.validate(new PostDraft("text only", List.of()), channel(fake))).extracting(Violation::field)
			.contains("media");
		var png = new PostDraft("a PNG is re-encoded to JPEG", List.of(new PostDraft.MediaInfo("image/png", 1000, 1000, 1000, null)));
		assertThat(platform.validate(png, channel(fake))).isEmpty();
		var gif = new PostDraft("audio is not", List.of(new PostDraft.MediaInfo("audio/mpeg", 1000, null, null, null)));
		assertThat(platform.validate(gif, channel(fake))).extracting(Violation::field).contains("media[0]");
	}

	@Test
	void instagramLoginExchangesTheCodeForALongLivedTokenAndRefreshesIt() throws Exception {
		var login = new InstagramLogin("v25.0");
		var app = new OAuthApp("instagram", FakeInstagram.CLIENT_ID, FakeInstagram.CLIENT_SECRET, login.defaultScopes(),
				fake.baseUrl().resolve("/oauth/authorize"), fake.baseUrl().resolve("/oauth/access_token"), fake.baseUrl());
		var redirect = URI.create("https://troupe.example/oauth/callback/instagram");
		var consent = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.authorizeUrl() + "?client_id="
				+ FakeInstagram.CLIENT_ID + "&redirect_uri=" + redirect + "&response_type=code&state=s1")).build(),
				BodyHandlers.discarding());
		var location = consent.headers().firstValue("Location").orElseThrow();
		var code = location.replaceAll(".*code=([^&#]+).*", "$1") + "#_";

		var grant = login.exchange(app, code, redirect, null);
		assertThat(grant.credential("accessToken")).isEqualTo(FakeInstagram.validToken());
		assertThat(grant.expiresAt()).isAfter(Instant.now().plusSeconds(59L * 24 * 3600));
		var accounts = login.accounts(app, grant);
		assertThat(accounts).singleElement().satisfies(a -> {
			assertThat(a.id()).isEqualTo(FakeInstagram.USER_ID);
			assertThat(a.handle()).isEqualTo("@mira.studio");
			assertThat(a.grant().credential("userId")).isEqualTo(FakeInstagram.USER_ID);
		});
		assertThatThrownBy(() -> login.exchange(app, code, redirect, null)).as("a code is used once")
			.isInstanceOf(PlatformException.class).hasMessageContaining("Invalid authorization code");

		var refreshed = login.refresh(app, channel(fake));
		assertThat(refreshed.credential("accessToken")).startsWith("IGAArefreshed");
		instagram().refuseRefresh(true);
		assertThatThrownBy(() -> login.refresh(app, channel(fake))).isInstanceOfSatisfying(PlatformException.class,
				e -> assertThat(e.revoked()).isTrue());
	}

	static PublishRequest.Media jpeg(int width, int height, String altText) {
		var image = new BufferedImage(width / 10, height / 10, BufferedImage.TYPE_INT_RGB);
		var out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "jpg", out);
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		return new PublishRequest.Media(out.toByteArray(), "image/jpeg", "look.jpg", altText);
	}

	static PublishRequest.Media video() {
		var bytes = new byte[] { 0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0, 'i', 's', 'o', 'm', 'm', 'p', '4', '1' };
		return new PublishRequest.Media(bytes, "video/mp4", "reel.mp4", null);
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
