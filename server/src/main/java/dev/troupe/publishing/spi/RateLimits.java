package dev.troupe.publishing.spi;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Reads when a rate limit ends from the headers platforms use: {@code Retry-After} (seconds or HTTP date),
 * {@code X-RateLimit-Reset} / {@code ratelimit-reset} (epoch seconds, ISO-8601, or seconds from now when small).
 * Adapters add what their error bodies say (Telegram's {@code parameters.retry_after}).
 */
public final class RateLimits {

	private RateLimits() {
	}

	public static Optional<Instant> until(HttpHeaders headers, Instant now) {
		var retryAfter = headers.firstValue("Retry-After");
		if (retryAfter.isPresent()) {
			return parse(retryAfter.get(), now, true);
		}
		for (var name : new String[] { "X-RateLimit-Reset", "ratelimit-reset", "x-ratelimit-reset" }) {
			var value = headers.firstValue(name);
			if (value.isPresent()) {
				return parse(value.get(), now, false);
			}
		}
		return Optional.empty();
	}

	static Optional<Instant> parse(String value, Instant now, boolean secondsFromNow) {
		var text = value.trim();
		try {
			var number = Double.parseDouble(text);
			// epoch seconds are large; small numbers are a delay (RFC 9110 Retry-After, IETF RateLimit headers)
			if (secondsFromNow || number < 1_000_000_000d) {
				return Optional.of(now.plus(Duration.ofMillis((long) (number * 1000))));
			}
			return Optional.of(Instant.ofEpochMilli((long) (number * 1000)));
		}
		catch (NumberFormatException notANumber) {
			try {
				return Optional.of(ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
			}
			catch (RuntimeException notAnHttpDate) {
				try {
					return Optional.of(Instant.parse(text));
				}
				catch (RuntimeException unknown) {
					return Optional.empty();
				}
			}
		}
	}
}
