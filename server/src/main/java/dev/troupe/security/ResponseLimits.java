package dev.troupe.security;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpResponse.ResponseInfo;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * How much of a platform's or backend's response Troupe reads: every adapter reads through these body handlers
 * instead of the JDK's unbounded ones, so a broken or hostile server cannot fill the heap. JSON is capped at
 * {@code troupe.http.max-json-response} (16 MB), media (generated images, audio, video, and JSON that carries
 * them base64-encoded) at {@code troupe.http.max-media-response}. Over the limit the read fails with an
 * IOException, which adapters already report as a failed request.
 * <p>
 * The limits are process-wide statics, set once from configuration, because adapters are plain objects built
 * by their factories (and directly in tests), not beans.
 */
@Component
public final class ResponseLimits {

	private static volatile long json = DataSize.ofMegabytes(16).toBytes();
	private static volatile long media = DataSize.ofMegabytes(512).toBytes();

	ResponseLimits(@Value("${troupe.http.max-json-response:16MB}") DataSize json,
			@Value("${troupe.http.max-media-response:512MB}") DataSize media) {
		ResponseLimits.json = json.toBytes();
		ResponseLimits.media = media.toBytes();
	}

	/** A JSON (or other text) response, at most the JSON limit. */
	public static BodyHandler<String> ofString() {
		return ofString(json);
	}

	/** A text response carrying media (e.g. base64 images), at most the media limit. */
	public static BodyHandler<String> ofMediaString() {
		return ofString(media);
	}

	/** A binary media response, at most the media limit. */
	public static BodyHandler<byte[]> ofMediaBytes() {
		return ofBytes(media);
	}

	/** A streamed response (e.g. server-sent events) that fails once more than the JSON limit has been read. */
	public static BodyHandler<InputStream> ofInputStream() {
		return info -> BodySubscribers.mapping(BodySubscribers.ofInputStream(), in -> new Limited(in, json));
	}

	public static BodyHandler<String> ofString(long max) {
		return info -> BodySubscribers.mapping(new Capped(max, declaredLength(info)),
				bytes -> bytes == null ? null : new String(bytes, charset(info)));
	}

	public static BodyHandler<byte[]> ofBytes(long max) {
		return info -> new Capped(max, declaredLength(info));
	}

	public static long jsonLimit() {
		return json;
	}

	public static long mediaLimit() {
		return media;
	}

	private static long declaredLength(ResponseInfo info) {
		return info.headers().firstValueAsLong("Content-Length").orElse(-1);
	}

	private static Charset charset(ResponseInfo info) {
		var type = info.headers().firstValue("Content-Type").orElse("");
		var at = type.toLowerCase(java.util.Locale.ROOT).indexOf("charset=");
		if (at >= 0) {
			try {
				return Charset.forName(type.substring(at + 8).replace("\"", "").split(";")[0].trim());
			}
			catch (RuntimeException e) {
				// unknown charset: fall back below
			}
		}
		return StandardCharsets.UTF_8;
	}

	static IOException tooLarge(long max) {
		return new IOException("Response body larger than " + max + " bytes; not read (see troupe.http.max-*-response)");
	}

	/** Collects at most {@code max} bytes; cancels the stream and fails beyond that. */
	private static final class Capped implements BodySubscriber<byte[]> {

		private final long max;
		private final long declared;
		private final CompletableFuture<byte[]> result = new CompletableFuture<>();
		private final ByteArrayOutputStream out = new ByteArrayOutputStream();
		private Flow.Subscription subscription;
		private long size;

		Capped(long max, long declared) {
			this.max = max;
			this.declared = declared;
		}

		@Override
		public CompletionStage<byte[]> getBody() {
			return result;
		}

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			this.subscription = subscription;
			if (declared > max) {
				subscription.cancel();
				result.completeExceptionally(tooLarge(max));
				return;
			}
			subscription.request(Long.MAX_VALUE);
		}

		@Override
		public void onNext(List<ByteBuffer> items) {
			if (result.isDone()) {
				return;
			}
			for (var buffer : items) {
				size += buffer.remaining();
				if (size > max) {
					subscription.cancel();
					result.completeExceptionally(tooLarge(max));
					return;
				}
				var bytes = new byte[buffer.remaining()];
				buffer.get(bytes);
				out.writeBytes(bytes);
			}
		}

		@Override
		public void onError(Throwable error) {
			result.completeExceptionally(error);
		}

		@Override
		public void onComplete() {
			result.complete(out.toByteArray());
		}
	}

	/** Fails the read once more than {@code max} bytes have come through. */
	private static final class Limited extends FilterInputStream {

		private final long max;
		private long read;

		Limited(InputStream in, long max) {
			super(in);
			this.max = max;
		}

		@Override
		public int read() throws IOException {
			var b = super.read();
			if (b >= 0 && ++read > max) {
				throw tooLarge(max);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			var n = super.read(buffer, offset, length);
			if (n > 0 && (read += n) > max) {
				throw tooLarge(max);
			}
			return n;
		}
	}

}
