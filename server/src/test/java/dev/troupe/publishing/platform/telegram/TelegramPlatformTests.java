package dev.troupe.publishing.platform.telegram;

import dev.troupe.publishing.spi.RecordedForm;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.PlatformFake;
import dev.troupe.publishing.spi.PostDraft;
import dev.troupe.publishing.spi.PublishOutcome;
import dev.troupe.publishing.spi.PublishRequest;
import dev.troupe.publishing.spi.SocialPlatform;
import dev.troupe.publishing.spi.SocialPlatformContractTests;
import dev.troupe.publishing.spi.Violation;
import tools.jackson.databind.json.JsonMapper;

class TelegramPlatformTests extends SocialPlatformContractTests {

	private final TelegramPlatform telegram = new TelegramPlatform();

	@Override
	protected SocialPlatform platform() {
		return telegram;
	}

	@Override
	protected PlatformFake startFake() throws Exception {
		return new FakeTelegram();
	}

	@Override
	protected ChannelContext channel(PlatformFake fake) {
		return channel(fake.baseUrl(), FakeTelegram.TOKEN, FakeTelegram.CHANNEL);
	}

	@Override
	protected ChannelContext channelWithBadCredentials(PlatformFake fake) {
		return channel(fake.baseUrl(), "123456:TEST-revoked-token", FakeTelegram.CHANNEL);
	}

	private static ChannelContext channel(URI baseUrl, String token, String chatId) {
		return new ChannelContext(UUID.randomUUID(), "telegram", baseUrl, Map.of("botToken", token),
				Map.of("chatId", chatId, "timeoutMillis", "1000"), "ada");
	}

	private FakeTelegram telegramFake() {
		return (FakeTelegram) fake;
	}

	private PublishRequest post(String text, PublishRequest.Media... media) {
		return new PublishRequest(UUID.randomUUID(), "troupe-1", text, List.of(media), Map.of(), Instant.now(), Map.of());
	}

	private static PublishRequest.Media file(String contentType, String filename) {
		return new PublishRequest.Media(("bytes of " + filename).getBytes(), contentType, filename, "alt " + filename);
	}

	@Test
	void textAloneIsSendMessageToTheChat() {
		var outcome = telegram.publish(post("Good morning ☕"), channel(fake));

		assertThat(outcome).isEqualTo(new PublishOutcome.Published("101", "https://t.me/ada_lovelace_daily/101"));
		var call = telegramFake().lastSend();
		assertThat(call.method()).isEqualTo("sendMessage");
		assertThat(call.fields()).containsEntry("chat_id", FakeTelegram.CHANNEL).containsEntry("text", "Good morning ☕");
	}

	@Test
	void oneImageIsSendPhotoWithItsCaption() {
		var outcome = telegram.publish(post("At the lab", file("image/jpeg", "lab.jpg")), channel(fake));

		assertThat(outcome).isInstanceOf(PublishOutcome.Published.class);
		var call = telegramFake().lastSend();
		assertThat(call.method()).isEqualTo("sendPhoto");
		assertThat(call.fields()).containsEntry("chat_id", FakeTelegram.CHANNEL).containsEntry("caption", "At the lab");
		assertThat(call.files()).containsOnlyKeys("photo");
		assertThat(call.files().get("photo").filename()).isEqualTo("lab.jpg");
		assertThat(call.files().get("photo").contentType()).isEqualTo("image/jpeg");
		assertThat(call.files().get("photo").bytes()).isEqualTo("bytes of lab.jpg".getBytes());
	}

	@Test
	void threeFilesAreOneAlbumWithTheCaptionOnTheFirst() throws Exception {
		var outcome = telegram.publish(post("A day in three pictures", file("image/png", "a.png"),
				file("image/jpeg", "b.jpg"), file("video/mp4", "c.mp4")), channel(fake));

		assertThat(outcome).isEqualTo(new PublishOutcome.Published("101,102,103", "https://t.me/ada_lovelace_daily/101"));
		var call = telegramFake().lastSend();
		assertThat(call.method()).isEqualTo("sendMediaGroup");
		assertThat(call.files()).containsOnlyKeys("file0", "file1", "file2");
		var media = JsonMapper.shared().readTree(call.fields().get("media"));
		assertThat(media).hasSize(3);
		assertThat(media.get(0).path("type").asString()).isEqualTo("photo");
		assertThat(media.get(0).path("media").asString()).isEqualTo("attach://file0");
		assertThat(media.get(0).path("caption").asString()).isEqualTo("A day in three pictures");
		assertThat(media.get(1).has("caption")).isFalse();
		assertThat(media.get(2).path("type").asString()).isEqualTo("video");
		assertThat(media.get(2).path("media").asString()).isEqualTo("attach://file2");
		assertThat(fake.postsCreated()).isEqualTo(1);
	}

	@Test
	void eachKindOfFileGoesWithItsOwnMethod() {
		telegram.publish(post("listen", file("audio/ogg", "hello.ogg")), channel(fake));
		assertThat(telegramFake().lastSend().method()).isEqualTo("sendVoice");
		assertThat(telegramFake().lastSend().files()).containsOnlyKeys("voice");

		telegram.publish(post("", file("video/mp4", "clip.mp4")), channel(fake));
		assertThat(telegramFake().lastSend().method()).isEqualTo("sendVideo");
		assertThat(telegramFake().lastSend().fields()).doesNotContainKey("caption");

		telegram.publish(post("song", file("audio/mpeg", "song.mp3")), channel(fake));
		assertThat(telegramFake().lastSend().method()).isEqualTo("sendAudio");

		telegram.publish(post("raw take", file("audio/wav", "take.wav")), channel(fake));
		assertThat(telegramFake().lastSend().method()).isEqualTo("sendDocument");
	}

	@Test
	void theCaptionLimitIs1024WithMediaAnd4096Without() {
		var text = "x".repeat(2000);
		var image = new PostDraft.MediaInfo("image/jpeg", 100_000, 1080, 1080, null);

		assertThat(telegram.validate(new PostDraft(text, List.of()), channel(fake))).isEmpty();
		assertThat(telegram.validate(new PostDraft(text, List.of(image)), channel(fake))).extracting(Violation::field)
			.containsExactly("text");
		assertThat(telegram.validate(new PostDraft("x".repeat(1024), List.of(image)), channel(fake))).isEmpty();
	}

	@Test
	void photosMustFitTelegramsShapeAndAlbumsCannotMixAudio() {
		var tooBig = new PostDraft.MediaInfo("image/png", 1000, 6000, 6000, null);
		var sliver = new PostDraft.MediaInfo("image/png", 1000, 4200, 200, null);
		var song = new PostDraft.MediaInfo("audio/mpeg", 1000, null, null, null);
		var photo = new PostDraft.MediaInfo("image/png", 1000, 1000, 1000, null);

		assertThat(telegram.validate(new PostDraft("", List.of(tooBig)), channel(fake))).hasSize(1);
		assertThat(telegram.validate(new PostDraft("", List.of(sliver)), channel(fake))).hasSize(1);
		assertThat(telegram.validate(new PostDraft("", List.of(song, photo)), channel(fake)))
			.extracting(Violation::field).containsExactly("media");
		assertThat(telegram.capabilities(channel(fake)).maxImageEdge() * 2).isLessThanOrEqualTo(10_000);
	}

	@Test
	void theRetryAfterOfTheErrorBodyIsHonoured() {
		fake.rateLimitNext(7);
		var before = Instant.now();

		var outcome = telegram.publish(post("hi"), channel(fake));

		assertThat(outcome).isInstanceOfSatisfying(PublishOutcome.RateLimited.class, limited -> {
			assertThat(limited.until()).isBetween(before.plusSeconds(7), Instant.now().plusSeconds(7));
			assertThat(limited.reason()).contains("Too Many Requests: retry after 7");
		});
	}

	@Test
	void errorsMapToWhatAPersonMustDo() {
		fake.failNextWith(403);
		assertThat(telegram.publish(post("a"), channel(fake))).isEqualTo(new PublishOutcome.ChannelRevoked(
				"Telegram: Forbidden: bot is not a member of the channel chat"
						+ " (add the bot to the channel as an administrator that may post messages)"));

		fake.failNextWith(400);
		assertThat(telegram.publish(post("b"), channel(fake))).isEqualTo(
				new PublishOutcome.ContentRejected("Telegram: Bad Request: wrong file identifier/HTTP URL specified"));

		fake.failNextWith(500);
		assertThat(telegram.publish(post("c"), channel(fake))).isInstanceOf(PublishOutcome.OutcomeUnknown.class);

		assertThat(telegram.publish(post("d"), channel(fake.baseUrl(), FakeTelegram.TOKEN, "@nobody_here")))
			.isInstanceOf(PublishOutcome.ChannelRevoked.class);
		assertThat(telegram.publish(post("x".repeat(1100), file("image/png", "p.png")), channel(fake)))
			.isEqualTo(new PublishOutcome.ContentRejected("Telegram: Bad Request: message caption is too long"));
		assertThat(fake.postsCreated()).isZero();
	}

	@Test
	void aRefusedConnectionIsTransient() throws Exception {
		var closed = fake.baseUrl();
		fake.close();

		assertThat(telegram.publish(post("anyone?"), channel(closed, FakeTelegram.TOKEN, FakeTelegram.CHANNEL)))
			.isInstanceOf(PublishOutcome.Transient.class);
	}

	@Test
	void aSelfHostedBotApiServerIsCalledUnderItsOwnPath() throws Exception {
		// A self-hosted telegram-bot-api server, here behind a reverse proxy under /telegram-api/
		try (var server = new mockwebserver3.MockWebServer()) {
			server.enqueue(new mockwebserver3.MockResponse.Builder().code(200)
				.body("{\"ok\":true,\"result\":{\"message_id\":7,\"chat\":{\"id\":-100123,\"type\":\"channel\"},\"date\":1,\"text\":\"hi\"}}")
				.build());
			server.start();
			var selfHosted = URI.create(server.url("/telegram-api/").toString());

			var outcome = telegram.publish(post("hi"), channel(selfHosted, FakeTelegram.TOKEN, "-100123"));

			assertThat(outcome).isEqualTo(new PublishOutcome.Published("7", null)); // private: no public link
			assertThat(server.takeRequest().getUrl().encodedPath())
				.isEqualTo("/telegram-api/bot" + FakeTelegram.TOKEN + "/sendMessage");
		}
	}

	@Test
	void verifyNamesTheChannelAndTheBot() throws Exception {
		var account = telegram.verify(channel(fake));

		assertThat(account.name()).isEqualTo("Ada Lovelace (via Ada's Herald)");
		assertThat(account.handle()).isEqualTo("@ada_lovelace_daily");
		assertThat(account.profileUrl()).isEqualTo("https://t.me/ada_lovelace_daily");
		assertThat(telegramFake().calls).extracting(RecordedForm::method).containsExactly("getMe", "getChat");
	}

	@Test
	void aParseModeIsPassedOn() {
		var settings = new HashMap<>(channel(fake).settings());
		settings.put("parseMode", "HTML");
		var html = new ChannelContext(UUID.randomUUID(), "telegram", fake.baseUrl(), Map.of("botToken", FakeTelegram.TOKEN),
				settings, "ada");

		telegram.publish(post("<b>bold</b>", file("image/png", "p.png")), html);

		assertThat(telegramFake().lastSend().fields()).containsEntry("parse_mode", "HTML");
	}
}
