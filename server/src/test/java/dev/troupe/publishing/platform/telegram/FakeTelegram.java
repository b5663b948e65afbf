package dev.troupe.publishing.platform.telegram;

import dev.troupe.publishing.spi.RecordedForm;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

import dev.troupe.publishing.spi.FaultSwitch;
import dev.troupe.publishing.spi.PlatformFake;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Bot API server for one bot and one public channel, answering like api.telegram.org: {@code /bot<token>/<method>},
 * {@code {"ok":true,"result":…}} envelopes with realistic Message objects, and the real error shapes (401
 * Unauthorized, 400 Bad Request: …, 403 Forbidden: …, 429 with {@code parameters.retry_after}). Like Telegram it
 * refuses texts over 4096 and captions over 1024 characters.
 */
public class FakeTelegram extends Dispatcher implements PlatformFake {

	public static final String TOKEN = "123456:TEST-not-a-real-bot-token";
	public static final String CHANNEL = "@ada_lovelace_daily";
	static final long CHANNEL_ID = -1001987654321L;

	private static final JsonMapper JSON = JsonMapper.shared();
	private static final Set<String> SENDS = Set.of("sendMessage", "sendPhoto", "sendVideo", "sendVoice", "sendAudio",
			"sendDocument", "sendAnimation", "sendMediaGroup");

	private final MockWebServer server = new MockWebServer();
	private final AtomicInteger nextMessageId = new AtomicInteger(101);
	private final AtomicInteger posts = new AtomicInteger();
	private final FaultSwitch faults = new FaultSwitch();
	final List<RecordedForm> calls = new CopyOnWriteArrayList<>();
	private volatile long members = 42;
	private volatile MockResponse nextRead;

	/** The channel's subscriber count, as {@code getChatMemberCount} reports it. */
	public FakeTelegram members(long count) {
		this.members = count;
		return this;
	}

	/** Answer the next read-only method with Telegram's 429 and {@code parameters.retry_after}. */
	public void rateLimitNextRead(int seconds) {
		var body = JSON.createObjectNode().put("ok", false).put("error_code", 429)
			.put("description", "Too Many Requests: retry after " + seconds);
		body.putObject("parameters").put("retry_after", seconds);
		nextRead = json(429, JSON.writeValueAsString(body));
	}

	public FakeTelegram() throws IOException {
		server.setDispatcher(this);
		server.start();
	}

	@Override
	public URI baseUrl() {
		return server.url("/").uri();
	}

	@Override
	public MockResponse dispatch(RecordedRequest request) {
		var path = request.getUrl().encodedPath();
		if (!path.startsWith("/bot")) {
			return error(404, "Not Found");
		}
		var slash = path.indexOf('/', 4);
		var token = slash < 0 ? "" : path.substring(4, slash);
		var method = slash < 0 ? "" : path.substring(slash + 1);
		if (!token.matches("\\d+:[\\w-]+")) {
			return error(404, "Not Found"); // Telegram's answer to a malformed token
		}
		if (!token.equals(TOKEN)) {
			return error(401, "Unauthorized");
		}
		var form = RecordedForm.of(method, request);
		calls.add(form);
		if (SENDS.contains(method)) {
			return send(form);
		}
		var limited = nextRead;
		if (limited != null) {
			nextRead = null;
			return limited;
		}
		return switch (method) {
			case "getChatMemberCount" -> CHANNEL.equals(form.fields().get("chat_id"))
					|| String.valueOf(CHANNEL_ID).equals(form.fields().get("chat_id"))
							? envelope(JSON.getNodeFactory().numberNode(members))
							: error(400, "Bad Request: chat not found");
			case "getMe" -> ok(JSON.createObjectNode().put("id", 7301234567L).put("is_bot", true)
				.put("first_name", "Ada's Herald").put("username", "ada_herald_bot").put("can_join_groups", true)
				.put("can_read_all_group_messages", false).put("supports_inline_queries", false));
			case "getChat" -> CHANNEL.equals(form.fields().get("chat_id"))
					|| String.valueOf(CHANNEL_ID).equals(form.fields().get("chat_id")) ? ok(chat())
							: error(400, "Bad Request: chat not found");
			default -> error(404, "Not Found");
		};
	}

	private MockResponse send(RecordedForm form) {
		var failure = faults.takeFailure();
		if (failure != null) {
			return failure;
		}
		var chatId = form.fields().get("chat_id");
		if (!CHANNEL.equals(chatId) && !String.valueOf(CHANNEL_ID).equals(chatId)) {
			return error(400, "Bad Request: chat not found");
		}
		var text = form.fields().getOrDefault("text", "");
		if (text.codePointCount(0, text.length()) > 4096) {
			return error(400, "Bad Request: message is too long");
		}
		var caption = form.fields().getOrDefault("caption", "");
		if (caption.codePointCount(0, caption.length()) > 1024) {
			return error(400, "Bad Request: message caption is too long");
		}
		var result = form.method().equals("sendMediaGroup") ? album(form) : message(form, text, caption);
		posts.incrementAndGet();
		return faults.answer(envelope(result));
	}

	private JsonNode album(RecordedForm form) {
		var items = JSON.readTree(form.fields().get("media"));
		var messages = JSON.createArrayNode();
		var groupId = "13" + System.nanoTime();
		for (var item : items) {
			var message = message(form, "", item.path("caption").asString("")).put("media_group_id", groupId);
			message.set(item.path("type").asString(), JSON.createObjectNode().put("file_id", "BAAC" + message.get("message_id")));
			messages.add(message);
		}
		return messages;
	}

	private ObjectNode message(RecordedForm form, String text, String caption) {
		var message = JSON.createObjectNode().put("message_id", nextMessageId.getAndIncrement());
		message.set("sender_chat", chat());
		message.set("chat", chat());
		message.put("date", System.currentTimeMillis() / 1000);
		if (!text.isEmpty()) {
			message.put("text", text);
		}
		if (!caption.isEmpty()) {
			message.put("caption", caption);
		}
		if (form.method().equals("sendPhoto")) {
			var sizes = message.putArray("photo");
			sizes.addObject().put("file_id", "AgACAgQAAx0small").put("file_unique_id", "AQADs").put("file_size", 1234)
				.put("width", 90).put("height", 90);
			sizes.addObject().put("file_id", "AgACAgQAAx0large").put("file_unique_id", "AQADl").put("file_size", 65432)
				.put("width", 1280).put("height", 1280);
		}
		return message;
	}

	private static ObjectNode chat() {
		return JSON.createObjectNode().put("id", CHANNEL_ID).put("title", "Ada Lovelace").put("username",
				CHANNEL.substring(1)).put("type", "channel");
	}

	private static MockResponse envelope(JsonNode result) {
		var body = JSON.createObjectNode().put("ok", true);
		body.set("result", result);
		return json(200, JSON.writeValueAsString(body));
	}

	private static MockResponse ok(ObjectNode result) {
		return envelope(result);
	}

	static MockResponse error(int code, String description) {
		return json(code, JSON.writeValueAsString(JSON.createObjectNode().put("ok", false).put("error_code", code)
			.put("description", description)));
	}

	private static MockResponse json(int code, String body) {
		return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
	}

	@Override
	public void rateLimitNext(int seconds) {
		var body = JSON.createObjectNode().put("ok", false).put("error_code", 429)
			.put("description", "Too Many Requests: retry after " + seconds);
		body.putObject("parameters").put("retry_after", seconds);
		faults.failNextWith(json(429, JSON.writeValueAsString(body)));
	}

	@Override
	public void failNextWith(int status) {
		faults.failNextWith(switch (status) {
			case 400 -> error(400, "Bad Request: wrong file identifier/HTTP URL specified");
			case 401 -> error(401, "Unauthorized");
			case 403 -> error(403, "Forbidden: bot is not a member of the channel chat");
			case 500 -> error(500, "Internal Server Error");
			// Telegram's front nginx answers gateway errors with an HTML page, not the JSON envelope.
			default -> new MockResponse.Builder().code(status).addHeader("Content-Type", "text/html")
				.body(nginxPage(status + (status == 502 ? " Bad Gateway" : " Service Temporarily Unavailable")))
				.build();
		});
	}

	private static String nginxPage(String title) {
		return "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
				+ "</h1></center>\r\n<hr><center>nginx/1.18.0</center>\r\n</body>\r\n</html>\r\n";
	}

	@Override
	public void hangNext() {
		faults.hangNext();
	}

	@Override
	public int postsCreated() {
		return posts.get();
	}

	public RecordedForm lastSend() {
		return calls.stream().filter(c -> SENDS.contains(c.method())).reduce((a, b) -> b).orElseThrow();
	}

	@Override
	public void close() {
		server.close();
	}
}
