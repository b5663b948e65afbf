package dev.troupe.publishing.platform.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
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
import dev.troupe.publishing.spi.Violation;
import tools.jackson.databind.json.JsonMapper;

class MastodonPlatformTests extends SocialPlatformContractTests {

	private final MastodonPlatform platform = new MastodonPlatform(JsonMapper.builder().build());

	@Override
	protected SocialPlatform platform() {
		return platform;
	}

	@Override
	protected PlatformFake startFake() throws Exception {
		return new FakeMastodon();
	}

	@Override
	protected ChannelContext channel(PlatformFake fake) {
		return channel(fake.baseUrl(), FakeMastodon.TOKEN);
	}

	@Override
	protected ChannelContext channelWithBadCredentials(PlatformFake fake) {
		return channel(fake.baseUrl(), "revoked-token");
	}

	private static ChannelContext channel(URI baseUrl, String token) {
		return new ChannelContext(UUID.randomUUID(), "mastodon", baseUrl, Map.of("accessToken", token),
				Map.of("timeoutMillis", "1000", "language", "en"), "mira");
	}

	private FakeMastodon mastodon() {
		return (FakeMastodon) fake;
	}

	@Test
	void sendsTheSameIdempotencyKeyOnEveryAttempt() {
		var request = request("once only");
		fake.failNextWith(503);
		assertThat(platform.publish(request, channel(fake))).isInstanceOf(PublishOutcome.OutcomeUnknown.class);
		assertThat(platform.publish(request, channel(fake))).isInstanceOf(PublishOutcome.Published.class);

		assertThat(mastodon().requests("POST", "/api/v1/statuses"))
			.extracting(r -> r.getHeaders().get("Idempotency-Key"))
			.containsExactly(request.idempotencyKey(), request.idempotencyKey());
	}

	@Test
	void aRepeatWithTheSameKeyReturnsTheOriginalStatus() {
		var request = request("no twins");
		var first = (PublishOutcome.Published) platform.publish(request, channel(fake));
		var second = (PublishOutcome.Published) platform.publish(request, channel(fake));

		assertThat(second.remoteId()).isEqualTo(first.remoteId());
		assertThat(fake.postsCreated()).isEqualTo(1);
	}

	@Test
	void noReplayOnceTheIdempotencyWindowHasPassed() {
		var stale = new PublishRequest(java.util.UUID.randomUUID(), "troupe-stale", "old attempt", List.of(), Map.of(),
				java.time.Instant.now(), Map.of(PublishRequest.FIRST_ATTEMPT_AT,
						java.time.Instant.now().minus(java.time.Duration.ofMinutes(70)).toString()));
		assertThat(platform.reconcile(stale, channel(fake))).isInstanceOf(PublishOutcome.OutcomeUnknown.class);
		assertThat(fake.postsCreated()).isZero();
	}

	@Test
	void reconcileAfterATimeoutFindsTheStatusWithoutPostingTwice() {
		var request = request("lost answer");
		fake.hangNext();
		assertThat(platform.publish(request, channel(fake))).isInstanceOf(PublishOutcome.OutcomeUnknown.class);
		assertThat(fake.postsCreated()).isEqualTo(1);

		var reconciled = platform.reconcile(request, channel(fake));

		assertThat(reconciled).isInstanceOfSatisfying(PublishOutcome.Published.class,
				p -> assertThat(p.remoteId()).isEqualTo(mastodon().statuses().get(0).id()));
		assertThat(fake.postsCreated()).isEqualTo(1);
	}

	@Test
	void neverReplaysWhileTheFirstRequestCouldStillBeRunningOnTheServer() throws Exception {
		mastodon().slowCreate(java.time.Duration.ofMillis(2500)); // longer than the client's 1 s timeout
		var started = Instant.now();
		var request = request("slow server");
		assertThat(platform.publish(request, channel(fake))).isInstanceOf(PublishOutcome.OutcomeUnknown.class);
		var afterAttempt = withLastAttempt(request, started);

		// the first create is still running on the server: reconciling now must not send it again
		var early = platform.reconcile(afterAttempt, channel(fake));
		assertThat(early).isInstanceOfSatisfying(PublishOutcome.Pending.class,
				p -> assertThat(p.checkAt()).isAfterOrEqualTo(started.plus(java.time.Duration.ofMinutes(2))));
		assertThat(mastodon().requests("POST", "/api/v1/statuses")).hasSize(1);

		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> fake.postsCreated() == 1);
		mastodon().slowCreate(null);
		// once the quiet period has passed, the replay returns the status the first request created
		var late = platform.reconcile(withLastAttempt(request, started.minus(java.time.Duration.ofMinutes(3))), channel(fake));
		assertThat(late).isInstanceOfSatisfying(PublishOutcome.Published.class,
				p -> assertThat(p.remoteId()).isEqualTo(mastodon().statuses().get(0).id()));
		Thread.sleep(3000); // nothing else still on its way
		assertThat(fake.postsCreated()).as("exactly one status").isEqualTo(1);
	}

	@Test
	void theQuietPeriodIsTwiceTheTimeoutAndAtLeastTwoMinutes() {
		assertThat(MastodonPlatform.quietPeriod(channel(fake))).isEqualTo(java.time.Duration.ofMinutes(2));
		var slow = new ChannelContext(UUID.randomUUID(), "mastodon", fake.baseUrl(), Map.of("accessToken", FakeMastodon.TOKEN),
				Map.of("timeoutMillis", "90000"), "mira");
		assertThat(MastodonPlatform.quietPeriod(slow)).isEqualTo(java.time.Duration.ofMinutes(3));
	}

	private static PublishRequest withLastAttempt(PublishRequest request, Instant at) {
		return new PublishRequest(request.publicationId(), request.idempotencyKey(), request.text(), request.media(),
				request.options(), request.scheduledAt(), Map.of(PublishRequest.FIRST_ATTEMPT_AT, at.toString(),
						PublishRequest.LAST_ATTEMPT_AT, at.toString()));
	}

	@Test
	void waitsForSlowMediaProcessingBeforePosting() {
		mastodon().slowMedia(2);
		var image = new PublishRequest.Media(new byte[] { (byte) 0x89, 'P', 'N', 'G' }, "image/png", "mira.png",
				"Mira waving at the sea");
		var request = new PublishRequest(UUID.randomUUID(), "troupe-" + UUID.randomUUID(), "With a picture",
				List.of(image), Map.of(), Instant.now(), Map.of());

		var outcome = platform.publish(request, channel(fake));

		assertThat(outcome).isInstanceOf(PublishOutcome.Published.class);
		assertThat(mastodon().requests("GET", "/api/v1/media/" + mastodon().media().get(0).id())).hasSize(3);
		assertThat(mastodon().media().get(0).description()).isEqualTo("Mira waving at the sea");
		assertThat(mastodon().statuses().get(0).mediaIds()).containsExactly(mastodon().media().get(0).id());
	}

	@Test
	void readsTheInstanceLimits() throws Exception {
		try (var roomy = new FakeMastodon().maxCharacters(1000)) {
			var channel = channel(roomy.baseUrl(), FakeMastodon.TOKEN);
			assertThat(platform.capabilities(channel).maxTextLength()).isEqualTo(1000);
			assertThat(platform.capabilities(channel).maxImageEdge()).isEqualTo(5760);
			assertThat(platform.validate(new PostDraft("x".repeat(900), List.of()), channel)).isEmpty();
			assertThat(platform.publish(request("y".repeat(900)), channel)).isInstanceOf(PublishOutcome.Published.class);
		}
	}

	@Test
	void fallsBackToMastodonDefaultsWhenTheInstanceDoesNotSay() throws Exception {
		try (var silent = new FakeMastodon().instanceDown()) {
			var caps = platform.capabilities(channel(silent.baseUrl(), FakeMastodon.TOKEN));
			assertThat(caps.maxTextLength()).isEqualTo(500);
			assertThat(caps.maxMedia()).isEqualTo(4);
		}
	}

	@Test
	void countsUrlsAsTwentyThreeCharacters() {
		var text = "x".repeat(470) + " https://example.com/" + "a".repeat(100);
		assertThat(platform.validate(new PostDraft(text, List.of()), channel(fake))).isEmpty();
	}

	@Test
	void aValidationErrorIsRejectedContent() {
		fake.failNextWith(422);
		assertThat(platform.publish(request("too long, the server says"), channel(fake)))
			.isInstanceOfSatisfying(PublishOutcome.ContentRejected.class,
					r -> assertThat(r.reason()).isEqualTo("Validation failed: Text character limit of 500 exceeded"));
		assertThat(fake.postsCreated()).isZero();
	}

	@Test
	void anExpiredTokenIsReportedAsExpired() {
		assertThat(platform.publish(request("hello"), channel(fake.baseUrl(), FakeMastodon.EXPIRED_TOKEN)))
			.isInstanceOf(PublishOutcome.TokenExpired.class);
	}

	@Test
	void anUnreachableInstanceIsTransient() throws Exception {
		var closed = fake.baseUrl();
		fake.close();
		assertThat(platform.publish(request("nobody home"), channel(closed, FakeMastodon.TOKEN)))
			.isInstanceOf(PublishOutcome.Transient.class);
		fake = startFake();
	}

	@Test
	void verifyShowsTheAccount() throws Exception {
		var account = platform.verify(channel(fake));
		assertThat(account.name()).isEqualTo("Mira ✨");
		assertThat(account.handle()).isEqualTo("@mira");
		assertThat(account.profileUrl()).endsWith("/@mira");
	}

	@Test
	void sendsVisibilityAndLanguage() {
		platform.publish(request("bonjour"), channel(fake));
		assertThat(mastodon().statuses().get(0).visibility()).isEqualTo("public");
		assertThat(mastodon().statuses().get(0).language()).isEqualTo("en");
	}

	@Test
	void tooManyCharactersIsAViolation() {
		assertThat(platform.validate(new PostDraft("x".repeat(501), List.of()), channel(fake)))
			.extracting(Violation::field).containsExactly("text");
	}
}
