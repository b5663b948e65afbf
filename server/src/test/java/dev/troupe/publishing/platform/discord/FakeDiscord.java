package dev.troupe.publishing.platform.discord;

import dev.troupe.publishing.spi.RecordedForm;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.troupe.publishing.spi.PlatformFake;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One Discord channel webhook, answering like discord.com/api/webhooks/{id}/{token}: GET returns the webhook
 * object, POST (?wait=true) returns the created message (204 without wait), errors carry Discord's
 * {@code {"message","code"}} shape, form errors the nested {@code errors} tree, and 429 the body
 * {@code {"message","retry_after","global"}} with the X-RateLimit-* headers.
 */
public class FakeDiscord extends Dispatcher implements PlatformFake {

	public static final String WEBHOOK_ID = "1287654321098765432";
	public static final String TOKEN = "Xk3-fake_webhook_token_for_tests_Qz9";
	static final String CHANNEL_ID = "1187654321098765400";
	static final String GUILD_ID = "1087654321098765400";

	private static final JsonMapper JSON = JsonMapper.shared();

	private final MockWebServer server = new MockWebServer();
	private final AtomicLong nextId = new AtomicLong(1300000000000000001L);
	private final AtomicReference<MockResponse> nextFailure = new AtomicReference<>();
	private volatile boolean hangNext;
	final List<RecordedForm> executions = new CopyOnWriteArrayList<>();
	final List<JsonNode> messages = new CopyOnWriteArrayList<>();

	public FakeDiscord() throws IOException {
		server.setDispatcher(this);
		server.start();
	}

	@Override
	public URI baseUrl() {
		return server.url("/").uri();
	}

	@Override
	public MockResponse dispatch(RecordedRequest request) {
		var segments = request.getUrl().pathSegments();
		if (segments.size() != 4 || !segments.get(0).equals("api") || !segments.get(1).equals("webhooks")) {
			return error(404, "404: Not Found", 0);
		}
		if (!segments.get(2).equals(WEBHOOK_ID)) {
			return error(404, "Unknown Webhook", 10015);
		}
		if (!segments.get(3).equals(TOKEN)) {
			return error(401, "Invalid Webhook Token", 50027);
		}
		return switch (request.getMethod()) {
			case "GET" -> json(200, JSON.writeValueAsString(webhook()));
			case "POST" -> execute(RecordedForm.of(request.getMethod(), request));
			default -> error(405, "405: Method Not Allowed", 0);
		};
	}

	private MockResponse execute(RecordedForm form) {
		executions.add(form);
		var failure = nextFailure.getAndSet(null);
		if (failure != null) {
			return failure;
		}
		var payload = form.fields().containsKey("payload_json") ? JSON.readTree(form.fields().get("payload_json"))
				: JSON.valueToTree(form.fields());
		var content = payload.path("content").asString("");
		if (content.length() > 2000) {
			return formError("content", "BASE_TYPE_MAX_LENGTH", "Must be 2000 or fewer in length.");
		}
		if (content.isBlank() && form.files().isEmpty()) {
			return error(400, "Cannot send an empty message", 50006);
		}
		var message = message(payload, form);
		messages.add(message);
		if (!"true".equals(form.fields().get("wait"))) {
			return new MockResponse.Builder().code(204).build();
		}
		var response = json(200, JSON.writeValueAsString(message));
		if (hangNext) {
			hangNext = false;
			return response.newBuilder().headersDelay(3, TimeUnit.SECONDS).build();
		}
		return response;
	}

	private ObjectNode message(JsonNode payload, RecordedForm form) {
		var id = String.valueOf(nextId.getAndIncrement());
		var message = JSON.createObjectNode().put("id", id).put("type", 0).put("content", payload.path("content").asString(""))
			.put("channel_id", CHANNEL_ID);
		message.putObject("author").put("bot", true).put("id", WEBHOOK_ID)
			.put("username", payload.path("username").asString("Ada's Herald")).put("avatar", "9f1c0a3b7e5d").put("discriminator", "0000");
		var attachments = message.putArray("attachments");
		var described = payload.path("attachments");
		for (int i = 0; form.files().containsKey("files[" + i + "]"); i++) {
			var file = form.files().get("files[" + i + "]");
			var attachment = attachments.addObject().put("id", String.valueOf(nextId.getAndIncrement()))
				.put("filename", file.filename()).put("size", file.bytes().length).put("content_type", file.contentType())
				.put("url", "https://cdn.discordapp.com/attachments/" + CHANNEL_ID + "/" + id + "/" + file.filename());
			for (var item : described) {
				if (item.path("id").asInt(-1) == i && item.has("description")) {
					attachment.put("description", item.path("description").asString());
				}
			}
		}
		message.putArray("embeds");
		message.putArray("mentions");
		message.put("pinned", false).put("mention_everyone", false).put("tts", false)
			.put("timestamp", Instant.now().toString()).putNull("edited_timestamp").put("flags", 0)
			.put("webhook_id", WEBHOOK_ID);
		return message;
	}

	private static ObjectNode webhook() {
		return JSON.createObjectNode().put("application_id", (String) null).put("avatar", "9f1c0a3b7e5d")
			.put("channel_id", CHANNEL_ID).put("guild_id", GUILD_ID).put("id", WEBHOOK_ID).put("name", "Ada's Herald")
			.put("type", 1).put("token", TOKEN);
	}

	static MockResponse error(int status, String message, int code) {
		return json(status, JSON.writeValueAsString(JSON.createObjectNode().put("message", message).put("code", code)));
	}

	private static MockResponse formError(String field, String code, String message) {
		var body = JSON.createObjectNode().put("message", "Invalid Form Body").put("code", 50035);
		body.putObject("errors").putObject(field).putArray("_errors").addObject().put("code", code).put("message", message);
		return json(400, JSON.writeValueAsString(body));
	}

	private static MockResponse json(int status, String body) {
		return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body).build();
	}

	@Override
	public void rateLimitNext(int seconds) {
		var body = JSON.createObjectNode().put("message", "You are being rate limited.").put("retry_after", seconds + 0.5)
			.put("global", false);
		nextFailure.set(new MockResponse.Builder().code(429).addHeader("Content-Type", "application/json")
			.addHeader("Retry-After", seconds + 1).addHeader("X-RateLimit-Limit", 5).addHeader("X-RateLimit-Remaining", 0)
			.addHeader("X-RateLimit-Reset-After", seconds + ".500").addHeader("X-RateLimit-Bucket", "a1b2c3d4e5f6")
			.addHeader("X-RateLimit-Scope", "user")
			.body(JSON.writeValueAsString(body))
			.build());
	}

	@Override
	public void failNextWith(int status) {
		nextFailure.set(switch (status) {
			case 400 -> formError("attachments", "ATTACHMENT_TYPE_INVALID", "Invalid attachment");
			case 401 -> error(401, "Invalid Webhook Token", 50027);
			case 403 -> error(403, "Missing Permissions", 50013);
			case 404 -> error(404, "Unknown Webhook", 10015);
			case 413 -> error(413, "Request entity too large", 40005);
			case 500 -> error(500, "500: Internal Server Error", 0);
			// Discord's edge answers gateway trouble with a plain page, not its JSON shape.
			default -> new MockResponse.Builder().code(status).addHeader("Content-Type", "text/plain")
				.body("upstream connect error or disconnect/reset before headers. reset reason: overflow")
				.build();
		});
	}

	@Override
	public void hangNext() {
		hangNext = true;
	}

	@Override
	public int postsCreated() {
		return messages.size();
	}

	RecordedForm lastExecution() {
		return executions.get(executions.size() - 1);
	}

	@Override
	public void close() {
		server.close();
	}
}
