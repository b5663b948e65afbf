package dev.troupe.publishing.platform.tiktok;

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
import java.util.Random;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.troupe.media.Provenance;
import dev.troupe.media.ProvenanceInfo;
import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.FakePublicMedia;
import dev.troupe.publishing.spi.GeneratedVideo;
import dev.troupe.publishing.spi.OAuthApp;
import dev.troupe.publishing.spi.PlatformFake;
import dev.troupe.publishing.spi.PostDraft;
import dev.troupe.publishing.spi.PublishOutcome;
import dev.troupe.publishing.spi.PublishRequest;
import dev.troupe.publishing.spi.SocialPlatform;
import dev.troupe.publishing.spi.SocialPlatformContractTests;
import dev.troupe.publishing.spi.Violation;

class TikTokPlatformTests extends SocialPlatformContractTests {

	private static final int MB = 1024 * 1024;
	private final FakePublicMedia links = newLinks();
	private final TikTokPlatform platform = new TikTokPlatform(links, links);

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
		return new FakeTikTok();
	}

	@Override
	protected ChannelContext channel(PlatformFake fake) {
		return channel(FakeTikTok.ACCESS_TOKEN, Map.of());
	}

	@Override
	protected ChannelContext channelWithBadCredentials(PlatformFake fake) {
		return channel("act.revoked", Map.of());
	}

	@Override
	protected PublishRequest request(String text) {
		return request(text, List.of(video(MB, false)), Map.of());
	}

	private PublishRequest request(String text, List<PublishRequest.Media> media, Map<String, String> options) {
		return new PublishRequest(UUID.randomUUID(), "troupe-" + UUID.randomUUID(), text, media, options, Instant.now(), Map.of());
	}

	private PublishRequest again(PublishRequest request) {
		return new PublishRequest(request.publicationId(), request.idempotencyKey(), request.text(), request.media(),
				request.options(), request.scheduledAt(), links.handle(request.publicationId()));
	}

	private ChannelContext channel(String token, Map<String, String> settings) {
		var all = new HashMap<>(Map.of("timeoutMillis", "1000", "pollMillis", "50", "privacyLevel", "SELF_ONLY",
				"chunkBytes", String.valueOf(5 * MB)));
		all.putAll(settings);
		return new ChannelContext(UUID.randomUUID(), "tiktok", fake.baseUrl(), Map.of("accessToken", token, "openId",
				FakeTikTok.OPEN_ID, "username", "mira.sings"), all, "mira");
	}

	private FakeTikTok tiktok() {
		return (FakeTikTok) fake;
	}

	@Test
	void aVideoGoesUpInChunksAsTheTransferGuideSaysLabelledAndWithInteractionsOff() {
		var video = video(12 * MB, true);
		var outcome = platform.publish(request("Dance practice #ai", List.of(video), Map.of()), channel(fake));

		assertThat(outcome).isInstanceOfSatisfying(PublishOutcome.Published.class,
				p -> assertThat(p.url()).startsWith("https://www.tiktok.com/@mira.sings/video/"));
		assertThat(tiktok().publishes.values()).singleElement().satisfies(p -> {
			assertThat(p.chunkSizes).containsExactly(5 * MB, video.bytes().length - 5 * MB);
			assertThat(p.bytes.toByteArray()).isEqualTo(video.bytes());
			var post = p.init.path("post_info");
			assertThat(post.path("is_aigc").asBoolean()).as("generated media is labelled").isTrue();
			assertThat(post.path("privacy_level").asString()).isEqualTo("SELF_ONLY");
			assertThat(post.path("disable_comment").asBoolean()).isTrue();
			assertThat(post.path("disable_duet").asBoolean()).isTrue();
			assertThat(post.path("disable_stitch").asBoolean()).isTrue();
		});
		assertThat(tiktok().requests).startsWith("POST /v2/post/publish/creator_info/query/");
	}

	@Test
	void aVideoTooLargeToHoldIsSentChunkByChunkFromItsSourceNeverReadWhole() {
		// 40 MB: more than Media.bytes() will read, and the source refuses any read longer than one chunk
		var source = new GeneratedVideo(40L * MB + 123, 10L * MB);
		var video = source.media("long.mp4");
		assertThatThrownBy(video::bytes).isInstanceOf(IllegalStateException.class);

		var outcome = platform.publish(request("A long take", List.of(video), Map.of()), channel(fake));

		assertThat(outcome).isInstanceOf(PublishOutcome.Published.class);
		assertThat(tiktok().publishes.values()).singleElement().satisfies(p -> {
			assertThat(p.chunkSizes).containsExactly(5 * MB, 5 * MB, 5 * MB, 5 * MB, 5 * MB, 5 * MB, 5 * MB, 5 * MB + 123);
			assertThat(GeneratedVideo.sha256(p.bytes.toByteArray())).isEqualTo(source.sha256());
		});
		assertThat(source.largestRead.get()).as("never more than a chunk at once").isLessThanOrEqualTo(5L * MB + 123);
	}

	@Test
	void interactionsTheChannelAllowsAreOnUnlessTheCreatorDisabledThem() {
		platform.publish(request("Allowed", List.of(video(MB, false)), Map.of()), channel(FakeTikTok.ACCESS_TOKEN,
				Map.of("allowComments", "true", "allowStitch", "true")));
		var post = tiktok().publishes.values().iterator().next().init.path("post_info");
		assertThat(post.path("disable_comment").asBoolean()).isFalse();
		assertThat(post.path("disable_stitch").asBoolean()).as("the creator turned stitches off").isTrue();
		assertThat(post.path("is_aigc").asBoolean()).isFalse();
	}

	@Test
	void privacyHasNoDefaultAndMustBeOneTheCreatorOffers() {
		var unset = channel(FakeTikTok.ACCESS_TOKEN, Map.of("privacyLevel", ""));
		assertThat(platform.validate(new PostDraft("x", List.of(new PostDraft.MediaInfo("video/mp4", 10, 1080, 1920, null))), unset))
			.extracting(Violation::field).contains("privacyLevel");
		assertThat(platform.publish(request("no privacy"), unset)).isInstanceOf(PublishOutcome.ContentRejected.class);
		var png = new PostDraft("a PNG is re-encoded to JPEG", List.of(new PostDraft.MediaInfo("image/png", 10, 100, 100, null)));
		assertThat(platform.validate(png, channel(fake))).isEmpty();
		var audio = new PostDraft("audio is not", List.of(new PostDraft.MediaInfo("audio/mpeg", 10, null, null, null)));
		assertThat(platform.validate(audio, channel(fake))).extracting(Violation::field).contains("media[0]");
		tiktok().privacyOptions("[\"SELF_ONLY\"]");
		assertThat(platform.publish(request("public", List.of(video(MB, false)), Map.of("privacyLevel", "PUBLIC_TO_EVERYONE")),
				channel(fake))).isInstanceOfSatisfying(PublishOutcome.ContentRejected.class,
						r -> assertThat(r.reason()).contains("Mira", "SELF_ONLY"));
		assertThat(tiktok().inits()).isZero();
	}

	@Test
	void refusalsThatArriveWithHttp200AreErrors() {
		tiktok().error200Next("spam_risk_too_many_posts");
		assertThat(platform.publish(request("too many"), channel(fake))).isInstanceOfSatisfying(PublishOutcome.RateLimited.class,
				r -> assertThat(r.reason()).contains("spam_risk_too_many_posts"));
		tiktok().error200Next("video_pull_failed");
		assertThat(platform.publish(request("refused"), channel(fake))).isInstanceOfSatisfying(PublishOutcome.ContentRejected.class,
				r -> assertThat(r.reason()).contains("video_pull_failed"));
		assertThat(fake.postsCreated()).isZero();
	}

	@Test
	void photosArePulledFromThePublicLinks() {
		var outcome = platform.publish(request("Two looks\nfrom today", List.of(jpeg(), jpeg()), Map.of()), channel(fake));
		assertThat(outcome).isInstanceOf(PublishOutcome.Published.class);
		assertThat(tiktok().fetched).hasSize(2).allMatch(url -> url.contains("/public-media/"));
		assertThat(tiktok().publishes.values()).singleElement().satisfies(p -> {
			assertThat(p.init.path("post_mode").asString()).isEqualTo("DIRECT_POST");
			assertThat(p.init.at("/post_info/title").asString()).isEqualTo("Two looks");
		});
	}

	@Test
	void inboxModeSendsADraftWithoutPostInfo() {
		var outcome = platform.publish(request("Draft", List.of(video(MB, false)), Map.of()),
				channel(FakeTikTok.ACCESS_TOKEN, Map.of("mode", "inbox", "privacyLevel", "")));
		assertThat(outcome).isInstanceOf(PublishOutcome.Published.class);
		assertThat(tiktok().publishes.values()).singleElement().satisfies(p -> {
			assertThat(p.kind).isEqualTo("MEDIA_UPLOAD");
			assertThat(p.status).isEqualTo("SEND_TO_USER_INBOX");
		});
		assertThat(tiktok().requests).contains("POST /v2/post/publish/inbox/video/init/");
	}

	@Test
	void anInterruptedUploadContinuesWithTheCommittedPublishIdNeverASecondInit() {
		tiktok().failChunk(2);
		var video = video(11 * MB, false);
		var request = request("Resumed", List.of(video), Map.of());
		assertThat(platform.publish(request, channel(fake))).isInstanceOf(PublishOutcome.Transient.class);
		assertThat(links.handle(request.publicationId())).containsKey(TikTokPlatform.PUBLISH_ID)
			.containsEntry(TikTokPlatform.CHUNKS_DONE, "1");

		var restarted = new TikTokPlatform(links, links);
		var outcome = restarted.publish(again(request), channel(fake));
		for (int i = 0; i < 5 && outcome instanceof PublishOutcome.Pending; i++) {
			outcome = restarted.reconcile(again(request), channel(fake));
		}
		assertThat(outcome).isInstanceOf(PublishOutcome.Published.class);
		assertThat(tiktok().inits()).isEqualTo(1);
		assertThat(tiktok().publishes.values().iterator().next().bytes.toByteArray()).isEqualTo(video.bytes());
	}

	@Test
	void anUnknownOutcomeIsSettledByStatusFetch() {
		fake.hangNext();
		var request = request("Lost answer");
		assertThat(platform.publish(request, channel(fake))).isInstanceOf(PublishOutcome.OutcomeUnknown.class);
		var reconciled = platform.reconcile(again(request), channel(fake));
		for (int i = 0; i < 5 && reconciled instanceof PublishOutcome.Pending; i++) {
			reconciled = platform.reconcile(again(request), channel(fake));
		}
		assertThat(reconciled).isInstanceOf(PublishOutcome.Published.class);
		assertThat(tiktok().inits()).isEqualTo(1);
		assertThat(platform.reconcile(request("never"), channel(fake))).isInstanceOf(PublishOutcome.NotPublished.class);
	}

	@Test
	void loginUsesTheClientKeyAndPkce() throws Exception {
		var login = new TikTokLogin();
		assertThat(login.clientIdParameter()).isEqualTo("client_key");
		var app = new OAuthApp("tiktok", FakeTikTok.CLIENT_KEY, FakeTikTok.CLIENT_SECRET, login.defaultScopes(),
				fake.baseUrl().resolve("/v2/auth/authorize/"), fake.baseUrl().resolve("/v2/oauth/token/"), fake.baseUrl());
		var redirect = URI.create("https://troupe.example/oauth/callback/tiktok");
		var verifier = "v" + UUID.randomUUID() + UUID.randomUUID();
		var challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes()));
		var consent = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.authorizeUrl() + "?client_key="
				+ FakeTikTok.CLIENT_KEY + "&response_type=code&scope=" + String.join(login.scopeDelimiter(), login.defaultScopes())
				+ "&redirect_uri=" + redirect + "&state=s1&code_challenge=" + challenge + "&code_challenge_method=S256")).build(),
				BodyHandlers.discarding());
		var code = consent.headers().firstValue("Location").orElseThrow().replaceAll(".*[?&]code=([^&]+).*", "$1");
		var grant = login.exchange(app, code, redirect, verifier);
		var account = login.accounts(app, grant).get(0);
		assertThat(account.handle()).isEqualTo("@mira.sings");
		var channel = new ChannelContext(UUID.randomUUID(), "tiktok", fake.baseUrl(), account.grant().credentials(), Map.of(), "mira");
		var refreshed = login.refresh(app, channel);
		assertThat(refreshed.credential("refreshToken")).isNotEqualTo(grant.credential("refreshToken"));
		assertThat(refreshed.credential("openId")).isEqualTo(FakeTikTok.OPEN_ID);
	}

	static PublishRequest.Media video(int size, boolean generated) {
		var head = new byte[] { 0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0, 'i', 's', 'o', 'm', 'm', 'p', '4', '1' };
		var bytes = new byte[size];
		new Random(size).nextBytes(bytes);
		System.arraycopy(head, 0, bytes, 0, head.length);
		java.nio.ByteBuffer.wrap(bytes, head.length, 8).putInt(size - head.length).put("free".getBytes());
		var file = generated ? Provenance.stamp(bytes, "video/mp4", new ProvenanceInfo("troupe", "mira", "job-2", Instant.now())) : bytes;
		return new PublishRequest.Media(file, "video/mp4", "dance.mp4", null);
	}

	static PublishRequest.Media jpeg() {
		var image = new BufferedImage(108, 192, BufferedImage.TYPE_INT_RGB);
		var out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "jpg", out);
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		return new PublishRequest.Media(out.toByteArray(), "image/jpeg", "look.jpg", null);
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
