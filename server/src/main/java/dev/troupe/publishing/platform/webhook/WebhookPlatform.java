package dev.troupe.publishing.platform.webhook;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;

import org.springframework.stereotype.Component;

import dev.troupe.publishing.spi.AccountInfo;
import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.PlatformDescriptor;
import dev.troupe.publishing.spi.PlatformException;
import dev.troupe.publishing.spi.PublishOutcome;
import dev.troupe.publishing.spi.PublishRequest;
import dev.troupe.publishing.spi.SocialPlatform;
import dev.troupe.publishing.spi.WebhookSignature;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hands publications to any HTTP service (n8n, Make, Zapier catch hooks, your own code) as signed JSON.
 * <p>
 * Channel: {@code baseUrl} = the receiver's URL; credential {@code secret}; setting {@code timeoutMillis} (30000).
 * <p>
 * Request: {@code POST <baseUrl>}, {@code Content-Type: application/json}, body
 * {@code {"type":"publication","id":"<publication uuid>","idempotencyKey":"…","character":"ada","text":"…",
 * "media":[{"contentType":"image/png","filename":"…","altText":"…","base64":"…"}],"scheduledAt":"2025-01-10T09:00:00Z"}}.
 * "Verify" posts {@code {"type":"ping"}} the same way.
 * <p>
 * Signature: headers {@code X-Troupe-Timestamp: <unix seconds>} and
 * {@code X-Troupe-Signature: sha256=<lowercase hex of HMAC-SHA256(key = secret as UTF-8, message = timestamp + "." + body)>},
 * over the raw body bytes exactly as received (parse after verifying). Receivers check it with
 * {@link #verifySignature} or the same three lines in any language, compare in constant time, and should refuse
 * timestamps more than five minutes old so that a captured request cannot be replayed. {@code Idempotency-Key} is
 * stable across attempts of one publication: a receiver that remembers it can make repeats harmless.
 * <p>
 * Answer: any 2xx publishes; an optional JSON body {@code {"id":"…","url":"…"}} names the result (else the id is
 * the publication's). 429 + {@code Retry-After} waits; 401/403 mean a wrong secret; other 4xx refuse the content
 * with the body's {@code message}; 5xx and timeouts are unknown outcomes, never retried blindly.
 */
@Component
public class WebhookPlatform implements SocialPlatform {

	private final JsonMapper json = JsonMapper.shared(); // trees only: independent of the application's mapper
	private final WebhookClient client;
	private final WebhookPayloads payloads = new WebhookPayloads(json);

	public WebhookPlatform() {
		this(Clock.systemUTC());
	}

	WebhookPlatform(Clock clock) {
		this.client = new WebhookClient(clock);
	}

	/**
	 * For receivers: whether {@code header} (the {@code X-Troupe-Signature} value) signs {@code timestamp} (the
	 * {@code X-Troupe-Timestamp} value) and {@code body} (the raw request body) with {@code secret}.
	 */
	public static boolean verifySignature(String secret, String timestamp, String body, String header) {
		return WebhookSignature.verify(secret, timestamp, body, header);
	}

	@Override
	public String type() {
		return "webhook";
	}

	@Override
	public PlatformDescriptor descriptor() {
		return WebhookDescriptor.DESCRIPTOR;
	}

	@Override
	public AccountInfo verify(ChannelContext context) throws PlatformException {
		var receiver = WebhookReceiver.of(context);
		if (receiver.misconfiguration() != null) {
			throw new PlatformException("Webhook: " + receiver.misconfiguration(), true);
		}
		try {
			var response = client.post(receiver, payloads.ping(), null);
			if (response.statusCode() / 100 != 2) {
				throw WebhookErrors.verifyFailure(response, json);
			}
			return new AccountInfo(receiver.url().getHost(), null, null, null);
		}
		catch (IOException e) {
			throw new PlatformException("The receiver at " + receiver.url().getHost() + " is unreachable: "
					+ e.getMessage(), false, e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new PlatformException("Interrupted while pinging the receiver", false, e);
		}
	}

	@Override
	public PublishOutcome publish(PublishRequest request, ChannelContext context) {
		var receiver = WebhookReceiver.of(context);
		if (receiver.misconfiguration() != null) {
			return new PublishOutcome.ChannelRevoked("Webhook: " + receiver.misconfiguration());
		}
		try {
			var response = client.post(receiver, payloads.publication(request, context), request.idempotencyKey());
			if (response.statusCode() / 100 == 2) {
				return published(response.body(), request);
			}
			return WebhookErrors.classify(response, json, Instant.now());
		}
		catch (IOException e) {
			return WebhookErrors.transport(e, receiver.timeout());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return new PublishOutcome.OutcomeUnknown("Interrupted while sending to the receiver; it may have the post");
		}
	}

	/** The receiver may name its result; an empty or non-JSON 2xx body is fine (many hooks answer "OK"). */
	private PublishOutcome published(String body, PublishRequest request) {
		var id = request.publicationId().toString();
		String url = null;
		try {
			var node = body == null || body.isBlank() ? null : json.readTree(body);
			if (node != null && node.isObject()) {
				var given = node.path("id");
				id = given.isString() || given.isNumber() ? given.asString() : id;
				url = node.path("url").isString() ? node.path("url").asString() : null;
			}
		}
		catch (JacksonException notJson) {
			// keep the publication id
		}
		return new PublishOutcome.Published(id, url);
	}
}
