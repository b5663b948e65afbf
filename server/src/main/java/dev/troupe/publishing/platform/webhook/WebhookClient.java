package dev.troupe.publishing.platform.webhook;

import dev.troupe.publishing.spi.WebhookSignature;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

/** Posts signed JSON to a receiver. One request per call, no retries: retrying is the state machine's decision. */
final class WebhookClient {

	private final HttpClient http;
	private final Clock clock;

	WebhookClient(Clock clock) {
		this.clock = clock;
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(10))
			.followRedirects(HttpClient.Redirect.NEVER) // a redirect would re-send (or drop) a signed publication
			.build();
	}

	HttpResponse<String> post(WebhookReceiver receiver, String body, String idempotencyKey)
			throws IOException, InterruptedException {
		return post(receiver, new WebhookBody().text(body), idempotencyKey);
	}

	/** The body is read twice: once for its signature, then as it is sent. */
	HttpResponse<String> post(WebhookReceiver receiver, WebhookBody body, String idempotencyKey)
			throws IOException, InterruptedException {
		var timestamp = String.valueOf(clock.instant().getEpochSecond());
		String signature;
		try (var in = body.open()) {
			signature = WebhookSignature.header(receiver.secret(), timestamp, in);
		}
		var request = HttpRequest.newBuilder(receiver.url())
			.timeout(receiver.timeout())
			.header("Content-Type", "application/json")
			.header("User-Agent", "Troupe-Webhook/1")
			.header("X-Troupe-Timestamp", timestamp)
			.header("X-Troupe-Signature", signature);
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return http.send(request.POST(body.publisher()).build(),
				dev.troupe.security.ResponseLimits.ofString());
	}
}
