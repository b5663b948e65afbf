package dev.troupe.support;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Video files for tests that move bytes around (uploads, chunked publishing) without playing them. */
public final class TestVideos {

	private TestVideos() {
	}

	/**
	 * An ISO BMFF file of exactly {@code size} bytes: an {@code ftyp} box (brand isom, so it is recognised as MP4 by its
	 * first bytes) and an {@code mdat} box of seeded noise, so every byte position is distinguishable.
	 */
	public static byte[] mp4(int size, long seed) {
		var bytes = new byte[size];
		new Random(seed).nextBytes(bytes);
		var buffer = ByteBuffer.wrap(bytes);
		buffer.putInt(24).put("ftyp".getBytes(StandardCharsets.US_ASCII)).put("isom".getBytes(StandardCharsets.US_ASCII))
			.putInt(0x200).put("isom".getBytes(StandardCharsets.US_ASCII)).put("mp41".getBytes(StandardCharsets.US_ASCII));
		buffer.putInt(size - 24).put("mdat".getBytes(StandardCharsets.US_ASCII));
		return bytes;
	}
}
