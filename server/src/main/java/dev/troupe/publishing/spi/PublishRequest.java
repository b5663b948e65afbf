package dev.troupe.publishing.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.troupe.media.Provenance;

/**
 * One publication to send. {@code idempotencyKey} is stable for the publication across attempts and restarts
 * (Mastodon's Idempotency-Key, Bluesky's TID record key derive from it). Media are already rendered to the
 * channel's limits. {@code previousState} carries what an earlier attempt stored (e.g. uploaded media ids).
 * {@code replyTo} is set when the post answers an inbox item; adapters that cannot reply refuse it in validation.
 */
public record PublishRequest(UUID publicationId, String idempotencyKey, String text, List<Media> media,
		Map<String, String> options, Instant scheduledAt, Map<String, String> previousState, ReplyTarget replyTo) {

	/** In {@code previousState}: when the first attempt started (ISO instant), for platforms whose idempotency expires. */
	public static final String FIRST_ATTEMPT_AT = "firstAttemptAt";

	/**
	 * In {@code previousState}: when the latest attempt started (ISO instant), for platforms where a request that
	 * timed out on our side may still be running on theirs.
	 */
	public static final String LAST_ATTEMPT_AT = "lastAttemptAt";

	public PublishRequest {
		media = media == null ? List.of() : List.copyOf(media);
		options = options == null ? Map.of() : Map.copyOf(options);
		previousState = previousState == null ? Map.of() : Map.copyOf(previousState);
	}

	/** A post that answers nothing. */
	public PublishRequest(UUID publicationId, String idempotencyKey, String text, List<Media> media,
			Map<String, String> options, Instant scheduledAt, Map<String, String> previousState) {
		this(publicationId, idempotencyKey, text, media, options, scheduledAt, previousState, null);
	}

	/**
	 * One file, already rendered to the channel's limits, read from its {@code source} as often as needed:
	 * adapters send it with {@link #body()} (or {@link #body(long, long)} per chunk, or {@link Multipart#file}),
	 * so a video is streamed to the platform and never held whole in the heap.
	 *
	 * @param size the exact number of bytes the source holds (the Content-Length of a whole-file request)
	 */
	public record Media(MediaSource source, long size, String contentType, String filename, String altText) {

		/** The most {@link #bytes()} reads into memory: more than any platform's image limit, far less than a video. */
		public static final long IN_MEMORY_LIMIT = 32L * 1024 * 1024;

		public Media {
			if (source == null || size < 0) {
				throw new IllegalArgumentException("a medium needs a source and its size");
			}
		}

		/** A small file already in memory (a resized image, a test's file). */
		public Media(byte[] bytes, String contentType, String filename, String altText) {
			this(MediaSource.of(bytes), bytes.length, contentType, filename, altText);
		}

		/** A fresh stream of the whole file. */
		public InputStream open() throws IOException {
			return source.open();
		}

		/**
		 * The whole file in memory, for small files only (tests, a few-kilobyte image); adapters send with
		 * {@link #body()} instead.
		 *
		 * @throws IllegalStateException when the file is larger than {@link #IN_MEMORY_LIMIT}
		 */
		public byte[] bytes() {
			if (size > IN_MEMORY_LIMIT) {
				throw new IllegalStateException(filename + " has " + size + " bytes: stream it, it is too large to hold in memory");
			}
			try (var in = source.open()) {
				return in.readAllBytes();
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}

		/** The whole file as a request body of known length (Content-Length, no chunked encoding). */
		public HttpRequest.BodyPublisher body() {
			return body(0, size);
		}

		/** {@code length} bytes from {@code offset} as a request body of known length: one chunk of an upload. */
		public HttpRequest.BodyPublisher body(long offset, long length) {
			if (offset < 0 || length < 0 || offset + length > size) {
				throw new IllegalArgumentException("bytes " + offset + "+" + length + " are outside " + filename + " (" + size + ")");
			}
			return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> {
				try {
					return source.openRange(offset, length);
				}
				catch (IOException e) {
					throw new UncheckedIOException(e);
				}
			}), length);
		}

		/**
		 * The file's IPTC {@code DigitalSourceType} (e.g. {@code trainedAlgorithmicMedia}), read from its XMP packet
		 * without reading the whole file (an MP4's packet is found by walking its top-level boxes).
		 */
		public Optional<String> digitalSourceType() {
			return Provenance.readDigitalSourceType(source::openRange, size);
		}
	}
}
