package dev.troupe.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

import dev.troupe.media.spi.BlobStore;
import dev.troupe.media.spi.CheckedInput;

/**
 * Blobs as files under {@code <data dir>/media/ab/cd/<sha256>}; two levels of fan-out keep folders small.
 * Streamed to a temporary file first, checked, and moved into place, so a crash never leaves a truncated blob.
 */
class LocalFolderBlobStore implements BlobStore {

	private final Path root;

	LocalFolderBlobStore(Path root) {
		this.root = root;
	}

	@Override
	public void put(String sha256, InputStream content, long length) throws IOException {
		var target = path(sha256);
		if (Files.exists(target)) {
			return;
		}
		Files.createDirectories(target.getParent());
		var temp = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
		try {
			var checked = new CheckedInput(content, length);
			try (var out = Files.newOutputStream(temp)) {
				checked.transferTo(out);
			}
			checked.verify(sha256);
			Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

	@Override
	public InputStream open(String sha256, long offset, long length) throws IOException {
		var channel = FileChannel.open(path(sha256), StandardOpenOption.READ);
		try {
			channel.position(offset);
			var in = Channels.newInputStream(channel);
			return length < 0 ? in : new BoundedInput(in, length);
		}
		catch (IOException | RuntimeException e) {
			channel.close();
			throw e;
		}
	}

	@Override
	public long size(String sha256) throws IOException {
		return Files.size(path(sha256));
	}

	@Override
	public boolean exists(String sha256) {
		return Files.exists(path(sha256));
	}

	@Override
	public void delete(String sha256) throws IOException {
		Files.deleteIfExists(path(sha256));
	}

	@Override
	public void forEachKey(Consumer<String> key) throws IOException {
		if (!Files.isDirectory(root)) {
			return;
		}
		try (var files = Files.walk(root, 3)) {
			files.filter(Files::isRegularFile).map(f -> f.getFileName().toString())
				.filter(name -> name.matches("[0-9a-f]{64}")).forEach(key);
		}
	}

	@Override
	public String toString() {
		return "local folder " + root;
	}

	private Path path(String sha256) {
		CheckedInput.requireKey(sha256);
		return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
	}

	/** At most {@code left} bytes of the underlying stream. */
	private static final class BoundedInput extends java.io.FilterInputStream {

		private long left;

		BoundedInput(InputStream in, long left) {
			super(in);
			this.left = left;
		}

		@Override
		public int read() throws IOException {
			if (left <= 0) {
				return -1;
			}
			int b = in.read();
			if (b >= 0) {
				left--;
			}
			return b;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			if (left <= 0) {
				return -1;
			}
			int n = in.read(b, off, (int) Math.min(len, left));
			if (n > 0) {
				left -= n;
			}
			return n;
		}

		@Override
		public long skip(long n) throws IOException {
			long skipped = in.skip(Math.min(n, left));
			left -= skipped;
			return skipped;
		}

		@Override
		public int available() throws IOException {
			return (int) Math.min(in.available(), left);
		}
	}
}
