package dev.troupe.publishing.platform.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.PublishOutcome;
import dev.troupe.publishing.spi.PublishRequest;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;

/** A platform's answer is read only up to the JSON limit, however it is padded. */
class TelegramResponseLimitTests {

	@Test
	void anOversizedAnswerIsNotReadIntoMemory() throws Exception {
		try (var server = new MockWebServer()) {
			var success = "{\"ok\":true,\"result\":{\"message_id\":7,\"date\":1,\"chat\":{\"id\":-100,\"type\":\"channel\"}}}";
			var padded = new Buffer().writeUtf8(success).write(" ".repeat(17 * 1024 * 1024).getBytes());
			server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(padded)
				.build());
			server.start();
			var channel = new ChannelContext(UUID.randomUUID(), "telegram", server.url("/").uri(),
					Map.of("botToken", FakeTelegram.TOKEN), Map.of("chatId", FakeTelegram.CHANNEL, "timeoutMillis", "5000"),
					"ada");
			var outcome = new TelegramPlatform().publish(new PublishRequest(UUID.randomUUID(), "troupe-1", "hello",
					List.of(), Map.of(), Instant.now(), Map.of()), channel);
			// the request left, the answer was refused: outcome unknown, never "published" from a 17 MB body
			assertThat(outcome).isNotInstanceOf(PublishOutcome.Published.class);
			assertThat(outcome.toString()).contains("larger than");
		}
	}
}
