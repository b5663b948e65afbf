package dev.troupe.publishing.platform.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.PlatformException;
import dev.troupe.publishing.spi.PlatformFake;
import dev.troupe.publishing.spi.PublishOutcome;
import dev.troupe.publishing.spi.PublishRequest;
import dev.troupe.publishing.spi.SocialPlatform;
import dev.troupe.publishing.spi.SocialPlatformContractTests;
import tools.jackson.databind.json.JsonMapper;

class DiscordPlatformTests extends SocialPlatformContractTests {

	private final DiscordPlatform discord = new DiscordPlatform();

	@Override
	protected SocialPlatform platform() {
		return discord;
	}

	@Override
	protected PlatformFake startFake() throws Exception {
		return new FakeDiscord();
	}

	@Override
	protected ChannelContext channel(PlatformFake fake) {
		return channel(fake.baseUrl(), Map.of("webhookId", FakeDiscord.WEBHOOK_ID, "webhookToken", FakeDiscord.TOKEN),
				Map.of("timeoutMillis", "1000"));
	}

	@Override
	protected ChannelContext channelWithBadCredentials(PlatformFake fake) {
		return channel(fake.baseUrl(), Map.of("webhookId", FakeDiscord.WEBHOOK_ID, "webhookToken", "revoked-token"),
				Map.of("timeoutMillis", "1000"));
	}

	private static ChannelContext channel(URI baseUrl, Map<String, String> credentials, Map<String, String> settings) {
		return new ChannelContext(UUID.randomUUID(), "discord", baseUrl, credentials, settings, "ada");
	}

	private FakeDiscord discordFake() {
		return (FakeDiscord) fake;
	}

	private static PublishRequest post(String text, PublishRequest.Media... media) {
		return new PublishRequest(UUID.randomUUID(), "troupe-1", text, List.of(media), Map.of(), Instant.now(), Map.of());
	}

	@Test
	void textAloneIsJsonWithMentionsSwitchedOff() {
		var outcome = discord.publish(post("Hello @everyone"), channel(fake));

		assertThat(outcome).isEqualTo(new PublishOutcome.Published("1300000000000000001", null));
		var call = discordFake().lastExecution();
		assertThat(call.fields()).containsEntry("wait", "true").containsEntry("content", "Hello @everyone")
			.containsEntry("allowed_mentions", "{\"parse\":[]}");
		assertThat(call.files()).isEmpty();
	}

	@Test
	void filesGoAsMultipartWithTheirAltTextAsDescriptions() {
		var outcome = discord.publish(post("Two sketches",
				new PublishRequest.Media("png".getBytes(), "image/png", "engine.png", "A sketch of the Analytical Engine"),
				new PublishRequest.Media("mp4".getBytes(), "video/mp4", "loom.mp4", "A Jacquard loom weaving")),
				channel(fake));

		assertThat(outcome).isInstanceOf(PublishOutcome.Published.class);
		var call = discordFake().lastExecution();
		assertThat(call.files()).containsOnlyKeys("files[0]", "files[1]");
		assertThat(call.files().get("files[0]").filename()).isEqualTo("engine.png");
		assertThat(call.files().get("files[1]").contentType()).isEqualTo("video/mp4");
		assertThat(call.files().get("files[1]").bytes()).isEqualTo("mp4".getBytes());
		var payload = JsonMapper.shared().readTree(call.fields().get("payload_json"));
		assertThat(payload.path("content").asString()).isEqualTo("Two sketches");
		assertThat(payload.path("attachments").get(0).path("id").asInt()).isZero();
		assertThat(payload.path("attachments").get(0).path("description").asString())
			.isEqualTo("A sketch of the Analytical Engine");
		assertThat(payload.path("attachments").get(1).path("filename").asString()).isEqualTo("loom.mp4");
		assertThat(discordFake().messages.get(0).path("attachments").get(1).path("description").asString())
			.isEqualTo("A Jacquard loom weaving");
	}

	@Test
	void theWebhookUrlAloneIsEnoughAndSettingsOverrideTheName() {
		var url = fake.baseUrl() + "api/webhooks/" + FakeDiscord.WEBHOOK_ID + "/" + FakeDiscord.TOKEN;
		var channel = channel(null, Map.of("webhookUrl", url), Map.of("username", "Ada", "avatarUrl",
				"https://example.org/ada.png", "guildId", FakeDiscord.GUILD_ID, "threadId", "42"));

		var outcome = discord.publish(post("hi"), channel);

		assertThat(outcome).isEqualTo(new PublishOutcome.Published("1300000000000000001", "https://discord.com/channels/"
				+ FakeDiscord.GUILD_ID + "/" + FakeDiscord.CHANNEL_ID + "/1300000000000000001"));
		assertThat(discordFake().lastExecution().fields()).containsEntry("username", "Ada")
			.containsEntry("avatar_url", "https://example.org/ada.png").containsEntry("thread_id", "42");
	}

	@Test
	void theRetryAfterOfTheBodyIsHonouredToTheMillisecond() {
		fake.rateLimitNext(12);
		var before = Instant.now();

		var outcome = discord.publish(post("hi"), channel(fake));

		assertThat(outcome).isInstanceOfSatisfying(PublishOutcome.RateLimited.class, limited -> {
			assertThat(limited.until()).isBetween(before.plusMillis(12_500), Instant.now().plusMillis(12_500));
			assertThat(limited.reason()).contains("You are being rate limited.");
		});
	}

	@Test
	void formErrorsAreFlattenedForThePerson() {
		var outcome = discord.publish(post("x".repeat(2001)), channel(fake));

		assertThat(outcome).isEqualTo(new PublishOutcome.ContentRejected(
				"Discord: Invalid Form Body (code 50035): content: Must be 2000 or fewer in length."));
		fake.failNextWith(413);
		assertThat(discord.publish(post("big"), channel(fake))).isInstanceOf(PublishOutcome.ContentRejected.class);
	}

	@Test
	void aDeletedWebhookIsRevoked() {
		var gone = channel(fake.baseUrl(), Map.of("webhookId", "999", "webhookToken", FakeDiscord.TOKEN), Map.of());

		assertThat(discord.publish(post("hi"), gone)).isEqualTo(new PublishOutcome.ChannelRevoked(
				"Discord: Unknown Webhook (code 10015) (create a new webhook and reconnect)"));
		assertThat(fake.postsCreated()).isZero();
	}

	@Test
	void aRefusedConnectionIsTransient() throws Exception {
		var channel = channel(fake);
		fake.close();

		assertThat(discord.publish(post("anyone?"), channel)).isInstanceOf(PublishOutcome.Transient.class);
	}

	@Test
	void verifyShowsTheWebhooksNameAvatarAndChannel() throws Exception {
		var account = discord.verify(channel(fake));

		assertThat(account.name()).isEqualTo("Ada's Herald");
		assertThat(account.avatarUrl())
			.isEqualTo("https://cdn.discordapp.com/avatars/" + FakeDiscord.WEBHOOK_ID + "/9f1c0a3b7e5d.png");
		assertThat(account.profileUrl())
			.isEqualTo("https://discord.com/channels/" + FakeDiscord.GUILD_ID + "/" + FakeDiscord.CHANNEL_ID);
	}

	@Test
	void theUploadLimitDefaultsToTenMebibytesAndCanBeRaised() throws Exception {
		assertThat(discord.capabilities(channel(fake)).maxImageBytes()).isEqualTo(10L * 1024 * 1024);
		var boosted = channel(fake.baseUrl(), channel(fake).credentials(), Map.of("maxUploadMegabytes", "50"));
		assertThat(discord.capabilities(boosted).maxVideoBytes()).isEqualTo(50L * 1024 * 1024);
		assertThat(discord.capabilities(channel(fake)).maxTextLength()).isEqualTo(2000);
	}

	@Test
	void aMissingWebhookCannotBeVerified() {
		var empty = channel(fake.baseUrl(), Map.of(), Map.of());

		assertThatThrownBy(() -> discord.verify(empty))
			.isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.revoked()).isTrue());
	}
}
