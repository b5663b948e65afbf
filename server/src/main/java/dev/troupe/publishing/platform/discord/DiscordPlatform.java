package dev.troupe.publishing.platform.discord;

import java.io.IOException;
import java.time.Instant;

import org.springframework.stereotype.Component;

import dev.troupe.publishing.spi.AccountInfo;
import dev.troupe.publishing.spi.Capabilities;
import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.PlatformDescriptor;
import dev.troupe.publishing.spi.PlatformException;
import dev.troupe.publishing.spi.PublishOutcome;
import dev.troupe.publishing.spi.PublishRequest;
import dev.troupe.publishing.spi.SocialPlatform;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts to a Discord text channel through a channel webhook ({@code POST /api/webhooks/{id}/{token}?wait=true}):
 * no bot, no OAuth, the webhook URL is the whole credential. See {@link DiscordWebhook} for the channel's
 * credentials and settings.
 * <p>
 * Upload size: Discord's default limit is 10 MiB per file since January 2025 (it was 25 MiB); boosted servers
 * allow more, so {@code maxUploadMegabytes} raises it. {@link #reconcile} keeps the default "unknown": a webhook
 * can only read messages it knows the id of, and a timed-out call gives none.
 */
@Component
public class DiscordPlatform implements SocialPlatform {

	private final DiscordClient client;
	private final DiscordMessages messages;

	public DiscordPlatform() {
		var json = JsonMapper.shared(); // trees only: no dependency on the application's mapper settings
		this.client = new DiscordClient(json);
		this.messages = new DiscordMessages(json);
	}

	@Override
	public String type() {
		return "discord";
	}

	@Override
	public PlatformDescriptor descriptor() {
		return DiscordDescriptor.DESCRIPTOR;
	}

	@Override
	public Capabilities capabilities(ChannelContext channel) {
		var upload = DiscordWebhook.of(channel).maxUploadBytes();
		return Capabilities.of(descriptor()).withMaxBytes(upload, upload);
	}

	@Override
	public AccountInfo verify(ChannelContext context) throws PlatformException {
		var webhook = DiscordWebhook.of(context);
		if (webhook.misconfiguration() != null) {
			throw new PlatformException("Discord: " + webhook.misconfiguration(), true);
		}
		try {
			var response = client.get(webhook);
			var body = client.parse(response.body());
			if (response.statusCode() / 100 != 2 || body == null) {
				throw DiscordErrors.verifyFailure(response.statusCode(), body);
			}
			return account(body);
		}
		catch (IOException e) {
			throw new PlatformException("Discord at " + webhook.apiRoot() + " is unreachable: " + e.getMessage(), false, e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new PlatformException("Interrupted while asking Discord", false, e);
		}
	}

	/** The webhook as Discord shows it: its name and avatar, and a link to its channel. */
	private static AccountInfo account(JsonNode webhook) {
		var id = webhook.path("id").asString("");
		var avatar = webhook.path("avatar").asString("");
		var guild = webhook.path("guild_id").asString("");
		var channel = webhook.path("channel_id").asString("");
		return new AccountInfo(webhook.path("name").asString("Discord webhook"), null,
				avatar.isBlank() ? null : "https://cdn.discordapp.com/avatars/" + id + "/" + avatar + ".png",
				guild.isBlank() || channel.isBlank() ? null : "https://discord.com/channels/" + guild + "/" + channel);
	}

	@Override
	public PublishOutcome publish(PublishRequest request, ChannelContext context) {
		var webhook = DiscordWebhook.of(context);
		if (webhook.misconfiguration() != null) {
			return new PublishOutcome.ChannelRevoked("Discord: " + webhook.misconfiguration());
		}
		try {
			var response = client.execute(webhook, messages.forPost(request, webhook));
			var body = client.parse(response.body());
			var id = body == null ? "" : body.path("id").asString("");
			if (response.statusCode() / 100 == 2 && !id.isBlank()) {
				return new PublishOutcome.Published(id, jumpUrl(webhook, body, id));
			}
			return DiscordErrors.classify(response.statusCode(), response.headers(), body, Instant.now());
		}
		catch (IOException e) {
			return DiscordErrors.transport(e, webhook.timeout());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return new PublishOutcome.OutcomeUnknown("Interrupted while sending to Discord; the message may exist");
		}
	}

	/** Message links need the server id, which the webhook's answer lacks: it comes from the guildId setting. */
	private static String jumpUrl(DiscordWebhook webhook, JsonNode message, String id) {
		var guild = message.path("guild_id").asString(webhook.guildId() == null ? "" : webhook.guildId());
		var channel = message.path("channel_id").asString("");
		return guild.isBlank() || channel.isBlank() ? null : "https://discord.com/channels/" + guild + "/" + channel + "/" + id;
	}
}
