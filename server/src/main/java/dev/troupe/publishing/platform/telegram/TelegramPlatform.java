package dev.troupe.publishing.platform.telegram;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.troupe.publishing.spi.AccountInfo;
import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.PlatformDescriptor;
import dev.troupe.publishing.spi.InsightsRateLimited;
import dev.troupe.publishing.spi.PlatformException;
import dev.troupe.publishing.spi.PlatformInsights;
import dev.troupe.publishing.spi.PlatformInbox;
import dev.troupe.publishing.spi.PostDraft;
import dev.troupe.publishing.spi.PublishOutcome;
import dev.troupe.publishing.spi.PublishRequest;
import dev.troupe.publishing.spi.SocialPlatform;
import dev.troupe.publishing.spi.Violation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts to a Telegram channel or group through the Bot API, as a bot the owner added as an administrator.
 * <p>
 * Channel: {@code baseUrl} = Bot API root ({@code https://api.telegram.org} by default, or a self-hosted
 * telegram-bot-api server); credential {@code botToken}; settings {@code chatId} (required: {@code @channelname}
 * or numeric id), {@code parseMode} (optional: {@code HTML}, {@code MarkdownV2}), {@code timeoutMillis} (30000).
 * <p>
 * {@link #reconcile} keeps the default "unknown": the Bot API cannot read a channel's history, so after a timeout
 * nobody but a person can tell whether the message went out (and a retry could post it twice).
 */
@Component
public class TelegramPlatform implements SocialPlatform, PlatformInsights, PlatformInbox {

	private final TelegramClient client;
	private final TelegramCalls calls;

	public TelegramPlatform() {
		var json = JsonMapper.shared();
		this.client = new TelegramClient(json);
		this.calls = new TelegramCalls(json);
	}

	@Override
	public InboxPage fetch(ChannelContext channel, String cursor) throws PlatformException {
		return new TelegramInbox(client, JsonMapper.shared()).fetch(channel, cursor);
	}

	@Override
	public String type() {
		return "telegram";
	}

	@Override
	public PlatformDescriptor descriptor() {
		return TelegramDescriptor.DESCRIPTOR;
	}

	@Override
	public List<Violation> validate(PostDraft draft, ChannelContext channel) {
		var violations = new ArrayList<>(SocialPlatform.super.validate(draft, channel));
		violations.addAll(TelegramRules.check(draft));
		if (draft.replyTo() != null && !draft.media().isEmpty()) {
			violations.add(new Violation("replyTo", "replies from the inbox are text only on Telegram"));
		}
		if (draft.replyTo() != null && (draft.replyTo().ref(TelegramInbox.CHAT_ID) == null
				|| draft.replyTo().ref(TelegramInbox.MESSAGE_ID) == null)) {
			violations.add(new Violation("replyTo", "a Telegram reply needs the chat and message it answers; answer it "
					+ "from the inbox"));
		}
		return violations;
	}

	@Override
	public AccountInfo verify(ChannelContext context) throws PlatformException {
		var channel = TelegramChannel.of(context);
		if (channel.botToken() == null || channel.botToken().isBlank()) {
			throw new PlatformException("Telegram: " + channel.misconfiguration(), true);
		}
		var bot = read(channel, "getMe", JsonMapper.shared().createObjectNode());
		var botName = bot.path("first_name").asString("");
		var username = bot.path("username").asString("");
		if (channel.chatId() == null || channel.chatId().isBlank()) {
			return new AccountInfo(botName, "@" + username, null, "https://t.me/" + username);
		}
		var chat = read(channel, "getChat", JsonMapper.shared().createObjectNode().put("chat_id", channel.chatId()));
		var chatUsername = chat.path("username").asString("");
		var title = chat.path("title").asString(channel.chatId());
		return new AccountInfo(title + " (via " + botName + ")", chatUsername.isBlank() ? "@" + username
				: "@" + chatUsername, null, chatUsername.isBlank() ? null : "https://t.me/" + chatUsername);
	}

	private JsonNode read(TelegramChannel channel, String method, JsonNode parameters) throws PlatformException {
		try {
			var response = client.call(channel, method, parameters);
			var body = client.parse(response.body());
			if (!TelegramClient.ok(response, body)) {
				throw TelegramErrors.verifyFailure(response.statusCode(), body);
			}
			return body.path("result");
		}
		catch (IOException e) {
			throw new PlatformException("Telegram at " + channel.apiRoot() + " is unreachable: " + e.getMessage(),
					false, e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new PlatformException("Interrupted while asking Telegram", false, e);
		}
	}

	/** The Bot API reports nothing about a channel post once sent (no views, no reactions): never invented here. */
	@Override
	public Map<String, Map<String, Long>> publicationMetrics(List<PublishedPost> posts, ChannelContext context) {
		return Map.of();
	}

	/** {@code getChatMemberCount}: the channel's subscribers (members of a group). */
	@Override
	public Map<String, Long> accountMetrics(ChannelContext context) throws PlatformException {
		var channel = TelegramChannel.of(context);
		if (channel.misconfiguration() != null) {
			throw new PlatformException("Telegram: " + channel.misconfiguration(), true);
		}
		try {
			var response = client.call(channel, "getChatMemberCount",
					JsonMapper.shared().createObjectNode().put("chat_id", channel.chatId()));
			var body = client.parse(response.body());
			if (TelegramClient.ok(response, body) && body.path("result").isNumber()) {
				return Map.of("member_count", body.path("result").asLong());
			}
			if (TelegramErrors.classify(response.statusCode(), response.headers(), body,
					Instant.now()) instanceof PublishOutcome.RateLimited limited) {
				throw new InsightsRateLimited(limited.reason(), limited.until());
			}
			throw TelegramErrors.verifyFailure(response.statusCode(), body);
		}
		catch (IOException e) {
			throw new PlatformException("Telegram is unreachable: " + e.getClass().getSimpleName(), false, e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new PlatformException("Interrupted while asking Telegram", false, e);
		}
	}

	@Override
	public PublishOutcome publish(PublishRequest request, ChannelContext context) {
		var channel = TelegramChannel.of(context);
		if (channel.misconfiguration() != null) {
			return new PublishOutcome.ChannelRevoked("Telegram: " + channel.misconfiguration());
		}
		try {
			HttpResponse<String> response = client.send(channel, calls.forPost(request, channel));
			var body = client.parse(response.body());
			if (TelegramClient.ok(response, body)) {
				return TelegramPublished.from(body.path("result"), channel, request.replyTo() != null);
			}
			return TelegramErrors.classify(response.statusCode(), response.headers(), body, Instant.now());
		}
		catch (IOException e) {
			return TelegramErrors.transport(e, channel.timeout());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return new PublishOutcome.OutcomeUnknown("Interrupted while sending to Telegram; the message may exist");
		}
	}
}
