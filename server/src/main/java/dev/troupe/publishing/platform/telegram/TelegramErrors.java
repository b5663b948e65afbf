package dev.troupe.publishing.platform.telegram;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;

import dev.troupe.publishing.spi.PlatformException;
import dev.troupe.publishing.spi.PublishOutcome;
import dev.troupe.publishing.spi.TransportFailures;
import dev.troupe.publishing.spi.RateLimits;
import tools.jackson.databind.JsonNode;

/**
 * Turns Bot API failures into outcomes. Every error answer has the shape
 * {@code {"ok":false,"error_code":429,"description":"Too Many Requests: retry after 5","parameters":{"retry_after":5}}};
 * the description is what a person needs to read, so it is passed on verbatim.
 */
final class TelegramErrors {

	private TelegramErrors() {
	}

	static PublishOutcome classify(int status, HttpHeaders headers, JsonNode body, Instant now) {
		var description = description(status, body);
		var retryAfter = body == null ? null : body.path("parameters").path("retry_after");
		if (status == 429 || (retryAfter != null && retryAfter.isNumber())) {
			var until = retryAfter != null && retryAfter.isNumber()
					? now.plus(Duration.ofSeconds(retryAfter.asLong()))
					: RateLimits.until(headers, now).orElse(now.plusSeconds(30));
			return new PublishOutcome.RateLimited(until, "Telegram: " + description);
		}
		if (isChannelProblem(status, description, body)) {
			return new PublishOutcome.ChannelRevoked("Telegram: " + description + hint(status, description, body));
		}
		if (status >= 500 || status / 100 == 2) {
			// Telegram may have delivered before failing (or answered in a shape we cannot read): never retry blindly.
			return new PublishOutcome.OutcomeUnknown("Telegram answered HTTP " + status + " (" + description
					+ "); the message may have been posted");
		}
		return new PublishOutcome.ContentRejected("Telegram: " + description);
	}

	/** The same failures during "Verify": the token or the chat must be fixed by a person. */
	static PlatformException verifyFailure(int status, JsonNode body) {
		var description = description(status, body);
		return new PlatformException("Telegram: " + description + hint(status, description, body),
				isChannelProblem(status, description, body));
	}

	/**
	 * Connection refused or unknown host: nothing reached Telegram, so a retry is safe. Any failure after the
	 * request left (no answer in time, connection dropped) may have posted the message.
	 */
	static PublishOutcome transport(IOException e, Duration timeout) {
		if (TransportFailures.neverSent(e)) {
			return new PublishOutcome.Transient("Telegram is unreachable: " + e);
		}
		if (e instanceof HttpTimeoutException) {
			return new PublishOutcome.OutcomeUnknown("Telegram did not answer within " + timeout.toMillis()
					+ " ms; the message may have been posted");
		}
		return new PublishOutcome.OutcomeUnknown("The connection to Telegram broke (" + e
				+ "); the message may have been posted");
	}


	/**
	 * 401 (bad token), 404 (a malformed token is an unknown path), 403 (bot removed from the channel), and a chat
	 * that does not exist or moved (a group upgraded to a supergroup gets a new id, given as
	 * {@code parameters.migrate_to_chat_id}): anything else sent will fail the same way until a person fixes the
	 * channel.
	 */
	private static boolean isChannelProblem(int status, String description, JsonNode body) {
		return status == 401 || status == 403 || status == 404 || description.contains("chat not found")
				|| description.contains("CHAT_WRITE_FORBIDDEN") || description.contains("need administrator rights")
				|| (body != null && body.path("parameters").path("migrate_to_chat_id").isNumber());
	}

	private static String hint(int status, String description, JsonNode body) {
		var migrated = body == null ? null : body.path("parameters").path("migrate_to_chat_id");
		if (migrated != null && migrated.isNumber()) {
			return " (set the channel's chatId to " + migrated.asLong() + ")";
		}
		if (status == 401 || status == 404) {
			return " (check the bot token from @BotFather and the Bot API address)";
		}
		if (status == 403 || description.contains("chat not found")) {
			return " (add the bot to the channel as an administrator that may post messages)";
		}
		return "";
	}

	private static String description(int status, JsonNode body) {
		var text = body == null ? "" : body.path("description").asString("");
		return text.isBlank() ? "HTTP " + status : text;
	}
}
