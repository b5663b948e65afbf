package dev.troupe.publishing.platform.webhook;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

import dev.troupe.publishing.spi.PublishRequest;

/**
 * A JSON body whose media are Base64 text read from their sources as the body is read: it can be read twice (once
 * for its signature, once to send it) without a video's bytes, or their Base64, ever being in memory.
 */
final class WebhookBody {

	private interface Part {

		InputStream open() throws IOException;

		long length();
	}

	private final List<Part> parts = new ArrayList<>();

	WebhookBody text(String text) {
		var bytes = text.getBytes(StandardCharsets.UTF_8);
		parts.add(new Part() {
			public InputStream open() {
				return new ByteArrayInputStream(bytes);
			}

			public long length() {
				return bytes.length;
			}
		});
		return this;
	}

	WebhookBody base64(PublishRequest.Media media) {
		parts.add(new Part() {
			public InputStream open() throws IOException {
				return new Base64Input(media.open());
			}

			public long length() {
				return (media.size() + 2) / 3 * 4;
			}
		});
		return this;
	}

	long length() {
		return parts.stream().mapToLong(Part::length).sum();
	}

	InputStream open() throws IOException {
		var streams = new ArrayList<InputStream>();
		for (var part : parts) {
			streams.add(part.open());
		}
		return new SequenceInputStream(Collections.enumeration(streams));
	}

	HttpRequest.BodyPublisher publisher() {
		return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> {
			try {
				return open();
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}), length());
	}

	/** Base64 of a stream, encoded a block of whole 3-byte groups at a time. */
	private static final class Base64Input extends InputStream {

		private static final int BLOCK = 48 * 1024;

		private final InputStream in;
		private byte[] encoded = new byte[0];
		private int at;

		Base64Input(InputStream in) {
			this.in = in;
		}

		private boolean fill() throws IOException {
			if (at < encoded.length) {
				return true;
			}
			var raw = in.readNBytes(BLOCK);
			encoded = Base64.getEncoder().encode(raw);
			at = 0;
			return encoded.length > 0;
		}

		@Override
		public int read() throws IOException {
			return fill() ? encoded[at++] & 0xFF : -1;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			if (len == 0) {
				return 0;
			}
			if (!fill()) {
				return -1;
			}
			var n = Math.min(len, encoded.length - at);
			System.arraycopy(encoded, at, b, off, n);
			at += n;
			return n;
		}

		@Override
		public void close() throws IOException {
			in.close();
		}
	}
}
