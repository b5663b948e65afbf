package dev.troupe.publishing.spi;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>}: how Troupe signs what it POSTs to other people's
 * servers, both the webhook channel's publications and the event subscriptions' deliveries.
 */
public final class WebhookSignature {

	public static final String PREFIX = "sha256=";

	private WebhookSignature() {
	}

	public static String header(String secret, String timestamp, String body) {
		return PREFIX + HexFormat.of().formatHex(hmac(secret, timestamp + "." + body));
	}

	/** {@link #header(String, String, String)} for a body read from a stream (one with files in it), never held whole. */
	public static String header(String secret, String timestamp, java.io.InputStream body) throws java.io.IOException {
		var mac = mac(secret);
		mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
		var buffer = new byte[64 * 1024];
		for (int n; (n = body.read(buffer)) > 0;) {
			mac.update(buffer, 0, n);
		}
		return PREFIX + HexFormat.of().formatHex(mac.doFinal());
	}

	public static boolean verify(String secret, String timestamp, String body, String header) {
		if (secret == null || timestamp == null || body == null || header == null || !header.startsWith(PREFIX)) {
			return false;
		}
		byte[] given;
		try {
			given = HexFormat.of().parseHex(header.substring(PREFIX.length()).trim().toLowerCase(Locale.ROOT));
		}
		catch (IllegalArgumentException notHex) {
			return false;
		}
		// Constant-time comparison: an early exit would let an attacker find the signature byte by byte.
		return MessageDigest.isEqual(hmac(secret, timestamp + "." + body), given);
	}

	private static byte[] hmac(String secret, String message) {
		return mac(secret).doFinal(message.getBytes(StandardCharsets.UTF_8));
	}

	private static Mac mac(String secret) {
		try {
			var mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return mac;
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
		}
	}
}
