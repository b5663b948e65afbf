package dev.troupe.publishing.spi;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where a rendition's bytes are read from. Every call opens a fresh stream, so a request sent again (a retried
 * chunk, a resumed upload) reads the bytes again instead of keeping them: a video of gigabytes never has to be
 * held in the heap. Sources are the media store (renditions that need no change), a temporary file (transcoded
 * videos) or a small array (resized images).
 */
@FunctionalInterface
public interface MediaSource {

	/**
	 * The bytes from {@code offset}, at most {@code length} of them ({@code -1}: up to the end), without reading
	 * what comes before. The caller closes the stream.
	 */
	InputStream openRange(long offset, long length) throws IOException;

	/** The whole content. */
	default InputStream open() throws IOException {
		return openRange(0, -1);
	}

	/** Bytes already in memory (small images, tests). */
	static MediaSource of(byte[] bytes) {
		return (offset, length) -> {
			var from = (int) Math.min(offset, bytes.length);
			var count = length < 0 ? bytes.length - from : (int) Math.min(length, bytes.length - from);
			return new ByteArrayInputStream(bytes, from, count);
		};
	}

	/** A file, read from {@code offset} by seeking. */
	static MediaSource of(Path file) {
		return (offset, length) -> {
			var channel = FileChannel.open(file, StandardOpenOption.READ);
			try {
				channel.position(offset);
			}
			catch (IOException e) {
				channel.close();
				throw e;
			}
			var in = Channels.newInputStream(channel);
			return length < 0 ? in : new Bounded(in, length);
		};
	}

	/** At most {@code remaining} bytes of a stream, closing it when closed. */
	final class Bounded extends java.io.FilterInputStream {

		private long remaining;

		public Bounded(InputStream in, long remaining) {
			super(in);
			this.remaining = remaining;
		}

		@Override
		public int read() throws IOException {
			if (remaining <= 0) {
				return -1;
			}
			var b = super.read();
			remaining -= b < 0 ? 0 : 1;
			return b;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			if (remaining <= 0) {
				return -1;
			}
			var n = super.read(b, off, (int) Math.min(len, remaining));
			remaining -= Math.max(n, 0);
			return n;
		}

		@Override
		public long skip(long n) throws IOException {
			var skipped = super.skip(Math.min(n, remaining));
			remaining -= skipped;
			return skipped;
		}

		@Override
		public int available() throws IOException {
			return (int) Math.min(super.available(), remaining);
		}

		@Override
		public boolean markSupported() {
			return false;
		}
	}
}
