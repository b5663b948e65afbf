package dev.troupe.publishing.platform.youtube;

import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.OptionalDouble;

/** A video's length from its ISO BMFF {@code moov/mvhd} box (timescale and duration), for the Shorts limit. */
final class Mp4Duration {

	private Mp4Duration() {
	}

	static OptionalDouble seconds(byte[] file) {
		var moov = find(ByteBuffer.wrap(file), 0, file.length, "moov");
		if (moov < 0) {
			return OptionalDouble.empty();
		}
		var buffer = ByteBuffer.wrap(file);
		var mvhd = find(buffer, moov + 8, moov + (int) Math.min(buffer.getInt(moov) & 0xFFFFFFFFL, file.length - moov), "mvhd");
		if (mvhd < 0 || mvhd + 40 > file.length) {
			return OptionalDouble.empty();
		}
		var version = file[mvhd + 8];
		if (version == 1) {
			long timescale = buffer.getInt(mvhd + 28) & 0xFFFFFFFFL;
			long duration = buffer.getLong(mvhd + 32);
			return timescale == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) duration / timescale);
		}
		long timescale = buffer.getInt(mvhd + 20) & 0xFFFFFFFFL;
		long duration = buffer.getInt(mvhd + 24) & 0xFFFFFFFFL;
		return timescale == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) duration / timescale);
	}

	private static int find(ByteBuffer buffer, int from, int to, String type) {
		int at = from;
		while (at + 8 <= to) {
			long size = buffer.getInt(at) & 0xFFFFFFFFL;
			var name = new String(new byte[] { buffer.get(at + 4), buffer.get(at + 5), buffer.get(at + 6), buffer.get(at + 7) },
					StandardCharsets.ISO_8859_1);
			if (name.equals(type)) {
				return at;
			}
			if (size < 8) {
				return -1;
			}
			at += (int) size;
		}
		return -1;
	}
}
