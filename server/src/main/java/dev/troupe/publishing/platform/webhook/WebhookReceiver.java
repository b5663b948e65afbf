package dev.troupe.publishing.platform.webhook;

import java.net.URI;
import java.time.Duration;

import dev.troupe.publishing.spi.ChannelContext;

/**
 * A webhook channel: {@code baseUrl} is the receiver's URL (posted to as is), credential {@code secret} signs
 * every request, setting {@code timeoutMillis} (30000) bounds the wait for an answer.
 */
record WebhookReceiver(URI url, String secret, Duration timeout) {

	static WebhookReceiver of(ChannelContext context) {
		return new WebhookReceiver(context.baseUrl(), context.credential("secret"),
				timeout(context.setting("timeoutMillis", "30000")));
	}

	/** What is missing before anything can be sent, or null. */
	String misconfiguration() {
		if (url == null) {
			return "the channel has no receiver URL";
		}
		return secret == null || secret.isBlank() ? "the channel has no signing secret" : null;
	}

	private static Duration timeout(String millis) {
		try {
			return Duration.ofMillis(Math.max(1, Long.parseLong(millis.trim())));
		}
		catch (NumberFormatException e) {
			return Duration.ofSeconds(30); // a typo in a setting should not stop publishing
		}
	}
}
