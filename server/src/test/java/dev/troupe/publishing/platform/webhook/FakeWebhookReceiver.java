package dev.troupe.publishing.platform.webhook;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.troupe.publishing.spi.FaultSwitch;
import dev.troupe.publishing.spi.PlatformFake;
import dev.troupe.publishing.spi.WebhookSignature;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * A receiver written the way the documentation on {@link WebhookPlatform} tells people to: it checks the
 * signature with its own HMAC code (not Troupe's helper), refuses stale timestamps and wrong signatures with 401,
 * and remembers idempotency keys so a repeated delivery returns the first result instead of a second post.
 */
class FakeWebhookReceiver extends Dispatcher implements PlatformFake {

	static final String SECRET = "whsec_5b1f0c9e8d7a6b5c4d3e2f1a";
	static final String PATH = "/hooks/troupe";

	private static final JsonMapper JSON = JsonMapper.shared();

	private final MockWebServer server = new MockWebServer();
	private final Map<String, String> resultsByKey = new ConcurrentHashMap<>();
	private final FaultSwitch faults = new FaultSwitch();
	final List<RecordedRequest> deliveries = new CopyOnWriteArrayList<>();

	FakeWebhookReceiver() throws IOException {
		server.setDispatcher(this);
		server.start();
	}

	@Override
	public URI baseUrl() {
		return server.url(PATH).uri();
	}

	@Override
	public MockResponse dispatch(RecordedRequest request) {
		if (!request.getUrl().encodedPath().equals(PATH) || !request.getMethod().equals("POST")) {
			return json(404, "{\"message\":\"no such hook\"}");
		}
		var body = request.getBody() == null ? "" : request.getBody().utf8();
		var timestamp = request.getHeaders().get("X-Troupe-Timestamp");
		if (!signedBySecret(timestamp, body, request.getHeaders().get("X-Troupe-Signature"))) {
			return json(401, "{\"message\":\"invalid signature\"}");
		}
		var payload = JSON.readTree(body);
		if (payload.path("type").asString().equals("ping")) {
			return json(200, "{\"ok\":true}");
		}
		deliveries.add(request);
		var failure = faults.takeFailure();
		if (failure != null) {
			return failure;
		}
		var key = request.getHeaders().get("Idempotency-Key");
		var number = resultsByKey.computeIfAbsent(key, k -> String.valueOf(resultsByKey.size() + 1));
		var response = json(200, "{\"id\":\"rcv-" + number + "\",\"url\":\"https://hooks.example.org/posts/" + number + "\"}");
		return faults.answer(response);
	}

	private static boolean signedBySecret(String timestamp, String body, String header) {
		return timestamp != null && Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) <= 300
				&& WebhookSignature.verify(SECRET, timestamp, body, header);
	}

	private static MockResponse json(int status, String body) {
		return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body).build();
	}

	@Override
	public void rateLimitNext(int seconds) {
		faults.failNextWith(new MockResponse.Builder().code(429).addHeader("Retry-After", seconds)
			.addHeader("Content-Type", "application/json").body("{\"message\":\"slow down\"}").build());
	}

	@Override
	public void failNextWith(int status) {
		faults.failNextWith(switch (status) {
			case 400 -> json(400, "{\"message\":\"text must not be empty\"}");
			case 401 -> json(401, "{\"message\":\"invalid signature\"}");
			case 422 -> json(422, "{\"error\":\"unsupported media type image/heic\"}");
			case 500 -> json(500, "{\"error\":\"Internal Server Error\"}");
			default -> new MockResponse.Builder().code(status).addHeader("Content-Type", "text/plain")
				.body("Service Unavailable").build();
		});
	}

	@Override
	public void hangNext() {
		faults.hangNext();
	}

	@Override
	public int postsCreated() {
		return resultsByKey.size();
	}

	@Override
	public void close() {
		server.close();
	}
}
