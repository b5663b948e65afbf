package dev.troupe.publishing.platform.bluesky;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

/**
 * The post's record key, a TID (atproto.com/specs/tid) derived from the publication rather than the clock: the
 * same publication always gets the same key, and the PDS refuses a second record under a key that exists, so no
 * retry can post twice. Layout: top bit 0, 53 bits of microseconds since the epoch, 10 bits of clock id, written
 * as 13 characters of base32-sortable.
 */
final class RecordKey {

	private static final String ALPHABET = "234567abcdefghijklmnopqrstuvwxyz";

	private RecordKey() {
	}

	/**
	 * Microseconds come from {@code scheduledAt} (so keys sort by time like the app's), with the sub-millisecond
	 * part and the clock id taken from a hash of the idempotency key: two publications scheduled for the same
	 * millisecond still get different keys (about a million possibilities instead of the clock id's 1024).
	 */
	static String derive(String idempotencyKey, Instant scheduledAt) {
		long hash = ByteBuffer.wrap(sha256(idempotencyKey)).getLong();
		long millis = scheduledAt == null ? 0 : scheduledAt.toEpochMilli();
		long micros = millis * 1000 + Math.floorMod(hash, 1000);
		long clockId = (hash >>> 20) & 0x3FF;
		return encode(((micros & ((1L << 53) - 1)) << 10) | clockId);
	}

	static boolean isValid(String rkey) {
		return rkey != null && rkey.matches("[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}");
	}

	private static String encode(long value) {
		var chars = new char[13];
		for (int i = 12; i >= 0; i--) {
			chars[i] = ALPHABET.charAt((int) (value & 31));
			value >>>= 5;
		}
		return new String(chars);
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every JVM has SHA-256", e);
		}
	}
}
