package dev.troupe.media.spi;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Reads a blob's content on its way into a store, counting and hashing it, so that a store can refuse to make
 * visible a blob whose length or sha256 is not the one announced ({@link BlobStore#put}). Never reads past the
 * announced length plus one byte (which is how an over-long stream is noticed).
 */
public final class CheckedInput extends FilterInputStream {

	private static final java.util.regex.Pattern SHA256 = java.util.regex.Pattern.compile("[0-9a-f]{64}");

	private final MessageDigest digest;
	private final long announced;
	private long count;

	public CheckedInput(InputStream in, long announced) {
		super(in);
		this.announced = announced;
		try {
			this.digest = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	/** Refuses keys that are not a lower-case sha256: they would otherwise name arbitrary paths or objects. */
	public static String requireKey(String sha256) {
		if (sha256 == null || !SHA256.matcher(sha256).matches()) {
			throw new IllegalArgumentException("not a sha256: " + sha256);
		}
		return sha256;
	}

	@Override
	public int read() throws IOException {
		var one = new byte[1];
		return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
	}

	@Override
	public int read(byte[] b, int off, int len) throws IOException {
		if (announced >= 0) {
			var left = announced + 1 - count;
			if (left <= 0) {
				return -1;
			}
			len = (int) Math.min(len, left);
		}
		int n = in.read(b, off, len);
		if (n > 0) {
			digest.update(b, off, n);
			count += n;
		}
		return n;
	}

	@Override
	public long skip(long n) {
		return 0; // every byte must pass through the digest
	}

	/** Reads up to {@code buffer.length} bytes, fewer only at the end of the stream. */
	public int readFully(byte[] buffer) throws IOException {
		int filled = 0;
		while (filled < buffer.length) {
			int n = read(buffer, filled, buffer.length - filled);
			if (n < 0) {
				break;
			}
			filled += n;
		}
		return filled;
	}

	public long count() {
		return count;
	}

	/**
	 * Call once the stream is read to its end.
	 *
	 * @throws IOException when the length or the hash is not the announced one
	 */
	public void verify(String sha256) throws IOException {
		if (announced >= 0 && count != announced) {
			throw new IOException("the content had " + (count > announced ? "more than " + announced : count)
					+ " bytes where " + announced + " were announced; nothing was stored");
		}
		var actual = HexFormat.of().formatHex(digest.digest());
		if (!actual.equals(sha256)) {
			throw new IOException("the content's sha256 is " + actual + ", not its key " + sha256 + "; nothing was stored");
		}
	}
}
