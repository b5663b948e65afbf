package dev.troupe.publishing.platform.webhook;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;

import dev.troupe.publishing.spi.PlatformException;
import dev.troupe.publishing.spi.PublishOutcome;
import dev.troupe.publishing.spi.TransportFailures;
import dev.troupe.publishing.spi.RateLimits;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maps a receiver's answer by status: 429 waits (Retry-After), 401/403 mean the secret is wrong, 404/410 that the
 * URL is gone (both need a person to fix the channel), other 4xx reject the content with the receiver's message,
 * 5xx may have been processed and are therefore unknown.
 */
final class WebhookErrors {

	private WebhookErrors() {
	}

	static PublishOutcome classify(HttpResponse<String> response, JsonMapper json, Instant now) {
		var status = response.statusCode();
		var message = message(response.body(), json);
		if (status == 429) {
			return new PublishOutcome.RateLimited(RateLimits.until(response.headers(), now).orElse(now.plusSeconds(60)),
					"The receiver asked to wait: " + message);
		}
		if (status == 401 || status == 403) {
			return new PublishOutcome.ChannelRevoked("The receiver refused the signature (HTTP " + status + ": "
					+ message + "); check that both sides use the same secret");
		}
		if (status == 404 || status == 410) {
			return new PublishOutcome.ChannelRevoked("The receiver URL is gone (HTTP " + status + ": " + message + ")");
		}
		if (status >= 400 && status < 500) {
			return new PublishOutcome.ContentRejected("The receiver refused the post (HTTP " + status + "): " + message);
		}
		return new PublishOutcome.OutcomeUnknown("The receiver answered HTTP " + status + " (" + message
				+ "); it may have processed the post");
	}

	static PlatformException verifyFailure(HttpResponse<String> response, JsonMapper json) {
		var status = response.statusCode();
		return new PlatformException("The receiver answered the ping with HTTP " + status + ": "
				+ message(response.body(), json), status == 401 || status == 403 || status == 404 || status == 410);
	}

	/** Connection refused or unknown host: nothing reached the receiver. Anything later may have been processed. */
	static PublishOutcome transport(IOException e, Duration timeout) {
		if (TransportFailures.neverSent(e)) {
			return new PublishOutcome.Transient("The receiver is unreachable: " + e);
		}
		if (e instanceof HttpTimeoutException) {
			return new PublishOutcome.OutcomeUnknown("The receiver did not answer within " + timeout.toMillis()
					+ " ms; it may have processed the post");
		}
		return new PublishOutcome.OutcomeUnknown("The connection to the receiver broke (" + e
				+ "); it may have processed the post");
	}

	/** {@code message}, {@code error} or {@code detail} from a JSON body (the usual names), else the text itself. */
	private static String message(String body, JsonMapper json) {
		if (body == null || body.isBlank()) {
			return "no details";
		}
		try {
			var node = json.readTree(body);
			for (var name : new String[] { "message", "error", "detail", "title" }) {
				var value = node.path(name);
				if (value.isString() && !value.asString().isBlank()) {
					return value.asString();
				}
			}
		}
		catch (JacksonException notJson) {
			// plain text or HTML: shown abbreviated below
		}
		return body.length() > 300 ? body.substring(0, 300) + "…" : body.strip();
	}
}
