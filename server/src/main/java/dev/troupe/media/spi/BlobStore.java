package dev.troupe.media.spi;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where media bytes live, keyed by their sha256 (lower-case hex). The local folder is the default; an
 * S3-compatible store implements the same operations and nothing that calls media changes.
 * <p>
 * Bytes stream in and out: a store never needs a whole file in memory (a video may be gigabytes). Writes are
 * atomic and checked: a reader never sees half a blob, nor a blob whose bytes do not hash to its key. A missing
 * blob is a {@link java.nio.file.NoSuchFileException} from {@link #open} and {@link #size}; a key that is not a
 * sha256 is an {@link IllegalArgumentException} from every method.
 */
public interface BlobStore {

	/** Length to pass to {@link #put(String, InputStream, long)} when the caller does not know it. */
	long UNKNOWN_LENGTH = -1;

	/**
	 * Stores what the stream holds under the key, reading it to its end (the caller closes it). Storing an
	 * existing key again is a cheap no-op that need not read the stream.
	 *
	 * @param length the number of bytes the stream holds, or {@link #UNKNOWN_LENGTH}
	 * @throws IOException when the stream ends before {@code length} bytes or goes on past it, or when the bytes
	 *         do not hash to {@code sha256}; nothing is stored then
	 */
	void put(String sha256, InputStream content, long length) throws IOException;

	/** {@link #put(String, InputStream, long)} for callers that already hold the bytes (small files). */
	default void put(String sha256, byte[] bytes) throws IOException {
		put(sha256, new ByteArrayInputStream(bytes), bytes.length);
	}

	/** The whole blob. */
	default InputStream open(String sha256) throws IOException {
		return open(sha256, 0, UNKNOWN_LENGTH);
	}

	/**
	 * Part of the blob, for HTTP Range requests, without reading what comes before it.
	 *
	 * @param offset the first byte, at most the blob's size (at the size the stream is empty)
	 * @param length how many bytes at most, or {@link #UNKNOWN_LENGTH} for all up to the end
	 */
	InputStream open(String sha256, long offset, long length) throws IOException;

	/** The blob's size in bytes. */
	long size(String sha256) throws IOException;

	boolean exists(String sha256) throws IOException;

	/** Removes the blob; removing a missing one is a no-op. */
	void delete(String sha256) throws IOException;

	/** Calls {@code key} with every stored key (e.g. to copy a store to another one), in no particular order. */
	void forEachKey(Consumer<String> key) throws IOException;

	/**
	 * A URL anyone may GET the blob from, until it expires, without asking Troupe: stores that can sign URLs
	 * (S3) offer one, so platforms that fetch media by URL download straight from the store. Empty by default.
	 *
	 * @param contentType what the URL answers as Content-Type
	 */
	default Optional<URI> presignedGet(String sha256, String contentType, Duration validFor) {
		return Optional.empty();
	}
}
