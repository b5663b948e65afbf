package dev.troupe.media;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The one PNG chunk walker, shared by provenance (XMP in iTXt) and character cards (tEXt). A chunk is a 4-byte
 * big-endian length, a 4-byte type, the data and a CRC32 over type+data. Every length, type and CRC is checked,
 * so a truncated or corrupt file is an {@link IllegalArgumentException} with a reason, never an index exception
 * deep in a parser.
 */
public final class PngChunks {

	public static final byte[] SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

	/** One chunk: where it starts in the file, where its data starts and how long the data is. */
	public record Chunk(String type, int start, int dataStart, int dataLength) {

		/** The offset just after the chunk's CRC. */
		public int end() {
			return dataStart + dataLength + 4;
		}
	}

	private PngChunks() {
	}

	public static boolean isPng(byte[] bytes) {
		return bytes != null && bytes.length >= SIGNATURE.length
				&& Arrays.equals(bytes, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length);
	}

	/**
	 * Splits and validates the whole file, stopping at IEND (trailing bytes are ignored).
	 * @throws IllegalArgumentException saying what is wrong, when the file is not a valid PNG
	 */
	public static List<Chunk> split(byte[] png) {
		if (!isPng(png)) {
			throw corrupt("it does not start with the PNG signature");
		}
		var chunks = new ArrayList<Chunk>();
		int pos = SIGNATURE.length;
		while (true) {
			if (png.length - pos < 12) {
				throw corrupt("the file is truncated at byte " + pos + " (no IEND chunk)");
			}
			long length = Bytes.u32be(png, pos);
			var type = Bytes.ascii(png, pos + 4, 4);
			if (!type.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
				throw corrupt("invalid chunk type at byte " + pos);
			}
			// long arithmetic: a forged length near 2^32 must not overflow into a "valid" offset.
			if (length > png.length - pos - 12L) {
				throw corrupt("chunk '" + type + "' at byte " + pos + " is truncated");
			}
			var chunk = new Chunk(type, pos, pos + 8, (int) length);
			if (chunks.isEmpty() && !type.equals("IHDR")) {
				throw corrupt("the first chunk is '" + type + "', not IHDR");
			}
			var crc = new CRC32();
			crc.update(png, pos + 4, 4 + chunk.dataLength());
			if (crc.getValue() != Bytes.u32be(png, chunk.dataStart() + chunk.dataLength())) {
				throw corrupt("chunk '" + type + "' at byte " + pos + " has a bad CRC");
			}
			chunks.add(chunk);
			if (type.equals("IEND")) {
				return chunks;
			}
			pos = chunk.end();
		}
	}

	/** Writes one chunk: length, type, data and its CRC. */
	public static void write(ByteArrayOutputStream out, String type, byte[] data) {
		byte[] typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
		var crc = new CRC32();
		crc.update(typeBytes);
		crc.update(data);
		Bytes.u32be(out, data.length);
		out.write(typeBytes, 0, 4);
		out.write(data, 0, data.length);
		Bytes.u32be(out, crc.getValue());
	}

	private static IllegalArgumentException corrupt(String detail) {
		return Bytes.malformed("PNG", detail);
	}
}
