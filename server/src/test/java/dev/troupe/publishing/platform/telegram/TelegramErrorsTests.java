package dev.troupe.publishing.platform.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.troupe.publishing.spi.PublishOutcome;
import tools.jackson.databind.json.JsonMapper;

class TelegramErrorsTests {

	private static final Instant NOW = Instant.parse("2025-01-10T09:00:00Z");
	private static final HttpHeaders NO_HEADERS = HttpHeaders.of(Map.of(), (a, b) -> true);

	private static PublishOutcome classify(int status, String body) {
		return TelegramErrors.classify(status, NO_HEADERS, JsonMapper.shared().readTree(body), NOW);
	}

	@Test
	void aGroupThatBecameASupergroupNamesItsNewId() {
		assertThat(classify(400, """
				{"ok":false,"error_code":400,"description":"Bad Request: group chat was upgraded to a supergroup chat",
				"parameters":{"migrate_to_chat_id":-1001122334455}}"""))
			.isEqualTo(new PublishOutcome.ChannelRevoked("Telegram: Bad Request: group chat was upgraded to a"
					+ " supergroup chat (set the channel's chatId to -1001122334455)"));
	}

	@Test
	void aBotThatMayNotPostIsAChannelProblemNotAContentOne() {
		assertThat(classify(400, """
				{"ok":false,"error_code":400,"description":"Bad Request: need administrator rights in the channel chat"}"""))
			.isInstanceOf(PublishOutcome.ChannelRevoked.class);
	}

	@Test
	void retryAfterComesFromTheBody() {
		assertThat(classify(429, """
				{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 5","parameters":{"retry_after":5}}"""))
			.isEqualTo(new PublishOutcome.RateLimited(NOW.plusSeconds(5), "Telegram: Too Many Requests: retry after 5"));
	}

	@Test
	void aBadGatewayPageIsAnUnknownOutcome() {
		assertThat(TelegramErrors.classify(502, NO_HEADERS, null, NOW)).isInstanceOf(PublishOutcome.OutcomeUnknown.class);
	}
}
