package dev.troupe.publishing.platform.meta;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.troupe.publishing.spi.PublishOutcome;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Meta's error shapes mapped to outcomes (Graph API "Handling Errors" and "Rate Limits" guides): throttling
 * codes hold the app (code 4) or only this account (17, 32, 613, 80000–80014) until the time the usage headers
 * give; 190 and the other token codes need a reconnect; media errors (subcodes 2207xxx) and invalid parameters
 * are the content's fault and carry Meta's own words.
 */
public final class MetaErrors {

	private static final JsonMapper JSON = JsonMapper.builder().build();
	static final Duration DEFAULT_WAIT = Duration.ofMinutes(5);

	private MetaErrors() {
	}

	public static PublishOutcome classify(String platform, GraphResponse response, Instant now) {
		var code = response.code();
		var subcode = response.subcode();
		var message = platform + ": " + response.message();
		if (code == 4 || appUsageFull(response)) {
			return new PublishOutcome.RateLimited(until(response, now), message + " (the app's limit)", true);
		}
		if (code == 17 || code == 32 || code == 613 || code >= 80000 && code <= 80014) {
			return new PublishOutcome.RateLimited(until(response, now), message);
		}
		if (code == 9 && subcode == 2207042) { // the 24-hour publishing limit
			return new PublishOutcome.RateLimited(now.plus(Duration.ofHours(1)), message);
		}
		if (code == 190 || code == 102 || code == 463 || code == 467) {
			return new PublishOutcome.TokenExpired(message);
		}
		if (code == 10 || code >= 200 && code <= 299) {
			return new PublishOutcome.ChannelRevoked(message + " (a permission is missing)");
		}
		if (subcode >= 2207000 && subcode <= 2207999 || code == 100 || code == 36000 || code == 352) {
			return new PublishOutcome.ContentRejected(message);
		}
		if (response.status() >= 500 || code == 1 || code == 2) {
			return new PublishOutcome.Transient(message);
		}
		return new PublishOutcome.ContentRejected(message);
	}

	/**
	 * When access comes back: the largest {@code estimated_time_to_regain_access} (minutes) of
	 * X-Business-Use-Case-Usage, else five minutes (X-App-Usage gives percentages, not a time).
	 */
	static Instant until(GraphResponse response, Instant now) {
		return regain(response.headers().firstValue("X-Business-Use-Case-Usage"))
			.filter(minutes -> minutes > 0).map(minutes -> now.plus(Duration.ofMinutes(minutes)))
			.orElse(now.plus(DEFAULT_WAIT));
	}

	/** X-App-Usage: percentages of the app's hourly budget; at 100 the whole app is throttled. */
	static boolean appUsageFull(GraphResponse response) {
		var header = response.headers().firstValue("X-App-Usage");
		if (header.isEmpty() || response.ok()) {
			return false;
		}
		try {
			var usage = JSON.readTree(header.get());
			return usage.path("call_count").asInt(0) >= 100 || usage.path("total_time").asInt(0) >= 100
					|| usage.path("total_cputime").asInt(0) >= 100;
		}
		catch (JacksonException unreadable) {
			return false;
		}
	}

	private static Optional<Long> regain(Optional<String> header) {
		if (header.isEmpty()) {
			return Optional.empty();
		}
		try {
			long max = 0;
			for (var entries : JSON.readTree(header.get())) {
				for (var entry : entries) {
					max = Math.max(max, entry.path("estimated_time_to_regain_access").asLong(0));
				}
			}
			return Optional.of(max);
		}
		catch (JacksonException unreadable) {
			return Optional.empty();
		}
	}
}
