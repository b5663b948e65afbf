package dev.troupe.media;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.InflaterInputStream;

/**
 * XMP in PNG: an {@code iTXt} chunk with keyword {@code XML:com.adobe.xmp}, written uncompressed as the XMP spec
 * (part 3) asks, before the first IDAT so that streaming readers see it before the pixels. Every other chunk,
 * including ComfyUI's {@code prompt}/{@code workflow} text, is copied byte for byte.
 */
final class PngXmp {

	static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

	private static final byte[] KEYWORD = "XML:com.adobe.xmp\0".getBytes(StandardCharsets.ISO_8859_1);

	private PngXmp() {
	}

	static byte[] embed(byte[] png, byte[] packet) {
		var out = new ByteArrayOutputStream(png.length + packet.length + 64);
		out.write(png, 0, SIGNATURE.length);
		boolean written = false;
		int pos = SIGNATURE.length;
		while (pos < png.length) {
			int end = chunkEnd(png, pos);
			String type = Bytes.ascii(png, pos + 4, 4);
			if (!written && (type.equals("IDAT") || type.equals("IEND"))) {
				writeChunk(out, "iTXt", itxtData(packet));
				written = true;
			}
			if (!isXmp(png, pos)) {
				out.write(png, pos, end - pos);
			}
			pos = end;
			if (type.equals("IEND")) {
				break;
			}
		}
		if (!written) {
			throw Bytes.malformed("PNG", "no IDAT or IEND chunk");
		}
		return out.toByteArray();
	}

	static Optional<byte[]> find(byte[] png) {
		int pos = SIGNATURE.length;
		while (pos + 12 <= png.length) {
			int end = chunkEnd(png, pos);
			if (isXmp(png, pos)) {
				return Optional.of(itxtText(png, pos + 8 + KEYWORD.length, end - 4));
			}
			pos = end;
		}
		return Optional.empty();
	}

	/** Keyword NUL, compression flag 0, method 0, empty language tag NUL, empty translated keyword NUL, text. */
	private static byte[] itxtData(byte[] packet) {
		var data = new ByteArrayOutputStream(KEYWORD.length + 4 + packet.length);
		data.write(KEYWORD, 0, KEYWORD.length);
		data.write(new byte[] {0, 0, 0, 0}, 0, 4);
		data.write(packet, 0, packet.length);
		return data.toByteArray();
	}

	private static byte[] itxtText(byte[] png, int from, int to) {
		boolean compressed = png[from] != 0;
		int pos = from + 2;
		for (int nuls = 0; nuls < 2 && pos < to; pos++) {
			if (png[pos] == 0) {
				nuls++;
			}
		}
		if (!compressed) {
			return java.util.Arrays.copyOfRange(png, pos, to);
		}
		// Apache Commons Imaging writes the packet deflated; accept it when reading.
		try (var in = new InflaterInputStream(new java.io.ByteArrayInputStream(png, pos, to - pos))) {
			return in.readAllBytes();
		}
		catch (java.io.IOException corrupt) {
			return new byte[0];
		}
	}

	private static boolean isXmp(byte[] png, int chunkStart) {
		return Bytes.ascii(png, chunkStart + 4, 4).equals("iTXt") && Bytes.startsWith(png, chunkStart + 8, KEYWORD);
	}

	private static int chunkEnd(byte[] png, int pos) {
		if (png.length - pos < 12) {
			throw Bytes.malformed("PNG", "truncated at byte " + pos);
		}
		long length = Bytes.u32be(png, pos);
		// long arithmetic: a forged length near 2^32 must not wrap into a plausible offset.
		if (length > png.length - pos - 12L) {
			throw Bytes.malformed("PNG", "chunk at byte " + pos + " is truncated");
		}
		return pos + 12 + (int) length;
	}

	private static void writeChunk(ByteArrayOutputStream out, String type, byte[] data) {
		byte[] typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
		var crc = new CRC32();
		crc.update(typeBytes);
		crc.update(data);
		Bytes.u32be(out, data.length);
		out.write(typeBytes, 0, 4);
		out.write(data, 0, data.length);
		Bytes.u32be(out, crc.getValue());
	}
}
