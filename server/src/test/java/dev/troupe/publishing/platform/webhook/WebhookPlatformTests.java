package dev.troupe.publishing.platform.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.PlatformFake;
import dev.troupe.publishing.spi.PublishOutcome;
import dev.troupe.publishing.spi.PublishRequest;
import dev.troupe.publishing.spi.SocialPlatform;
import dev.troupe.publishing.spi.SocialPlatformContractTests;
import tools.jackson.databind.json.JsonMapper;

class WebhookPlatformTests extends SocialPlatformContractTests {

	private final WebhookPlatform webhook = new WebhookPlatform();

	@Override
	protected SocialPlatform platform() {
		return webhook;
	}

	@Override
	protected PlatformFake startFake() throws Exception {
		return new FakeWebhookReceiver();
	}

	@Override
	protected ChannelContext channel(PlatformFake fake) {
		return channel(fake, FakeWebhookReceiver.SECRET);
	}

	@Override
	protected ChannelContext channelWithBadCredentials(PlatformFake fake) {
		return channel(fake, "not-the-secret");
	}

	private static ChannelContext channel(PlatformFake fake, String secret) {
		return new ChannelContext(UUID.randomUUID(), "webhook", fake.baseUrl(), Map.of("secret", secret),
				Map.of("timeoutMillis", "1000"), "ada");
	}

	private FakeWebhookReceiver receiver() {
		return (FakeWebhookReceiver) fake;
	}

	private static PublishRequest post(String key, String text, PublishRequest.Media... media) {
		return new PublishRequest(UUID.randomUUID(), key, text, List.of(media), Map.of(),
				Instant.parse("2025-01-10T09:00:00Z"), Map.of());
	}

	@Test
	void postsTheDocumentedJsonWithItsKeyAndTakesTheReceiversIdAndUrl() {
		var request = post("troupe-42", "Hello", new PublishRequest.Media(new byte[] { 1, 2, 3 }, "image/png", "a.png", "A dot"));

		var outcome = webhook.publish(request, channel(fake));

		assertThat(outcome).isEqualTo(new PublishOutcome.Published("rcv-1", "https://hooks.example.org/posts/1"));
		var delivery = receiver().deliveries.get(0);
		assertThat(delivery.getHeaders().get("Idempotency-Key")).isEqualTo("troupe-42");
		var body = JsonMapper.shared().readTree(delivery.getBody().utf8());
		assertThat(body.path("id").asString()).isEqualTo(request.publicationId().toString());
		assertThat(body.path("idempotencyKey").asString()).isEqualTo("troupe-42");
		assertThat(body.path("text").asString()).isEqualTo("Hello");
		assertThat(body.path("scheduledAt").asString()).isEqualTo("2025-01-10T09:00:00Z");
		var media = body.path("media").get(0);
		assertThat(media.path("contentType").asString()).isEqualTo("image/png");
		assertThat(media.path("filename").asString()).isEqualTo("a.png");
		assertThat(media.path("altText").asString()).isEqualTo("A dot");
		assertThat(Base64.getDecoder().decode(media.path("base64").asString())).containsExactly(1, 2, 3);
	}

	@Test
	void aLargeFileIsBase64EncodedFromItsSourceAsTheSignedBodyIsSent() {
		var video = new dev.troupe.publishing.spi.GeneratedVideo(3L * 1024 * 1024 + 2, 3L * 1024 * 1024 + 2);
		var first = new PublishRequest.Media(new byte[] { 9 }, "image/png", "dot.png", null);
		var request = new PublishRequest(UUID.randomUUID(), "troupe-big", "Two files", List.of(first, video.media("long.mp4")),
				Map.of(), Instant.parse("2025-01-10T09:00:00Z"), Map.of());

		assertThat(webhook.publish(request, channel(fake))).isInstanceOf(PublishOutcome.Published.class);

		var delivery = receiver().deliveries.get(0);
		var text = delivery.getBody().utf8();
		assertThat(delivery.getHeaders().get("Content-Length")).isEqualTo(String.valueOf(delivery.getBody().size()));
		assertThat(WebhookPlatform.verifySignature(FakeWebhookReceiver.SECRET, delivery.getHeaders().get("X-Troupe-Timestamp"), text,
				delivery.getHeaders().get("X-Troupe-Signature"))).isTrue();
		var media = JsonMapper.shared().readTree(text).path("media");
		assertThat(Base64.getDecoder().decode(media.get(0).path("base64").asString())).containsExactly(9);
		assertThat(dev.troupe.publishing.spi.GeneratedVideo.sha256(Base64.getDecoder().decode(media.get(1).path("base64")
			.asString()))).isEqualTo(video.sha256());
		assertThat(media.get(1).path("filename").asString()).isEqualTo("long.mp4");
	}

	@Test
	void theSignatureIsVerifiableWithThePublicHelperAndFailsWhenTampered() {
		webhook.publish(post("troupe-1", "Signed"), channel(fake));
		var delivery = receiver().deliveries.get(0);
		var body = delivery.getBody().utf8();
		var timestamp = delivery.getHeaders().get("X-Troupe-Timestamp");
		var signature = delivery.getHeaders().get("X-Troupe-Signature");

		assertThat(signature).matches("sha256=[0-9a-f]{64}");
		assertThat(WebhookPlatform.verifySignature(FakeWebhookReceiver.SECRET, timestamp, body, signature)).isTrue();
		assertThat(WebhookPlatform.verifySignature(FakeWebhookReceiver.SECRET, timestamp, body.replace("Signed", "Forged"),
				signature)).isFalse();
		assertThat(WebhookPlatform.verifySignature(FakeWebhookReceiver.SECRET, String.valueOf(Long.parseLong(timestamp) + 1),
				body, signature)).isFalse();
		assertThat(WebhookPlatform.verifySignature("other", timestamp, body, signature)).isFalse();
		assertThat(WebhookPlatform.verifySignature(FakeWebhookReceiver.SECRET, timestamp, body, "sha256=zz")).isFalse();
		assertThat(WebhookPlatform.verifySignature(FakeWebhookReceiver.SECRET, timestamp, body, null)).isFalse();
	}

	@Test
	void aRepeatedDeliveryWithTheSameKeyIsOnePost() {
		var first = webhook.publish(post("troupe-7", "once"), channel(fake));
		var again = webhook.publish(post("troupe-7", "once"), channel(fake));

		assertThat(again).isEqualTo(first);
		assertThat(fake.postsCreated()).isEqualTo(1);
	}

	@Test
	void retryAfterIsHonoured() {
		fake.rateLimitNext(45);

		assertThat(webhook.publish(post("k", "hi"), channel(fake))).isInstanceOfSatisfying(PublishOutcome.RateLimited.class,
				limited -> assertThat(limited.until()).isAfter(Instant.now().plusSeconds(44)));
	}

	@Test
	void clientErrorsRejectTheContentWithTheReceiversMessage() {
		fake.failNextWith(422);
		assertThat(webhook.publish(post("k1", "hi"), channel(fake))).isEqualTo(new PublishOutcome.ContentRejected(
				"The receiver refused the post (HTTP 422): unsupported media type image/heic"));

		fake.failNextWith(500);
		assertThat(webhook.publish(post("k2", "hi"), channel(fake))).isInstanceOf(PublishOutcome.OutcomeUnknown.class);
	}

	@Test
	void aRefusedConnectionIsTransient() throws Exception {
		var channel = channel(fake);
		fake.close();

		assertThat(webhook.publish(post("k", "anyone?"), channel)).isInstanceOf(PublishOutcome.Transient.class);
	}

	@Test
	void verifyPingsWithASignedRequestAndNamesTheHost() throws Exception {
		assertThat(webhook.verify(channel(fake)).name()).isEqualTo(fake.baseUrl().getHost());
		assertThat(fake.postsCreated()).isZero();
	}

	@Test
	void acceptsAnyMediaType() {
		var caps = webhook.capabilities(channel(fake));
		var draft = new dev.troupe.publishing.spi.PostDraft("x",
				List.of(new dev.troupe.publishing.spi.PostDraft.MediaInfo("application/pdf", 10, null, null, null)));

		assertThat(webhook.validate(draft, channel(fake))).isEmpty();
		assertThat(caps.maxTextLength()).isEqualTo(100_000);
	}
}
