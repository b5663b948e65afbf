package dev.troupe.publishing.platform.youtube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.troupe.media.Provenance;
import dev.troupe.media.ProvenanceInfo;
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

class YouTubePlatformTests extends SocialPlatformContractTests {

	/** An in-memory allowance, as the ledger table keeps it. */
	static final class Counts implements UploadAllowance {

		final Map<String, Integer> used = new ConcurrentHashMap<>();

		@Override
		public int used(UUID channelId, LocalDate day) {
			return used.getOrDefault(channelId + "/" + day, 0);
		}

		@Override
		public void count(UUID channelId, LocalDate day) {
			used.merge(channelId + "/" + day, 1, Integer::sum);
		}
	}

	private final FakePublicMedia handles = newHandles();
	private final Counts counts = new Counts();
	private final YouTubePlatform platform = new YouTubePlatform(handles, counts);
	private final UUID channelId = UUID.randomUUID();

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
		return new FakeYouTube();
	}

	@Override
	protected ChannelContext channel(PlatformFake fake) {
		return channel(FakeYouTube.ACCESS_TOKEN, Map.of());
	}

	@Override
	protected ChannelContext channelWithBadCredentials(PlatformFake fake) {
		return channel("ya29.revoked", Map.of());
	}

	@Override
	protected PublishRequest request(String text) {
		return request(text, video(600 * 1024, false), Map.of());
	}

	private PublishRequest request(String text, PublishRequest.Media video, Map<String, String> options) {
		return new PublishRequest(UUID.randomUUID(), "troupe-" + UUID.randomUUID(), text, List.of(video), options,
				Instant.now(), Map.of());
	}

	private PublishRequest again(PublishRequest request) {
		return new PublishRequest(request.publicationId(), request.idempotencyKey(), request.text(), request.media(),
				request.options(), request.scheduledAt(), handles.handle(request.publicationId()));
	}

	private ChannelContext channel(String token, Map<String, String> settings) {
		var all = new HashMap<>(Map.of("timeoutMillis", "1000", "madeForKids", "no", "chunkBytes", "262144"));
		all.putAll(settings);
		return new ChannelContext(channelId, "youtube", fake.baseUrl(), Map.of("accessToken", token, "channelId",
				FakeYouTube.CHANNEL_ID), all, "mira");
	}

	private FakeYouTube youtube() {
		return (FakeYouTube) fake;
	}

	@Test
	void aVideoTooLargeToHoldGoesUpByResumableChunksReadFromItsSource() {
		var source = new GeneratedVideo(36L * 1024 * 1024 + 7, 8L * 1024 * 1024);
		var video = source.media("long.mp4");
		assertThatThrownBy(video::bytes).isInstanceOf(IllegalStateException.class);

		var outcome = platform.publish(request("A long take", video, Map.of()), channel(FakeYouTube.ACCESS_TOKEN,
				Map.of("chunkBytes", String.valueOf(8 * 1024 * 1024))));

		assertThat(outcome).isInstanceOf(PublishOutcome.Published.class);
		assertThat(youtube().videos).singleElement()
			.satisfies(v -> assertThat(GeneratedVideo.sha256(v.bytes())).isEqualTo(source.sha256()));
		assertThat(youtube().sessions.values()).singleElement().satisfies(s -> assertThat(s.total).isEqualTo(source.size()));
		assertThat(source.largestRead.get()).as("never more than a chunk at once").isLessThanOrEqualTo(8L * 1024 * 1024);
	}

	@Test
	void theVideoGoesUpInChunksWithTitleDescriptionTagsAndTheLabelsFromTheVariant() {
		var video = video(600 * 1024, true);
		var outcome = platform.publish(request("Night rehearsal\nBehind the scenes #music #live", video,
				Map.of("publishAt", "2027-01-05T18:00:00Z")), channel(fake));

		assertThat(outcome).isInstanceOfSatisfying(PublishOutcome.Published.class,
				p -> assertThat(p.url()).isEqualTo("https://www.youtube.com/watch?v=" + p.remoteId()));
		assertThat(youtube().videos).singleElement().satisfies(v -> {
			assertThat(v.bytes()).isEqualTo(video.bytes());
			assertThat(v.resource().at("/snippet/title").asString()).isEqualTo("Night rehearsal");
			assertThat(v.resource().at("/snippet/description").asString()).contains("Behind the scenes");
			assertThat(v.resource().at("/snippet/tags")).extracting(n -> n.asString()).containsExactly("music", "live");
			assertThat(v.resource().at("/status/privacyStatus").asString()).isEqualTo("private");
			assertThat(v.resource().at("/status/publishAt").asString()).isEqualTo("2027-01-05T18:00:00Z");
			assertThat(v.resource().at("/status/selfDeclaredMadeForKids").asBoolean()).isFalse();
			assertThat(v.resource().at("/status/containsSyntheticMedia").asBoolean()).as("stamped as generated").isTrue();
		});
		assertThat(youtube().sessions.values()).singleElement()
			.satisfies(s -> assertThat(s.chunkSizes).containsExactly(262144, 262144, video.bytes().length - 524288));
		assertThat(handles.handle(UUID.randomUUID())).isEmpty();
	}

	@Test
	void aVideoWithoutProvenanceIsNotLabelledSynthetic() {
		platform.publish(request("Camera footage", video(1000, false), Map.of()), channel(FakeYouTube.ACCESS_TOKEN,
				Map.of("privacy", "unlisted")));
		assertThat(youtube().videos).singleElement().satisfies(v -> {
			assertThat(v.resource().at("/status/containsSyntheticMedia").asBoolean()).isFalse();
			assertThat(v.resource().at("/status/privacyStatus").asString()).isEqualTo("unlisted");
		});
	}

	@Test
	void anInterruptedUploadResumesFromTheServersRangeInTheSameSession() {
		youtube().failChunk(2);
		var video = video(600 * 1024, false);
		var request = request("Resumed", video, Map.of());
		assertThat(platform.publish(request, channel(fake))).isInstanceOf(PublishOutcome.Transient.class);
		assertThat(handles.handle(request.publicationId())).containsKey(YouTubePlatform.SESSION)
			.containsEntry(YouTubePlatform.PROGRESS, "262144/" + video.bytes().length);

		// a new process: same publication, only what was committed
		var fresh = new YouTubePlatform(handles, counts);
		assertThat(fresh.publish(again(request), channel(fake))).isInstanceOf(PublishOutcome.Published.class);
		assertThat(youtube().sessions).as("never a second insert").hasSize(1);
		assertThat(youtube().videos).singleElement().satisfies(v -> assertThat(v.bytes()).isEqualTo(video.bytes()));
		assertThat(youtube().requests).contains("PUT /upload/youtube/v3/videos session");
		assertThat(counts.used(channelId, LocalDate.now(YouTubePlatform.PACIFIC))).isEqualTo(1);
	}

	@Test
	void anUnansweredLastChunkIsConfirmedByTheSessionProbe() {
		fake.hangNext();
		var request = request("Lost answer", video(300 * 1024, false), Map.of());
		assertThat(platform.publish(request, channel(fake))).isInstanceOf(PublishOutcome.OutcomeUnknown.class);
		assertThat(platform.reconcile(again(request), channel(fake))).isInstanceOfSatisfying(PublishOutcome.Published.class,
				p -> assertThat(p.remoteId()).isEqualTo(youtube().videos.get(0).id()));
		assertThat(youtube().videos).hasSize(1);
		assertThat(platform.reconcile(request("never started"), channel(fake))).isInstanceOf(PublishOutcome.NotPublished.class);
	}

	@Test
	void theDailyAllowanceAndYouTubesQuotaWaitForPacificMidnight() {
		var one = channel(FakeYouTube.ACCESS_TOKEN, Map.of("dailyUploads", "1"));
		assertThat(platform.publish(request("first"), one)).isInstanceOf(PublishOutcome.Published.class);
		var midnight = ZonedDateTime.now(YouTubePlatform.PACIFIC).toLocalDate().plusDays(1).atStartOfDay(YouTubePlatform.PACIFIC)
			.toInstant();
		assertThat(platform.publish(request("second"), one)).isInstanceOfSatisfying(PublishOutcome.RateLimited.class, r -> {
			assertThat(r.until()).isEqualTo(midnight);
			assertThat(r.reason()).contains("1 YouTube uploads", "midnight Pacific time");
		});
		fake.rateLimitNext(0);
		assertThat(platform.publish(request("third"), channel(fake))).isInstanceOfSatisfying(PublishOutcome.RateLimited.class,
				r -> assertThat(r.platformWide()).isTrue());
		assertThat(youtube().videos).hasSize(1);
	}

	@Test
	void madeForKidsMustBeChosenAndShortsAreVerticalAndShort() {
		var unset = channel(FakeYouTube.ACCESS_TOKEN, Map.of("madeForKids", ""));
		var draft = new PostDraft("clip", List.of(new PostDraft.MediaInfo("video/mp4", 1000, 1920, 1080, null)));
		assertThat(platform.validate(draft, unset)).extracting(Violation::field).contains("madeForKids");
		assertThat(platform.publish(request("clip"), unset)).isInstanceOf(PublishOutcome.ContentRejected.class);
		var shorts = channel(FakeYouTube.ACCESS_TOKEN, Map.of("format", "short"));
		assertThat(platform.validate(draft, shorts)).extracting(Violation::field).contains("media[0]");
		var vertical = new PostDraft("clip", List.of(new PostDraft.MediaInfo("video/mp4", 1000, 1080, 1920, null)));
		assertThat(platform.validate(vertical, shorts)).isEmpty();
		assertThat(platform.publish(request("long", mp4(181), Map.of()), shorts)).isInstanceOfSatisfying(
				PublishOutcome.ContentRejected.class, r -> assertThat(r.reason()).contains("3 minutes"));
		assertThat(platform.publish(request("ok", mp4(59), Map.of()), shorts)).isInstanceOfSatisfying(
				PublishOutcome.Published.class, p -> assertThat(p.url()).startsWith("https://www.youtube.com/shorts/"));
		assertThat(youtube().videos).hasSize(1);
	}

	@Test
	void googleLoginIsOfflineWithPkceAndTheChannelIsChosenAfterConsent() throws Exception {
		var login = new YouTubeLogin();
		var app = new OAuthApp("youtube", FakeYouTube.CLIENT_ID, FakeYouTube.CLIENT_SECRET, login.defaultScopes(),
				fake.baseUrl().resolve("/o/oauth2/v2/auth"), fake.baseUrl().resolve("/token"), fake.baseUrl());
		var redirect = URI.create("https://troupe.example/oauth/callback/youtube");
		var consent = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.authorizeUrl()
				+ "?response_type=code&client_id=" + FakeYouTube.CLIENT_ID + "&redirect_uri=" + redirect + "&state=s1"
				+ "&access_type=" + login.authorizeParameters().get("access_type"))).build(), BodyHandlers.discarding());
		var code = java.net.URLDecoder.decode(consent.headers().firstValue("Location").orElseThrow()
			.replaceAll(".*code=([^&]+).*", "$1"), java.nio.charset.StandardCharsets.UTF_8);
		var grant = login.exchange(app, code, redirect, null);
		assertThat(grant.credential("refreshToken")).as("offline access").isNotBlank();
		var account = login.accounts(app, grant).get(0);
		assertThat(account.id()).isEqualTo(FakeYouTube.CHANNEL_ID);
		assertThat(account.grant().credential("channelId")).isEqualTo(FakeYouTube.CHANNEL_ID);
		var channel = new ChannelContext(channelId, "youtube", fake.baseUrl(), account.grant().credentials(), Map.of(), "mira");
		var refreshed = login.refresh(app, channel);
		assertThat(refreshed.credential("refreshToken")).as("Google keeps the refresh token").isEqualTo(grant.credential("refreshToken"));
		assertThat(platform.verify(new ChannelContext(channelId, "youtube", fake.baseUrl(), refreshed.credentials(), Map.of(),
				"mira")).name()).isEqualTo("Mira Sings");
		youtube().revokeRefreshTokens();
		assertThatThrownBy(() -> login.refresh(app, channel)).isInstanceOfSatisfying(PlatformException.class,
				e -> assertThat(e.revoked()).isTrue());
	}

	/** Random bytes of a video; {@code generated} stamps Troupe's provenance packet as generation does. */
	static PublishRequest.Media video(int size, boolean generated) {
		var head = mp4(10).bytes();
		var padded = new byte[Math.max(size, head.length + 8)];
		new Random(size).nextBytes(padded);
		System.arraycopy(head, 0, padded, 0, head.length);
		// the rest is one free box, so the file stays well-formed ISO BMFF
		ByteBuffer.wrap(padded, head.length, 8).putInt(padded.length - head.length).put("free".getBytes());
		var file = generated ? Provenance.stamp(padded, "video/mp4", new ProvenanceInfo("troupe", "mira", "job-1", Instant.now()))
				: padded;
		return new PublishRequest.Media(file, "video/mp4", "clip.mp4", null);
	}

	/** A minimal MP4 (ftyp, moov/mvhd) of the given length, then a free box. */
	static PublishRequest.Media mp4(int seconds) {
		var out = new ByteArrayOutputStream();
		out.writeBytes(new byte[] { 0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0, 'i', 's', 'o', 'm', 'm', 'p', '4', '1' });
		var mvhd = ByteBuffer.allocate(108);
		mvhd.putInt(108).put("mvhd".getBytes()).putInt(0).putInt(0).putInt(0).putInt(1000).putInt(seconds * 1000);
		var moov = ByteBuffer.allocate(116);
		moov.putInt(116).put("moov".getBytes()).put(mvhd.array());
		out.writeBytes(moov.array());
		return new PublishRequest.Media(out.toByteArray(), "video/mp4", "clip.mp4", null);
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
