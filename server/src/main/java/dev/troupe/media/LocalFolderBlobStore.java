package dev.troupe.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import dev.troupe.media.spi.BlobStore;

/**
 * Blobs as files under {@code <data dir>/media/ab/cd/<sha256>}; two levels of fan-out keep folders small.
 * Written to a temporary file first and moved into place, so a crash never leaves a truncated blob.
 */
class LocalFolderBlobStore implements BlobStore {

	private final Path root;

	LocalFolderBlobStore(Path root) {
		this.root = root;
	}

	@Override
	public void put(String sha256, byte[] bytes) throws IOException {
		var target = path(sha256);
		if (Files.exists(target)) {
			return;
		}
		Files.createDirectories(target.getParent());
		var temp = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
		try {
			Files.write(temp, bytes);
			Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

	@Override
	public InputStream open(String sha256) throws IOException {
		return Files.newInputStream(path(sha256));
	}

	@Override
	public boolean exists(String sha256) {
		return Files.exists(path(sha256));
	}

	@Override
	public void delete(String sha256) throws IOException {
		Files.deleteIfExists(path(sha256));
	}

	private Path path(String sha256) {
		if (!sha256.matches("[0-9a-f]{64}")) {
			throw new IllegalArgumentException("not a sha256: " + sha256);
		}
		return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
	}
}
