package dev.troupe.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import dev.troupe.media.Provenance;
import dev.troupe.media.ProvenanceInfo;
import dev.troupe.publishing.platform.bluesky.BlueskyPlatform;
import dev.troupe.publishing.platform.bluesky.FakeBluesky;
import dev.troupe.publishing.platform.discord.DiscordPlatform;
import dev.troupe.publishing.platform.discord.FakeDiscord;
import dev.troupe.publishing.platform.mastodon.FakeMastodon;
import dev.troupe.publishing.platform.telegram.FakeTelegram;
import dev.troupe.publishing.platform.telegram.TelegramPlatform;
import dev.troupe.publishing.platform.mastodon.MastodonPlatform;
import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.PublishOutcome;
import dev.troupe.publishing.spi.PublishRequest;
import dev.troupe.publishing.spi.SocialPlatform;
import tools.jackson.databind.json.JsonMapper;

/**
 * A generated PNG goes through the same rendition step as in {@code PublicationRunner} to the Bluesky, Mastodon,
 * Discord and Telegram fakes (the platforms that receive files; feeds serve the stored, stamped asset); the
 * bytes each fake received still say {@code trainedAlgorithmicMedia}, including Bluesky's JPEG re-encode for its
 * 1 MB blob limit. A camera photo going the same way is never marked.
 */
class ProvenanceThroughPublishingTests {

	private static final String GENERATED = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";
	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void blueskyGetsAReEncodedJpegThatStillCarriesTheProvenance() throws Exception {
		try (var fake = new FakeBluesky()) {
			var platform = new BlueskyPlatform(JSON);
			var channel = new ChannelContext(UUID.randomUUID(), "bluesky", fake.baseUrl(),
					Map.of("identifier", FakeBluesky.HANDLE, "appPassword", FakeBluesky.APP_PASSWORD),
					Map.of("timeoutMillis", "3000"), "mira");
			var generated = generatedPng(1400, 1000);
			assertThat(generated.length).as("too big for a Bluesky blob").isGreaterThan(1_000_000);

			var sent = publish(platform, channel, generated);

			assertThat(sent.contentType()).isEqualTo("image/jpeg");
			var received = fake.blobs().values().iterator().next();
			assertThat(received).isNotEqualTo(generated).hasSizeLessThanOrEqualTo(1_000_000);
			assertThat(Provenance.readDigitalSourceType(received)).contains(GENERATED);
		}
	}

	@Test
	void mastodonGetsTheFileWithItsProvenance() throws Exception {
		try (var fake = new FakeMastodon()) {
			var platform = new MastodonPlatform(JSON);
			var channel = new ChannelContext(UUID.randomUUID(), "mastodon", fake.baseUrl(),
					Map.of("accessToken", FakeMastodon.TOKEN), Map.of("timeoutMillis", "3000"), "mira");
			publish(platform, channel, generatedPng(1400, 1000));
			assertThat(fake.uploadedFiles()).singleElement()
				.satisfies(bytes -> assertThat(Provenance.readDigitalSourceType(bytes)).contains(GENERATED));
		}
	}

	@Test
	void discordAndTelegramGetTheFileWithItsProvenance() throws Exception {
		try (var fake = new FakeDiscord()) {
			var channel = new ChannelContext(UUID.randomUUID(), "discord", fake.baseUrl(),
					Map.of("webhookId", FakeDiscord.WEBHOOK_ID, "webhookToken", FakeDiscord.TOKEN), Map.of("timeoutMillis", "3000"), "mira");
			publish(new DiscordPlatform(), channel, generatedPng(1400, 1000));
			var files = fake.lastExecution().files();
			assertThat(files).isNotEmpty();
			files.values().forEach(f -> assertThat(Provenance.readDigitalSourceType(f.bytes())).contains(GENERATED));
		}
		try (var fake = new FakeTelegram()) {
			var channel = new ChannelContext(UUID.randomUUID(), "telegram", fake.baseUrl(), Map.of("botToken", FakeTelegram.TOKEN),
					Map.of("chatId", FakeTelegram.CHANNEL, "timeoutMillis", "3000"), "mira");
			publish(new TelegramPlatform(), channel, generatedPng(1400, 1000));
			var files = fake.lastSend().files();
			assertThat(files).isNotEmpty();
			files.values().forEach(f -> assertThat(Provenance.readDigitalSourceType(f.bytes())).contains(GENERATED));
		}
	}

	@Test
	void aResizedRenditionKeepsItAndACameraPhotoIsNeverMarked() throws Exception {
		var caps = new dev.troupe.publishing.spi.Capabilities(500, 4, List.of("image/"), false, 0, 800, 0, 1000, false);
		var resized = Renditions.fit(generatedPng(1400, 1000), "image/png", caps);
		assertThat(ImageIO.read(new java.io.ByteArrayInputStream(resized.bytes())).getWidth()).isEqualTo(800);
		assertThat(Provenance.readDigitalSourceType(resized.bytes())).contains(GENERATED);

		var camera = png(1400, 1000);
		try (var fake = new FakeBluesky()) {
			var channel = new ChannelContext(UUID.randomUUID(), "bluesky", fake.baseUrl(),
					Map.of("identifier", FakeBluesky.HANDLE, "appPassword", FakeBluesky.APP_PASSWORD),
					Map.of("timeoutMillis", "3000"), "mira");
			publish(new BlueskyPlatform(JSON), channel, camera);
			assertThat(Provenance.readDigitalSourceType(fake.blobs().values().iterator().next())).isEmpty();
		}
	}

	private static Renditions.Rendered publish(SocialPlatform platform, ChannelContext channel, byte[] png) {
		var rendered = Renditions.fit(png, "image/png", platform.capabilities(channel));
		var media = new PublishRequest.Media(rendered.bytes(), rendered.contentType(), "mira." + rendered.contentType().substring(6),
				"Mira at the sea");
		var outcome = platform.publish(new PublishRequest(UUID.randomUUID(), "troupe-" + UUID.randomUUID(), "Evening",
				List.of(media), Map.of(), Instant.now(), Map.of()), channel);
		assertThat(outcome).isInstanceOf(PublishOutcome.Published.class);
		return rendered;
	}

	private static byte[] generatedPng(int width, int height) throws Exception {
		return Provenance.stamp(png(width, height), "image/png",
				new ProvenanceInfo("Troupe via comfyui (test)", "Mira", UUID.randomUUID().toString(), Instant.now()));
	}

	/** Noise, so the PNG is large, as a real photo-like generation is. */
	private static byte[] png(int width, int height) throws Exception {
		var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		var random = new Random(width);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				image.setRGB(x, y, random.nextInt(0xFFFFFF));
			}
		}
		var out = new ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		return out.toByteArray();
	}
}
