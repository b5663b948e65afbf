package dev.troupe.publishing.platform.discord;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.troupe.publishing.spi.PlatformException;
import dev.troupe.publishing.spi.PublishOutcome;
import dev.troupe.publishing.spi.TransportFailures;
import dev.troupe.publishing.spi.RateLimits;
import tools.jackson.databind.JsonNode;

/**
 * Turns Discord's answers into outcomes. Errors are {@code {"message":"Unknown Webhook","code":10015}}; form errors
 * add a tree ({@code {"code":50035,"errors":{"content":{"_errors":[{"message":"Must be 2000 or fewer in length."}]}}}})
 * that is flattened to "content: Must be 2000 or fewer in length." for the person who has to fix the post.
 */
final class DiscordErrors {

	private DiscordErrors() {
	}

	static PublishOutcome classify(int status, HttpHeaders headers, JsonNode body, Instant now) {
		var message = message(status, body);
		if (status == 429) {
			// "global": true is the limit of the whole application, not of this webhook
			return new PublishOutcome.RateLimited(retryAt(headers, body, now), "Discord: " + message,
					body != null && body.path("global").asBoolean(false));
		}
		if (status == 401 || status == 403 || status == 404) {
			// Invalid Webhook Token (50027), Unknown Webhook (10015, deleted), Missing Permissions (50013).
			return new PublishOutcome.ChannelRevoked("Discord: " + message + " (create a new webhook and reconnect)");
		}
		if (status >= 500 || status / 100 == 2) {
			return new PublishOutcome.OutcomeUnknown("Discord answered HTTP " + status + " (" + message
					+ "); the message may have been posted");
		}
		return new PublishOutcome.ContentRejected("Discord: " + message);
	}

	static PlatformException verifyFailure(int status, JsonNode body) {
		return new PlatformException("Discord: " + message(status, body), status == 401 || status == 403 || status == 404);
	}

	/** Connection refused or unknown host: nothing reached Discord. Anything later may have posted. */
	static PublishOutcome transport(IOException e, Duration timeout) {
		if (TransportFailures.neverSent(e)) {
			return new PublishOutcome.Transient("Discord is unreachable: " + e);
		}
		if (e instanceof HttpTimeoutException) {
			return new PublishOutcome.OutcomeUnknown("Discord did not answer within " + timeout.toMillis()
					+ " ms; the message may have been posted");
		}
		return new PublishOutcome.OutcomeUnknown("The connection to Discord broke (" + e
				+ "); the message may have been posted");
	}

	/**
	 * The body's {@code retry_after} is seconds as a float and the most precise; the {@code X-RateLimit-Reset-After}
	 * header says the same for per-route limits; {@code Retry-After} (whole seconds) is the last resort.
	 */
	private static Instant retryAt(HttpHeaders headers, JsonNode body, Instant now) {
		var seconds = body == null ? null : body.path("retry_after");
		if (seconds != null && seconds.isNumber()) {
			return now.plus(Duration.ofMillis((long) Math.ceil(seconds.asDouble() * 1000)));
		}
		var resetAfter = headers.firstValue("X-RateLimit-Reset-After");
		if (resetAfter.isPresent()) {
			try {
				return now.plus(Duration.ofMillis((long) Math.ceil(Double.parseDouble(resetAfter.get()) * 1000)));
			}
			catch (NumberFormatException ignored) {
				// fall through to Retry-After
			}
		}
		return RateLimits.until(headers, now).orElse(now.plusSeconds(60));
	}

	private static String message(int status, JsonNode body) {
		var message = body == null ? "" : body.path("message").asString("");
		var details = new ArrayList<String>();
		if (body != null) {
			flatten("", body.path("errors"), details);
		}
		var code = body == null ? null : body.path("code");
		var text = message.isBlank() ? "HTTP " + status : message;
		text += code != null && code.isNumber() && code.asInt() != 0 ? " (code " + code.asInt() + ")" : "";
		return details.isEmpty() ? text : text + ": " + String.join("; ", details);
	}

	private static void flatten(String path, JsonNode node, List<String> details) {
		if (!node.isObject()) {
			return;
		}
		var errors = node.path("_errors");
		if (errors.isArray()) {
			errors.forEach(e -> details.add(path + ": " + e.path("message").asString(e.path("code").asString(""))));
		}
		node.properties().forEach(entry -> {
			if (!entry.getKey().equals("_errors")) {
				flatten(path.isEmpty() ? entry.getKey() : path + "." + entry.getKey(), entry.getValue(), details);
			}
		});
	}
}
