package dev.troupe.media.spi;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where media bytes live, keyed by their sha256 (lower-case hex). The local folder is the default; an
 * S3-compatible store implements the same four operations and nothing that calls media changes.
 * Writes are atomic: a reader never sees half a blob.
 */
public interface BlobStore {

	/** Stores the bytes under the key; storing an existing key again is a cheap no-op. */
	void put(String sha256, byte[] bytes) throws IOException;

	InputStream open(String sha256) throws IOException;

	boolean exists(String sha256) throws IOException;

	void delete(String sha256) throws IOException;
}
