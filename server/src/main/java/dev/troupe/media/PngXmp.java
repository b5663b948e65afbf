package dev.troupe.media;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.InflaterInputStream;

/**
 * XMP in PNG: an {@code iTXt} chunk with keyword {@code XML:com.adobe.xmp}, written uncompressed as the XMP spec
 * (part 3) asks, before the first IDAT so that streaming readers see it before the pixels. Every other chunk,
 * including ComfyUI's {@code prompt}/{@code workflow} text, is copied byte for byte.
 */
final class PngXmp {

	private static final byte[] KEYWORD = "XML:com.adobe.xmp\0".getBytes(StandardCharsets.ISO_8859_1);

	private PngXmp() {
	}

	static byte[] embed(byte[] png, byte[] packet) {
		var out = new ByteArrayOutputStream(png.length + packet.length + 64);
		out.write(PngChunks.SIGNATURE, 0, PngChunks.SIGNATURE.length);
		boolean written = false;
		for (var chunk : PngChunks.split(png)) {
			if (!written && (chunk.type().equals("IDAT") || chunk.type().equals("IEND"))) {
				PngChunks.write(out, "iTXt", itxtData(packet));
				written = true;
			}
			if (!isXmp(png, chunk)) {
				out.write(png, chunk.start(), chunk.end() - chunk.start());
			}
		}
		return out.toByteArray();
	}

	static Optional<byte[]> find(byte[] png) {
		return PngChunks.split(png).stream().filter(chunk -> isXmp(png, chunk)).findFirst()
			.map(chunk -> itxtText(png, chunk.dataStart() + KEYWORD.length, chunk.dataStart() + chunk.dataLength()));
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
			return Arrays.copyOfRange(png, pos, to);
		}
		// Apache Commons Imaging writes the packet deflated; accept it when reading.
		try (var in = new InflaterInputStream(new ByteArrayInputStream(png, pos, to - pos))) {
			return in.readAllBytes();
		}
		catch (IOException corrupt) {
			return new byte[0];
		}
	}

	private static boolean isXmp(byte[] png, PngChunks.Chunk chunk) {
		return chunk.type().equals("iTXt") && Bytes.startsWith(png, chunk.dataStart(), KEYWORD);
	}
}
