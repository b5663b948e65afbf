package dev.troupe.media;

import java.io.IOException;
import java.io.InputStream;

import dev.troupe.media.spi.BlobStore;

/**
 * A blob's bytes, opened at the first read: a {@link #skip} before that only moves the start, so serving a Range
 * (Spring skips to the range's start, then copies) reads from the store at that offset instead of reading and
 * dropping everything before it, which on S3 would download the whole prefix of a video.
 */
final class LazyBlobInput extends InputStream {

	private final BlobStore blobs;
	private final String sha256;
	private final long size;
	private long offset;
	private InputStream in;

	LazyBlobInput(BlobStore blobs, String sha256, long size) {
		this.blobs = blobs;
		this.sha256 = sha256;
		this.size = size;
	}

	private InputStream in() throws IOException {
		if (in == null) {
			in = offset == 0 ? blobs.open(sha256) : blobs.open(sha256, Math.min(offset, size), BlobStore.UNKNOWN_LENGTH);
		}
		return in;
	}

	@Override
	public int read() throws IOException {
		return in().read();
	}

	@Override
	public int read(byte[] b, int off, int len) throws IOException {
		return in().read(b, off, len);
	}

	@Override
	public long skip(long n) throws IOException {
		if (in != null) {
			return in.skip(n);
		}
		long skipped = Math.max(0, Math.min(n, size - offset));
		offset += skipped;
		return skipped;
	}

	@Override
	public void close() throws IOException {
		if (in != null) {
			in.close();
		}
	}
}
