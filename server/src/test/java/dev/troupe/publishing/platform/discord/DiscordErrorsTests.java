package dev.troupe.publishing.platform.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.troupe.publishing.spi.PublishOutcome;
import tools.jackson.databind.json.JsonMapper;

class DiscordErrorsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void aGlobalRateLimitHoldsBackTheWholePlatformAWebhookLimitOnlyTheChannel() {
		var headers = HttpHeaders.of(Map.of("Retry-After", List.of("3")), (a, b) -> true);
		var global = DiscordErrors.classify(429, headers,
				JSON.readTree("{\"message\":\"You are being rate limited.\",\"retry_after\":2.5,\"global\":true}"), Instant.now());
		var local = DiscordErrors.classify(429, headers,
				JSON.readTree("{\"message\":\"You are being rate limited.\",\"retry_after\":2.5,\"global\":false}"), Instant.now());
		assertThat(global).isInstanceOfSatisfying(PublishOutcome.RateLimited.class, r -> assertThat(r.platformWide()).isTrue());
		assertThat(local).isInstanceOfSatisfying(PublishOutcome.RateLimited.class, r -> assertThat(r.platformWide()).isFalse());
	}
}
