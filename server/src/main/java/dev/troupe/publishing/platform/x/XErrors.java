package dev.troupe.publishing.platform.x;

import java.util.Locale;
import java.time.Duration;
import java.time.Instant;

import dev.troupe.publishing.spi.PublishOutcome;

/**
 * X's answers as outcomes (docs.x.com fundamentals: rate limits, response codes). A 429 waits for the reset of the
 * limit that is spent: the app's 24-hour limit holds every channel of the app, the user's 24-hour limit this
 * channel, otherwise the 15-minute window of {@code x-rate-limit-reset}. X sends no Retry-After. 403 "duplicate
 * content" and other refusals end the publication with X's words; 401 means the access token is no longer valid.
 */
final class XErrors {

	private XErrors() {
	}

	static PublishOutcome classify(XResponse response, Instant now) {
		var status = response.status();
		if (status == 429) {
			return limited(response, now);
		}
		if (status == 401) {
			return new PublishOutcome.TokenExpired("X refused the access token: " + response.message());
		}
		if (status == 403 && response.message().toLowerCase(Locale.ROOT).contains("duplicate")) {
			return new PublishOutcome.ContentRejected("X refused it as duplicate content: " + response.message());
		}
		if (status / 100 == 4) {
			return new PublishOutcome.ContentRejected("X refused the post (" + status + "): " + response.message());
		}
		return new PublishOutcome.Transient("X answered " + status + ": " + response.message());
	}

	static PublishOutcome.RateLimited limited(XResponse response, Instant now) {
		if ("0".equals(response.header("x-app-limit-24hour-remaining"))) {
			return new PublishOutcome.RateLimited(reset(response, "x-app-limit-24hour-reset", now, Duration.ofHours(24)),
					"X's 24-hour limit of the app (" + response.header("x-app-limit-24hour-limit") + " posts) is spent", true);
		}
		if ("0".equals(response.header("x-user-limit-24hour-remaining"))) {
			return new PublishOutcome.RateLimited(reset(response, "x-user-limit-24hour-reset", now, Duration.ofHours(24)),
					"X's 24-hour limit of this account (" + response.header("x-user-limit-24hour-limit") + " posts) is spent");
		}
		return new PublishOutcome.RateLimited(reset(response, "x-rate-limit-reset", now, Duration.ofMinutes(15)),
				"X's rate limit (" + response.header("x-rate-limit-limit") + " requests per 15 minutes) is reached");
	}

	private static Instant reset(XResponse response, String header, Instant now, Duration fallback) {
		var value = response.header(header);
		try {
			var at = Instant.ofEpochSecond(Long.parseLong(value.trim()));
			return at.isAfter(now) ? at : now.plusSeconds(1);
		}
		catch (RuntimeException missing) {
			return now.plus(fallback);
		}
	}
}
