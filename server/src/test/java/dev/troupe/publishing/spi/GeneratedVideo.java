package dev.troupe.publishing.spi;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A video of any size that exists nowhere: an MP4 ({@code ftyp}, then one {@code mdat} box over the rest) whose bytes
 * are computed from their position, so a test can send gigabytes without a file or an array. It counts what is
 * read and refuses any read longer than {@code maxRead}: an adapter that reads the whole file to send it fails.
 */
public final class GeneratedVideo implements MediaSource {

	private static final byte[] FTYP = { 0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0, 'i', 's', 'o', 'm',
			'm', 'p', '4', '1' };

	private final long size;
	private final long maxRead;
	public final AtomicLong bytesRead = new AtomicLong();
	public final AtomicLong largestRead = new AtomicLong();

	public GeneratedVideo(long size, long maxRead) {
		if (size < 32 || size - FTYP.length > 0xFFFFFFFFL) {
			throw new IllegalArgumentException("between 32 bytes and 4 GB");
		}
		this.size = size;
		this.maxRead = maxRead;
	}

	public long size() {
		return size;
	}

	public PublishRequest.Media media(String filename) {
		return new PublishRequest.Media(this, size, "video/mp4", filename, null);
	}

	/** The byte at {@code position}. */
	byte at(long position) {
		if (position < FTYP.length) {
			return FTYP[(int) position];
		}
		var box = position - FTYP.length;
		if (box < 8) {
			var header = new byte[] { (byte) ((size - FTYP.length) >>> 24), (byte) ((size - FTYP.length) >>> 16),
					(byte) ((size - FTYP.length) >>> 8), (byte) (size - FTYP.length), 'm', 'd', 'a', 't' };
			return header[(int) box];
		}
		var x = position * 0x9E3779B97F4A7C15L;
		return (byte) (x >>> 29 ^ x >>> 47);
	}

	@Override
	public InputStream openRange(long offset, long length) throws IOException {
		var count = length < 0 ? size - offset : Math.min(length, size - offset);
		if (count > maxRead) {
			throw new IOException("a read of " + count + " bytes at " + offset + ": more than the " + maxRead
					+ " a streaming sender needs at once");
		}
		largestRead.accumulateAndGet(count, Math::max);
		return new InputStream() {

			private long next = offset;

			@Override
			public int read() {
				if (next >= offset + count) {
					return -1;
				}
				bytesRead.incrementAndGet();
				return at(next++) & 0xFF;
			}

			@Override
			public int read(byte[] b, int off, int len) {
				if (next >= offset + count) {
					return -1;
				}
				var n = (int) Math.min(len, offset + count - next);
				for (int i = 0; i < n; i++) {
					b[off + i] = at(next++);
				}
				bytesRead.addAndGet(n);
				return n;
			}
		};
	}

	/** The SHA-256 of the whole video, computed without holding it. */
	public String sha256() {
		try {
			var digest = MessageDigest.getInstance("SHA-256");
			var buffer = new byte[1 << 16];
			for (long position = 0; position < size;) {
				var n = (int) Math.min(buffer.length, size - position);
				for (int i = 0; i < n; i++) {
					buffer[i] = at(position + i);
				}
				digest.update(buffer, 0, n);
				position += n;
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	public static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
