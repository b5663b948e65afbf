package dev.troupe.publishing.platform.webhook;

import java.util.List;

import dev.troupe.publishing.spi.PlatformDescriptor;
import dev.troupe.publishing.spi.PlatformDescriptor.CapabilityFlags;
import dev.troupe.publishing.spi.PlatformDescriptor.ConnectKind;
import dev.troupe.publishing.spi.PlatformDescriptor.ConnectSpec;
import dev.troupe.publishing.spi.PlatformDescriptor.Field;
import dev.troupe.publishing.spi.PlatformDescriptor.MediaRules;
import dev.troupe.publishing.spi.PlatformDescriptor.Setting;
import dev.troupe.publishing.spi.PlatformDescriptor.TextRules;
import dev.troupe.publishing.spi.TextCounting;

/**
 * Signed JSON to the owner's own receiver. Files travel base64-encoded inside the body, which grows them by a
 * third: 25 MB files make bodies of ~34 MB, which common receivers still accept.
 */
final class WebhookDescriptor {

	static final long MAX_BYTES = 25L * 1024 * 1024;

	static final PlatformDescriptor DESCRIPTOR = new PlatformDescriptor("webhook", "Webhook", "webhook", null,
			new ConnectSpec(ConnectKind.WEBHOOK, List.of(
					Field.baseUrl("Receiver URL", "Where each post is POSTed as JSON.", null)
						.withPlaceholder("https://example.com/troupe-hook"),
					Field.secret("secret", "Signing secret", "Signs each request (X-Troupe-Signature, HMAC-SHA256)."))),
			List.of(Setting.integer("timeoutMillis", "Timeout (ms)", "How long to wait for the receiver.", 30_000)),
			new CapabilityFlags(new TextRules(100_000, TextCounting.CHARACTERS, null),
					new MediaRules(List.of("image", "video", "gif", "audio"), 0, 10, List.of("*/*"), MAX_BYTES, 8192, MAX_BYTES,
							null, null, null, true, 5000),
					false, false, false, false, false));

	private WebhookDescriptor() {
	}
}
