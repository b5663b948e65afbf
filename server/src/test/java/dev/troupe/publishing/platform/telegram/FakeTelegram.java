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
	/** The channel's linked discussion group, where Telegram copies each post (is_automatic_forward) for comments. */
	public static final long GROUP_ID = -1001555000111L;
	static final long BOT_ID = 7301234567L;

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

	private final List<ObjectNode> updates = new java.util.ArrayList<>();
	private final java.util.Map<Long, java.util.Map<Long, ObjectNode>> chats = new java.util.HashMap<>();
	private final java.util.Map<Long, Long> groupCopies = new java.util.HashMap<>();
	private final AtomicInteger nextUpdateId = new AtomicInteger(870_000_001);
	private final AtomicInteger nextGroupMessageId = new AtomicInteger(5001);
	private final List<Reply> replies = new CopyOnWriteArrayList<>();

	/** A message the bot sent as a reply: where, what, to which message, and its own id in that chat. */
	public record Reply(long chatId, String text, long replyToMessageId, long messageId) {
	}

	/**
	 * {@code username} comments under the channel's post {@code channelMessageId}: in the discussion group, as a reply
	 * to Telegram's automatic copy of the post. Returns the item's id as Troupe stores it ({@code chat:message}).
	 */
	public synchronized String comment(String username, String text, long channelMessageId) {
		var copyId = groupCopies.computeIfAbsent(channelMessageId, id -> {
			var copy = JSON.createObjectNode().put("message_id", nextGroupMessageId.getAndIncrement());
			copy.set("sender_chat", chat());
			copy.set("chat", group());
			copy.put("date", System.currentTimeMillis() / 1000).put("is_automatic_forward", true);
			var origin = copy.putObject("forward_origin").put("type", "channel").put("message_id", id)
				.put("date", System.currentTimeMillis() / 1000);
			origin.set("chat", chat());
			copy.put("forward_from_message_id", id);
			chats.computeIfAbsent(GROUP_ID, g -> new java.util.LinkedHashMap<>()).put(copy.get("message_id").asLong(), copy);
			return copy.get("message_id").asLong();
		});
		var message = userMessage(username, text, group());
		message.set("reply_to_message", chats.get(GROUP_ID).get(copyId));
		message.put("message_thread_id", copyId);
		return deliver(message, GROUP_ID);
	}

	/** {@code username} writes to the bot in a private chat. */
	public synchronized String privateMessage(String username, String text) {
		var userId = 500_000L + Math.abs(username.hashCode() % 100_000);
		var chat = JSON.createObjectNode().put("id", userId).put("first_name", username).put("username", username)
			.put("type", "private");
		return deliver(userMessage(username, text, chat), userId);
	}

	/**
	 * {@code username} answers message {@code messageId} of chat {@code chatId} (the bot's reply, say) with Telegram's
	 * reply, in that chat. Returns the item's id as Troupe stores it ({@code chat:message}).
	 */
	public synchronized String replyTo(String username, String text, long chatId, long messageId) {
		var repliedTo = chats.get(chatId).get(messageId);
		var message = userMessage(username, text, (ObjectNode) repliedTo.get("chat"));
		message.set("reply_to_message", repliedTo);
		if (repliedTo.has("message_thread_id")) {
			message.put("message_thread_id", repliedTo.get("message_thread_id").asLong());
		}
		return deliver(message, chatId);
	}

	/** {@code username} writes in the discussion group without addressing the bot: not for the inbox. */
	public synchronized void chatter(String username, String text) {
		deliver(userMessage(username, text, group()), GROUP_ID);
	}

	public synchronized List<Reply> replies() {
		return List.copyOf(replies);
	}

	private ObjectNode userMessage(String username, String text, ObjectNode chat) {
		var id = chat.get("type").asString().equals("private") ? nextMessageId.getAndIncrement()
				: nextGroupMessageId.getAndIncrement();
		var message = JSON.createObjectNode().put("message_id", id);
		message.putObject("from").put("id", 500_000L + Math.abs(username.hashCode() % 100_000)).put("is_bot", false)
			.put("first_name", username).put("username", username).put("language_code", "en");
		message.set("chat", chat);
		message.put("date", System.currentTimeMillis() / 1000).put("text", text);
		return message;
	}

	private String deliver(ObjectNode message, long chatId) {
		chats.computeIfAbsent(chatId, c -> new java.util.LinkedHashMap<>()).put(message.get("message_id").asLong(), message);
		var update = JSON.createObjectNode().put("update_id", nextUpdateId.getAndIncrement());
		update.set("message", message);
		updates.add(update);
		return chatId + ":" + message.get("message_id").asLong();
	}

	/**
	 * getUpdates: the updates from {@code offset} on; an offset confirms (and forgets) every earlier update, as
	 * Telegram does. 409 while a webhook is set is not modelled: this bot never has one.
	 */
	private synchronized MockResponse getUpdates(RecordedForm form) {
		var offset = form.fields().get("offset");
		if (offset != null) {
			var from = Long.parseLong(offset);
			updates.removeIf(u -> u.get("update_id").asLong() < from);
		}
		var limit = form.fields().get("limit") == null ? 100 : Integer.parseInt(form.fields().get("limit"));
		var result = JSON.createArrayNode();
		updates.stream().limit(limit).forEach(result::add);
		return envelope(result);
	}

	private static ObjectNode group() {
		return JSON.createObjectNode().put("id", GROUP_ID).put("title", "Ada Lovelace Chat").put("type", "supergroup");
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
			case "getMe" -> ok(JSON.createObjectNode().put("id", BOT_ID).put("is_bot", true)
				.put("first_name", "Ada's Herald").put("username", "ada_herald_bot").put("can_join_groups", true)
				.put("can_read_all_group_messages", false).put("supports_inline_queries", false));
			case "getChat" -> CHANNEL.equals(form.fields().get("chat_id"))
					|| String.valueOf(CHANNEL_ID).equals(form.fields().get("chat_id"))
							? ok(chat().put("linked_chat_id", GROUP_ID).put("description", "Ada's channel"))
							: error(400, "Bad Request: chat not found");
			case "getUpdates" -> getUpdates(form);
			default -> error(404, "Not Found");
		};
	}

	private MockResponse send(RecordedForm form) {
		var failure = faults.takeFailure();
		if (failure != null) {
			return failure;
		}
		var chatId = form.fields().get("chat_id");
		var replyParameters = form.fields().get("reply_parameters");
		if (replyParameters != null) {
			return answer(form, chatId, JSON.readTree(replyParameters).path("message_id").asLong());
		}
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

	/** A reply in a chat the bot is in: the message it answers must exist there. */
	private synchronized MockResponse answer(RecordedForm form, String chatId, long replyTo) {
		long chat;
		try {
			chat = Long.parseLong(chatId);
		}
		catch (NumberFormatException e) {
			return error(400, "Bad Request: chat not found");
		}
		if (!chats.containsKey(chat)) {
			return error(400, "Bad Request: chat not found");
		}
		if (!chats.get(chat).containsKey(replyTo)) {
			return error(400, "Bad Request: message to be replied not found");
		}
		var text = form.fields().getOrDefault("text", "");
		var message = JSON.createObjectNode().put("message_id", nextGroupMessageId.getAndIncrement());
		message.putObject("from").put("id", BOT_ID).put("is_bot", true).put("first_name", "Ada's Herald")
			.put("username", "ada_herald_bot");
		message.set("chat", chats.get(chat).get(replyTo).get("chat"));
		message.put("date", System.currentTimeMillis() / 1000).put("text", text);
		message.set("reply_to_message", chats.get(chat).get(replyTo));
		chats.get(chat).put(message.get("message_id").asLong(), message);
		replies.add(new Reply(chat, text, replyTo, message.get("message_id").asLong()));
		posts.incrementAndGet();
		return faults.answer(envelope(message));
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
