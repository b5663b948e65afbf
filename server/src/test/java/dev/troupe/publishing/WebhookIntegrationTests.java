package dev.troupe.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.troupe.publishing.spi.WebhookSignature;
import dev.troupe.support.IntegrationTest;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

class WebhookIntegrationTests extends IntegrationTest {

	@Test
	void eventsAreDeliveredSignedAndRetriedUntilTheReceiverAccepts() throws Exception {
		try (var receiver = new MockWebServer()) {
			receiver.enqueue(new MockResponse.Builder().code(503).build()); // first delivery fails, then retried
			receiver.enqueue(new MockResponse.Builder().code(204).build());
			receiver.enqueue(new MockResponse.Builder().code(204).build());
			receiver.start();
			var secret = "a-long-webhook-secret-" + UUID.randomUUID();
			assertThat(as("EDITOR").post("/api/v1/webhooks", Map.of("url", receiver.url("/hook").toString(), "secret", secret))
				.status()).isEqualTo(403);
			assertThat(owner.post("/api/v1/webhooks", Map.of("url", "ftp://x", "secret", secret)).status()).isEqualTo(400);
			var subscription = owner.post("/api/v1/webhooks", Map.of("url", receiver.url("/hook").toString(), "secret", secret,
					"events", List.of("post.approved")));
			assertThat(subscription.status()).as(subscription.toString()).isEqualTo(201);
			assertThat(subscription.text()).doesNotContain(secret);

			var characterId = owner.post("/api/v1/characters", Map.of("name", "Hooked " + UUID.randomUUID().toString()
				.substring(0, 6))).json().get("id").asString();
			var channel = owner.post("/api/v1/channels", Map.of("characterId", characterId, "platform", "feed"))
				.json().get("id").asString();
			var postId = owner.post("/api/v1/posts", Map.of("characterId", characterId, "caption", "hooked",
					"channelIds", List.of(channel))).json().get("id").asString();
			owner.post("/api/v1/posts/" + postId + "/submit", Map.of());
			as("REVIEWER").post("/api/v1/posts/" + postId + "/approve", Map.of());

			var failed = receiver.takeRequest(10, TimeUnit.SECONDS);
			assertThat(failed).as("first delivery").isNotNull();
			var body = failed.getBody().utf8();
			assertThat(body).contains("post.approved").contains(postId);
			var timestamp = Long.parseLong(failed.getHeaders().get("X-Troupe-Timestamp"));
			assertThat(failed.getHeaders().get("X-Troupe-Signature")).isEqualTo(WebhookSignature.header(secret, String.valueOf(timestamp), body));
			assertThat(timestamp).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(30L));

			var retried = receiver.takeRequest(60, TimeUnit.SECONDS);
			assertThat(retried).as("retried after the 503").isNotNull();
			assertThat(retried.getBody().utf8()).isEqualTo(body);
			assertThat(retried.getHeaders().get("Idempotency-Key")).isEqualTo(failed.getHeaders().get("Idempotency-Key"));
		}
	}
}
