package dev.troupe.media;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * XMP in RIFF containers: the {@code XMP } chunk of WebP and the {@code _PMX} chunk of WAV. The packet chunk is
 * appended last (after the image or audio data, where both specs put it) and the RIFF size is rewritten. A simple
 * WebP (a lone VP8 or VP8L chunk) is promoted to the extended format with a VP8X header, because WebP readers
 * only look at metadata chunks when VP8X says they exist.
 */
final class RiffXmp {

	private record Chunk(String id, int start, int dataStart, int size) {
		int end() {
			return dataStart + size + (size & 1);
		}
	}

	private static final int VP8X_XMP = 0x04, VP8X_ALPHA = 0x10;

	private RiffXmp() {
	}

	static byte[] embedWav(byte[] wav, byte[] packet) {
		return rebuild(wav, "_PMX", chunks(wav, "WAV"), packet, null);
	}

	static byte[] embedWebp(byte[] webp, byte[] packet) {
		List<Chunk> chunks = chunks(webp, "WebP");
		byte[] vp8x;
		if (!chunks.isEmpty() && chunks.get(0).id().equals("VP8X")) {
			Chunk header = chunks.get(0);
			vp8x = Arrays.copyOfRange(webp, header.dataStart(), header.dataStart() + header.size());
			chunks = chunks.subList(1, chunks.size());
		}
		else {
			vp8x = vp8xFor(webp, chunks);
		}
		vp8x[0] |= VP8X_XMP;
		return rebuild(webp, "XMP ", chunks, packet, vp8x);
	}

	static Optional<byte[]> find(byte[] riff) {
		for (Chunk chunk : chunks(riff, "RIFF")) {
			if (chunk.id().equals("XMP ") || chunk.id().equals("_PMX")) {
				return Optional.of(Arrays.copyOfRange(riff, chunk.dataStart(), chunk.dataStart() + chunk.size()));
			}
		}
		return Optional.empty();
	}

	private static byte[] rebuild(byte[] riff, String xmpId, List<Chunk> chunks, byte[] packet, byte[] vp8x) {
		var out = new ByteArrayOutputStream(riff.length + packet.length + 64);
		out.write(riff, 0, 12);
		if (vp8x != null) {
			writeChunk(out, "VP8X", vp8x);
		}
		for (Chunk chunk : chunks) {
			if (!chunk.id().equals(xmpId)) {
				int end = Math.min(chunk.end(), riff.length);
				out.write(riff, chunk.start(), end - chunk.start());
				if (end < chunk.end()) {
					out.write(0); // some writers drop the final pad byte; restore it before appending
				}
			}
		}
		writeChunk(out, xmpId, packet);
		byte[] result = out.toByteArray();
		Bytes.putU32le(result, 4, result.length - 8);
		return result;
	}

	/** VP8X for a simple WebP: flags, 3 reserved bytes, canvas width-1 and height-1 as 24-bit little endian. */
	private static byte[] vp8xFor(byte[] webp, List<Chunk> chunks) {
		if (chunks.isEmpty()) {
			throw Bytes.malformed("WebP", "no image chunk");
		}
		Chunk image = chunks.get(0);
		int d = image.dataStart();
		int width, height;
		boolean alpha = false;
		if (image.id().equals("VP8L") && image.size() >= 5 && webp[d] == 0x2F) {
			// Lossless header: 14 bits width-1, 14 bits height-1, 1 bit alpha_is_used (LSB first).
			long bits = Bytes.u32le(webp, d + 1);
			width = (int) (bits & 0x3FFF) + 1;
			height = (int) ((bits >>> 14) & 0x3FFF) + 1;
			alpha = ((bits >>> 28) & 1) != 0;
		}
		else if (image.id().equals("VP8 ") && image.size() >= 10 && (webp[d + 3] & 0xFF) == 0x9D
				&& (webp[d + 4] & 0xFF) == 0x01 && (webp[d + 5] & 0xFF) == 0x2A) {
			// Lossy key frame: 3-byte frame tag, start code 9D 01 2A, then 14-bit width and height (2 bits scale).
			width = ((webp[d + 6] & 0xFF) | ((webp[d + 7] & 0xFF) << 8)) & 0x3FFF;
			height = ((webp[d + 8] & 0xFF) | ((webp[d + 9] & 0xFF) << 8)) & 0x3FFF;
		}
		else {
			throw Bytes.malformed("WebP", "unrecognised image chunk '" + image.id() + "'");
		}
		byte[] vp8x = new byte[10];
		vp8x[0] = (byte) (alpha ? VP8X_ALPHA : 0);
		putU24le(vp8x, 4, width - 1);
		putU24le(vp8x, 7, height - 1);
		return vp8x;
	}

	private static void putU24le(byte[] b, int pos, int v) {
		b[pos] = (byte) v;
		b[pos + 1] = (byte) (v >>> 8);
		b[pos + 2] = (byte) (v >>> 16);
	}

	/** The chunks after the 12-byte RIFF header. The declared RIFF size is not trusted; the file length is. */
	private static List<Chunk> chunks(byte[] riff, String format) {
		if (riff.length < 12) {
			throw Bytes.malformed(format, "shorter than a RIFF header");
		}
		List<Chunk> chunks = new ArrayList<>();
		int pos = 12;
		while (pos + 8 <= riff.length) {
			long size = Bytes.u32le(riff, pos + 4);
			if (size > riff.length - pos - 8L) {
				throw Bytes.malformed(format, "chunk '" + Bytes.ascii(riff, pos, 4) + "' at byte " + pos + " is truncated");
			}
			Chunk chunk = new Chunk(Bytes.ascii(riff, pos, 4), pos, pos + 8, (int) size);
			chunks.add(chunk);
			pos = Math.min(chunk.end(), riff.length);
		}
		return chunks;
	}

	private static void writeChunk(ByteArrayOutputStream out, String id, byte[] data) {
		out.write(id.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, 4);
		Bytes.u32le(out, data.length);
		out.write(data, 0, data.length);
		if ((data.length & 1) == 1) {
			out.write(0); // RIFF pads every chunk to an even length
		}
	}
}
