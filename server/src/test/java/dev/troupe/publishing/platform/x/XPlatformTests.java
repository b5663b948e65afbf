package dev.troupe.publishing.platform.x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.FakePublicMedia;
import dev.troupe.publishing.spi.GeneratedVideo;
import dev.troupe.publishing.spi.OAuthApp;
import dev.troupe.publishing.spi.PlatformException;
import dev.troupe.publishing.spi.PlatformFake;
import dev.troupe.publishing.spi.PostDraft;
import dev.troupe.publishing.spi.PublishOutcome;
import dev.troupe.publishing.spi.PublishRequest;
import dev.troupe.publishing.spi.SocialPlatform;
import dev.troupe.publishing.spi.SocialPlatformContractTests;
import dev.troupe.publishing.spi.Violation;

class XPlatformTests extends SocialPlatformContractTests {

	private final FakePublicMedia handles = newHandles();
	private final XPlatform platform = new XPlatform(handles);

	@AfterEach
	void closeHandles() {
		handles.close();
	}

	@Override
	protected SocialPlatform platform() {
		return platform;
	}

	@Override
	protected PlatformFake startFake() throws Exception {
		return new FakeX();
	}

	@Override
	protected ChannelContext channel(PlatformFake fake) {
		return channel(FakeX.ACCESS_TOKEN, Map.of());
	}

	@Override
	protected ChannelContext channelWithBadCredentials(PlatformFake fake) {
		return channel("revoked-token", Map.of());
	}

	private ChannelContext channel(String token, Map<String, String> settings) {
		var all = new HashMap<>(Map.of("timeoutMillis", "1000"));
		all.putAll(settings);
		return new ChannelContext(UUID.randomUUID(), "x", fake.baseUrl(),
				Map.of("accessToken", token, "userId", FakeX.USER_ID, "username", "mira_sings"), all, "mira");
	}

	private FakeX x() {
		return (FakeX) fake;
	}

	private PublishRequest request(String text, List<PublishRequest.Media> media) {
		return new PublishRequest(UUID.randomUUID(), "troupe-" + UUID.randomUUID(), text, media, Map.of(), Instant.now(),
				Map.of(PublishRequest.FIRST_ATTEMPT_AT, Instant.now().toString()));
	}

	/** The next attempt, with what the adapter committed, as the runner passes it. */
	private PublishRequest again(PublishRequest request) {
		var state = new HashMap<>(handles.handle(request.publicationId()));
		state.put(PublishRequest.FIRST_ATTEMPT_AT, request.previousState().get(PublishRequest.FIRST_ATTEMPT_AT));
		return new PublishRequest(request.publicationId(), request.idempotencyKey(), request.text(), request.media(),
				request.options(), request.scheduledAt(), state);
	}

	@Test
	void aThreadIsAReplyChainWithTheImagesAndTheirAltTextOnTheFirstPost() {
		var request = request("Morning set list 🎶\n---\nSecond song: https://example.com/a/very/long/link\n---\nLast one",
				List.of(png("stage lights"), png("the crowd")));
		var outcome = platform.publish(request, channel(fake));

		assertThat(outcome).isInstanceOfSatisfying(PublishOutcome.Published.class, p -> {
			assertThat(p.remoteId()).isEqualTo(x().posts.get(0).id());
			assertThat(p.url()).isEqualTo("https://x.com/mira_sings/status/" + p.remoteId());
		});
		assertThat(x().posts).hasSize(3);
		assertThat(x().posts.get(0).mediaIds()).hasSize(2);
		assertThat(x().posts.get(0).inReplyTo()).isNull();
		assertThat(x().posts.get(1).inReplyTo()).isEqualTo(x().posts.get(0).id());
		assertThat(x().posts.get(2).inReplyTo()).isEqualTo(x().posts.get(1).id());
		assertThat(x().posts.get(2).mediaIds()).isEmpty();
		assertThat(x().uploads.values()).extracting(u -> u.altText).containsExactlyInAnyOrder("stage lights", "the crowd");
		assertThat(x().uploads.values()).allSatisfy(u -> assertThat(u.category).isEqualTo("tweet_image"));
	}

	@Test
	void aVideoTooLargeToHoldIsAppendedSegmentBySegmentFromItsSource() {
		var source = new GeneratedVideo(36L * 1024 * 1024 + 3, 4L * 1024 * 1024);
		var video = source.media("long.mp4");
		assertThatThrownBy(video::bytes).isInstanceOf(IllegalStateException.class);

		var outcome = platform.publish(request("A long take", List.of(video)),
				channel(FakeX.ACCESS_TOKEN, Map.of("chunkBytes", String.valueOf(4 * 1024 * 1024))));

		assertThat(outcome).isInstanceOf(PublishOutcome.Published.class);
		assertThat(x().uploads.values()).singleElement().satisfies(u -> {
			assertThat(u.totalBytes).isEqualTo(source.size());
			assertThat(u.segments).hasSize(10);
			assertThat(GeneratedVideo.sha256(u.bytes.toByteArray())).isEqualTo(source.sha256());
		});
		assertThat(source.largestRead.get()).as("one segment at a time").isLessThanOrEqualTo(4L * 1024 * 1024);
	}

	@Test
	void aVideoGoesUpInChunksAndIsPostedOnceProcessingSucceeded() {
		x().videoPolls(2);
		var video = new byte[25];
		new java.util.Random(1).nextBytes(video);
		var outcome = platform.publish(request("A clip", List.of(new PublishRequest.Media(video, "video/mp4", "clip.mp4", null))),
				channel(FakeX.ACCESS_TOKEN, Map.of("chunkBytes", "10")));

		assertThat(outcome).isInstanceOf(PublishOutcome.Published.class);
		assertThat(x().uploads.values()).singleElement().satisfies(u -> {
			assertThat(u.category).isEqualTo("amplify_video");
			assertThat(u.segments).containsExactly(0, 1, 2);
			assertThat(u.received).isEqualTo(25);
		});
		assertThat(x().requests.stream().filter(r -> r.equals("GET /2/media/upload")).count()).isEqualTo(2);
		assertThat(x().posts).singleElement().satisfies(p -> assertThat(p.mediaIds()).hasSize(1));
	}

	@Test
	void mediaIdsAreReusedOnTheNextAttemptButNeverOnceTheyExpire() {
		fake.rateLimitNext(60);
		var request = request("Reused upload", List.of(png(null)));
		assertThat(platform.publish(request, channel(fake))).isInstanceOf(PublishOutcome.RateLimited.class);
		assertThat(platform.publish(again(request), channel(fake))).isInstanceOf(PublishOutcome.Published.class);
		assertThat(x().uploads).as("the upload was reused").hasSize(1);

		x().mediaLifetime(60); // shorter than the margin: expired by the next attempt
		fake.rateLimitNext(60);
		var expiring = request("Expiring upload", List.of(png(null)));
		assertThat(platform.publish(expiring, channel(fake))).isInstanceOf(PublishOutcome.RateLimited.class);
		assertThat(platform.publish(again(expiring), channel(fake))).isInstanceOf(PublishOutcome.Published.class);
		assertThat(x().uploads).as("uploaded again").hasSize(3);
		assertThat(x().posts.get(1).mediaIds()).doesNotContain(handles.handle(expiring.publicationId()).get(XMedia.IDS) + "x")
			.containsExactly(handles.handle(expiring.publicationId()).get(XMedia.IDS));
	}

	@Test
	void duplicateContentFailsWithXsReason() {
		assertThat(platform.publish(request("Same words", List.of()), channel(fake))).isInstanceOf(PublishOutcome.Published.class);
		assertThat(platform.publish(request("Same words", List.of()), channel(fake))).isInstanceOfSatisfying(
				PublishOutcome.ContentRejected.class,
				r -> assertThat(r.reason()).contains("duplicate content").contains("You are not allowed to create a Tweet"));
		assertThat(fake.postsCreated()).isEqualTo(1);
	}

	@Test
	void theTwentyFourHourLimitsHoldTheChannelOrTheWholeApp() {
		x().userLimitNext(3600);
		assertThat(platform.publish(request("user limit", List.of()), channel(fake))).isInstanceOfSatisfying(
				PublishOutcome.RateLimited.class, r -> {
					assertThat(r.platformWide()).isFalse();
					assertThat(r.until()).isAfter(Instant.now().plusSeconds(3000));
					assertThat(r.reason()).contains("24-hour limit of this account");
				});
		x().appLimitNext(7200);
		assertThat(platform.publish(request("app limit", List.of()), channel(fake))).isInstanceOfSatisfying(
				PublishOutcome.RateLimited.class, r -> {
					assertThat(r.platformWide()).isTrue();
					assertThat(r.until()).isAfter(Instant.now().plusSeconds(7000));
				});
		assertThat(fake.postsCreated()).isZero();
	}

	@Test
	void anUnansweredPostIsFoundAmongTheAccountsPostsByItsText() {
		fake.hangNext();
		var request = request("Tonight at 8 & live: https://example.com/show?id=7", List.of(png("poster")));
		assertThat(platform.publish(request, channel(fake))).isInstanceOf(PublishOutcome.OutcomeUnknown.class);
		assertThat(fake.postsCreated()).isEqualTo(1);

		var reconciled = platform.reconcile(again(request), channel(fake));
		assertThat(reconciled).isInstanceOfSatisfying(PublishOutcome.Published.class,
				p -> assertThat(p.remoteId()).isEqualTo(x().posts.get(0).id()));
		assertThat(fake.postsCreated()).isEqualTo(1);
		assertThat(x().createAttempts).isEqualTo(1);
	}

	@Test
	void aPostThatCannotBeFoundIsLookedForDuringTheWindowThenAPersonDecides() {
		var settings = Map.of("lookupWindowSeconds", "60");
		var fresh = request("never arrived", List.of());
		assertThat(platform.reconcile(fresh, channel(FakeX.ACCESS_TOKEN, settings))).isInstanceOfSatisfying(
				PublishOutcome.Pending.class, p -> assertThat(p.checkAt()).isBefore(Instant.now().plusSeconds(61)));
		var old = new PublishRequest(fresh.publicationId(), fresh.idempotencyKey(), fresh.text(), List.of(), Map.of(),
				Instant.now(), Map.of(PublishRequest.FIRST_ATTEMPT_AT, Instant.now().minusSeconds(120).toString()));
		assertThat(platform.reconcile(old, channel(FakeX.ACCESS_TOKEN, settings))).isInstanceOfSatisfying(
				PublishOutcome.OutcomeUnknown.class, u -> assertThat(u.reason()).contains("a person", "mark it published").doesNotContain("null"));
		assertThat(x().createAttempts).as("never posted blindly").isZero();
	}

	@Test
	void aThreadInterruptedMidwayContinuesAfterThePartThatGotNoAnswer() {
		x().hangCreate(2);
		var request = request("one\n---\ntwo\n---\nthree", List.of());
		assertThat(platform.publish(request, channel(fake))).isInstanceOf(PublishOutcome.OutcomeUnknown.class);
		assertThat(fake.postsCreated()).isEqualTo(2);

		assertThat(platform.reconcile(again(request), channel(fake))).isInstanceOf(PublishOutcome.NotPublished.class);
		assertThat(platform.publish(again(request), channel(fake))).isInstanceOf(PublishOutcome.Published.class);
		assertThat(x().posts).extracting(FakeX.Post::text).containsExactly("one", "two", "three");
		assertThat(x().posts.get(2).inReplyTo()).isEqualTo(x().posts.get(1).id());
		assertThat(x().createAttempts).isEqualTo(3);
	}

	@Test
	void textIsCountedAsXCountsItForEachPartOfAThread() {
		var ch = channel(fake);
		assertThat(platform.validate(new PostDraft("a".repeat(280), List.of()), ch)).isEmpty();
		assertThat(platform.validate(new PostDraft("日".repeat(141), List.of()), ch)).extracting(Violation::field).contains("text");
		assertThat(platform.validate(new PostDraft("日".repeat(140), List.of()), ch)).isEmpty();
		var link = "https://example.com/" + "p".repeat(200);
		assertThat(platform.validate(new PostDraft("a".repeat(256) + " " + link, List.of()), ch)).isEmpty();
		assertThat(platform.validate(new PostDraft("short\n---\n" + "b".repeat(281), List.of()), ch))
			.extracting(Violation::reason).anyMatch(r -> r.startsWith("part 2 of the thread"));
		var mixed = List.of(new PostDraft.MediaInfo("video/mp4", 1000, 720, 1280, null),
				new PostDraft.MediaInfo("image/png", 1000, 100, 100, null));
		assertThat(platform.validate(new PostDraft("mix", mixed), ch)).extracting(Violation::field).contains("media");
		var five = java.util.Collections.nCopies(5, new PostDraft.MediaInfo("image/jpeg", 1000, 100, 100, null));
		assertThat(platform.validate(new PostDraft("five", five), ch)).extracting(Violation::field).contains("media");
	}

	@Test
	void pkceLoginAndRotatingRefreshTokens() throws Exception {
		var login = new XLogin();
		var app = new OAuthApp("x", FakeX.CLIENT_ID, FakeX.CLIENT_SECRET, login.defaultScopes(),
				fake.baseUrl().resolve("/i/oauth2/authorize"), fake.baseUrl().resolve("/2/oauth2/token"), fake.baseUrl());
		var redirect = URI.create("https://troupe.example/oauth/callback/x");
		var verifier = "verifier-" + UUID.randomUUID() + UUID.randomUUID();
		var challenge = Base64.getUrlEncoder().withoutPadding()
			.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes()));
		var consent = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.authorizeUrl() + "?response_type=code"
				+ "&client_id=" + FakeX.CLIENT_ID + "&redirect_uri=" + redirect + "&scope=tweet.read&state=s1&code_challenge="
				+ challenge + "&code_challenge_method=S256")).build(), BodyHandlers.discarding());
		var code = consent.headers().firstValue("Location").orElseThrow().replaceAll(".*code=([^&]+).*", "$1");

		assertThatThrownBy(() -> login.exchange(app, code, redirect, "wrong-verifier")).isInstanceOf(PlatformException.class)
			.hasMessageContaining("authorization code was invalid");
		var consentAgain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.authorizeUrl()
				+ "?response_type=code&client_id=" + FakeX.CLIENT_ID + "&redirect_uri=" + redirect + "&state=s2&code_challenge="
				+ challenge + "&code_challenge_method=S256")).build(), BodyHandlers.discarding());
		var code2 = consentAgain.headers().firstValue("Location").orElseThrow().replaceAll(".*code=([^&]+).*", "$1");
		var grant = login.exchange(app, code2, redirect, verifier);
		assertThat(grant.credential("refreshToken")).isNotBlank();
		assertThat(grant.expiresAt()).isBetween(Instant.now().plusSeconds(7000), Instant.now().plusSeconds(7300));
		var account = login.accounts(app, grant).get(0);
		assertThat(account.handle()).isEqualTo("@mira_sings");
		assertThat(account.grant().credential("userId")).isEqualTo(FakeX.USER_ID);

		var channel = new ChannelContext(UUID.randomUUID(), "x", fake.baseUrl(), account.grant().credentials(), Map.of(), "mira");
		var refreshed = login.refresh(app, channel);
		assertThat(refreshed.credential("refreshToken")).isNotEqualTo(grant.credential("refreshToken"));
		assertThat(refreshed.credential("userId")).isEqualTo(FakeX.USER_ID);
		assertThatThrownBy(() -> login.refresh(app, channel)).as("a refresh token works once")
			.isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.revoked()).isTrue());
		var next = new ChannelContext(channel.channelId(), "x", fake.baseUrl(), refreshed.credentials(), Map.of(), "mira");
		assertThat(login.refresh(app, next).credential("accessToken")).isNotBlank();
		assertThat(platform.verify(next).handle()).isEqualTo("@mira_sings");
	}

	static PublishRequest.Media png(String altText) {
		var image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
		image.setRGB(1, 1, (int) (Math.random() * 0xFFFFFF));
		var out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "png", out);
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		return new PublishRequest.Media(out.toByteArray(), "image/png", "look.png", altText);
	}

	private static FakePublicMedia newHandles() {
		try {
			return new FakePublicMedia();
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}
}
