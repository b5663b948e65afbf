package dev.troupe.publishing.platform.meta;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.troupe.publishing.spi.PlatformException;
import dev.troupe.publishing.spi.PublishOutcome;
import dev.troupe.publishing.spi.InsightsRateLimited;
import tools.jackson.databind.JsonNode;

/**
 * Read-only Graph calls for metrics: what a refused read means (throttled: wait until the usage headers say;
 * a dead token: reconnect; a missing permission: reconnect to grant it), whether an object is gone, and the
 * values of an {@code /insights} answer.
 */
public final class GraphReads {

	private GraphReads() {
	}

	/** A refused read as an exception: throttling waits, a token Meta no longer accepts needs a reconnect. */
	public static PlatformException failure(String platform, GraphResponse response, String permission) {
		var outcome = MetaErrors.classify(platform, response, Instant.now());
		if (outcome instanceof PublishOutcome.RateLimited limited) {
			return new InsightsRateLimited(limited.reason(), limited.until());
		}
		if (missingPermission(response)) {
			return new PlatformException(platform + ": " + response.message() + " (the channel lacks the " + permission
					+ " permission: reconnect it to grant it)", false);
		}
		return new PlatformException(platform + ": " + response.message(), outcome instanceof PublishOutcome.TokenExpired);
	}

	public static PlatformException unreachable(String platform, Exception e) {
		if (e instanceof InterruptedException) {
			Thread.currentThread().interrupt();
			return new PlatformException("interrupted", false, e);
		}
		return new PlatformException("could not reach " + platform + " (" + e.getClass().getSimpleName() + ")", false,
				(IOException) e);
	}

	/** Meta's answer for an object that no longer exists (or that the token may no longer see): code 100/33, 803. */
	public static boolean gone(GraphResponse response) {
		return response.code() == 100 && response.subcode() == 33 || response.code() == 803;
	}

	/** Codes 10 and 200–299: the token lacks a permission (also "(#10) Not enough viewers" on media insights). */
	public static boolean missingPermission(GraphResponse response) {
		return response.code() == 10 || response.code() >= 200 && response.code() <= 299;
	}

	/**
	 * {@code data[]} of an insights answer by metric name: {@code values[0].value} for lifetime metrics,
	 * {@code total_value.value} for totals; a metric Meta left out stays absent.
	 */
	public static Map<String, Long> insightValues(JsonNode body) {
		var values = new LinkedHashMap<String, Long>();
		for (var metric : body.path("data")) {
			var value = metric.has("total_value") ? metric.path("total_value").path("value")
					: metric.path("values").path(0).path("value");
			if (value.isNumber()) {
				values.put(metric.path("name").asString(), value.asLong());
			}
		}
		return values;
	}

	/** The named numeric fields of a Graph object that are present. */
	public static Map<String, Long> counts(JsonNode body, String... fields) {
		var values = new LinkedHashMap<String, Long>();
		for (var field : fields) {
			if (body.path(field).isNumber()) {
				values.put(field, body.path(field).asLong());
			}
		}
		return values;
	}
}
