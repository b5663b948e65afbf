package dev.troupe.publishing.platform.youtube;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.OptionalDouble;

import dev.troupe.publishing.spi.MediaSource;
import dev.troupe.publishing.spi.PublishRequest;

/**
 * A video's length from its ISO BMFF {@code moov/mvhd} box (timescale and duration), for the Shorts limit. Only box
 * headers and the {@code mvhd} box are read, by ranges, so a video of any size is measured without loading it.
 */
final class Mp4Duration {

	private Mp4Duration() {
	}

	static OptionalDouble seconds(PublishRequest.Media video) {
		try {
			var moov = find(video.source(), 0, video.size(), "moov");
			if (moov == null) {
				return OptionalDouble.empty();
			}
			var mvhd = find(video.source(), moov[0] + moov[2], moov[1], "mvhd");
			if (mvhd == null || mvhd[1] - mvhd[0] < 40) {
				return OptionalDouble.empty();
			}
			var box = read(video.source(), mvhd[0], 40);
			var buffer = ByteBuffer.wrap(box);
			if (box[8] == 1) {
				long timescale = buffer.getInt(28) & 0xFFFFFFFFL;
				long duration = buffer.getLong(32);
				return timescale == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) duration / timescale);
			}
			long timescale = buffer.getInt(20) & 0xFFFFFFFFL;
			long duration = buffer.getInt(24) & 0xFFFFFFFFL;
			return timescale == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) duration / timescale);
		}
		catch (IOException | RuntimeException unreadable) {
			return OptionalDouble.empty();
		}
	}

	/** The box of {@code type} between {@code from} and {@code to}: its start, end and header length; null if none. */
	private static long[] find(MediaSource file, long from, long to, String type) throws IOException {
		long at = from;
		while (at + 8 <= to) {
			var header = read(file, at, (int) Math.min(16, to - at));
			var buffer = ByteBuffer.wrap(header);
			long size = buffer.getInt(0) & 0xFFFFFFFFL;
			int headerLength = 8;
			if (size == 1 && header.length >= 16) {
				size = buffer.getLong(8);
				headerLength = 16;
			}
			else if (size == 0) {
				size = to - at;
			}
			if (size < headerLength) {
				return null;
			}
			if (new String(header, 4, 4, StandardCharsets.ISO_8859_1).equals(type)) {
				return new long[] { at, Math.min(to, at + size), headerLength };
			}
			at += size;
		}
		return null;
	}

	private static byte[] read(MediaSource file, long offset, int length) throws IOException {
		try (var in = file.openRange(offset, length)) {
			var bytes = in.readNBytes(length);
			if (bytes.length < length) {
				throw new IOException("the file ends at byte " + (offset + bytes.length));
			}
			return bytes;
		}
	}
}
