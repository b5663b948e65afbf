package dev.troupe.publishing.platform.meta;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.troupe.publishing.spi.PublishOutcome;
import tools.jackson.databind.json.JsonMapper;

/** Meta's error objects and usage headers, as the Graph API's "Handling Errors" and "Rate Limits" guides show them. */
class MetaErrorsTests {

	private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

	private static GraphResponse error(int status, String body, Map<String, List<String>> headers) {
		return new GraphResponse(status, HttpHeaders.of(headers, (a, b) -> true), JsonMapper.shared().readTree(body));
	}

	private static String graphError(int code, int subcode, String message) {
		return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"OAuthException\",\"code\":" + code
				+ (subcode == 0 ? "" : ",\"error_subcode\":" + subcode) + ",\"fbtrace_id\":\"A1\"}}";
	}

	@Test
	void throttlingHoldsTheAccountUntilTheBusinessUseCaseSaysAndTheAppForCodeFour() {
		var buc = Map.of("X-Business-Use-Case-Usage", List.of("{\"178\":[{\"type\":\"instagram\",\"call_count\":100,"
				+ "\"total_cputime\":5,\"total_time\":5,\"estimated_time_to_regain_access\":17}]}"));
		for (var code : new int[] { 17, 32, 613, 80002 }) {
			assertThat(MetaErrors.classify("Instagram", error(400, graphError(code, 0, "limit"), buc), NOW))
				.isInstanceOfSatisfying(PublishOutcome.RateLimited.class, r -> {
					assertThat(r.until()).isEqualTo(NOW.plusSeconds(17 * 60));
					assertThat(r.platformWide()).isFalse();
				});
		}
		assertThat(MetaErrors.classify("Instagram", error(400, graphError(4, 0, "app limit"), Map.of()), NOW))
			.isInstanceOfSatisfying(PublishOutcome.RateLimited.class, r -> {
				assertThat(r.platformWide()).isTrue();
				assertThat(r.until()).isEqualTo(NOW.plusSeconds(300));
			});
		var appFull = Map.of("X-App-Usage", List.of("{\"call_count\":100,\"total_cputime\":20,\"total_time\":40}"));
		assertThat(MetaErrors.classify("Facebook", error(400, graphError(1, 0, "unknown"), appFull), NOW))
			.isInstanceOfSatisfying(PublishOutcome.RateLimited.class, r -> assertThat(r.platformWide()).isTrue());
	}

	@Test
	void invalidTokensNeedAReconnectAndMediaErrorsFailInMetasWords() {
		assertThat(MetaErrors.classify("Instagram", error(400, graphError(190, 463, "Session has expired"), Map.of()), NOW))
			.isInstanceOf(PublishOutcome.TokenExpired.class);
		var media = "{\"error\":{\"message\":\"Media download has failed.\",\"type\":\"OAuthException\",\"code\":9004,"
				+ "\"error_subcode\":2207052,\"error_user_title\":\"Media download failed\",\"error_user_msg\":"
				+ "\"The media could not be fetched from this URI.\"}}";
		assertThat(MetaErrors.classify("Instagram", error(400, media, Map.of()), NOW)).isInstanceOfSatisfying(
				PublishOutcome.ContentRejected.class,
				r -> assertThat(r.reason()).isEqualTo("Instagram: The media could not be fetched from this URI."));
		assertThat(MetaErrors.classify("Instagram", error(400, graphError(9, 2207042, "limit reached"), Map.of()), NOW))
			.as("the 24-hour publishing limit waits").isInstanceOf(PublishOutcome.RateLimited.class);
		assertThat(MetaErrors.classify("Threads", error(500, graphError(2, 0, "Service temporarily unavailable"), Map.of()), NOW))
			.isInstanceOf(PublishOutcome.Transient.class);
	}
}
