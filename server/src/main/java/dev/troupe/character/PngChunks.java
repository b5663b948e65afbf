package dev.troupe.character;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * Minimal PNG chunk reader/writer for character cards. A chunk is a 4-byte big-endian length, a
 * 4-byte type, the data and a CRC32 over type+data; a tEXt chunk's data is a Latin-1 keyword, a
 * NUL and Latin-1 text. Every length and CRC is checked so that a truncated or corrupt upload is a
 * {@link CardFormatException}, never an index exception deep in the parser.
 */
final class PngChunks {

	static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

	/** Keywords SillyTavern's writer replaces; matched case-insensitively like its reader. */
	private static final Set<String> CARD_KEYWORDS = Set.of("chara", "ccv3");

	private record Chunk(String type, int start, int dataStart, int dataLength) {
		int end() {
			return dataStart + dataLength + 4;
		}
	}

	private PngChunks() {
	}

	static boolean isPng(byte[] bytes) {
		return bytes != null && bytes.length >= SIGNATURE.length
				&& Arrays.equals(bytes, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length);
	}

	/**
	 * All tEXt chunks, keyword to text, looked up case-insensitively. When a keyword repeats the
	 * first chunk wins, as in SillyTavern's reader. Malformed tEXt chunks (no NUL) are skipped:
	 * they belong to some other tool and must not block the import.
	 */
	static Map<String, String> readTextChunks(byte[] png) {
		Map<String, String> texts = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		for (Chunk chunk : chunks(png)) {
			if (!chunk.type().equals("tEXt")) {
				continue;
			}
			int nul = indexOfNul(png, chunk.dataStart(), chunk.dataStart() + chunk.dataLength());
			if (nul < 0) {
				continue;
			}
			String keyword = new String(png, chunk.dataStart(), nul - chunk.dataStart(), StandardCharsets.ISO_8859_1);
			String text = new String(png, nul + 1, chunk.dataStart() + chunk.dataLength() - nul - 1,
					StandardCharsets.ISO_8859_1);
			texts.putIfAbsent(keyword, text);
		}
		return texts;
	}

	/**
	 * SillyTavern's writer: drop every tEXt chunk named chara/ccv3 (or named like one of the new
	 * chunks, so keywords never repeat), then insert the new chunks, in map order, just before
	 * IEND. All other chunks (IHDR, IDAT, ComfyUI's prompt/workflow tEXt, ...) are kept byte for
	 * byte.
	 */
	static byte[] withTextChunks(byte[] png, Map<String, String> newChunks) {
		Set<String> replaced = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		replaced.addAll(CARD_KEYWORDS);
		replaced.addAll(newChunks.keySet());

		ByteArrayOutputStream out = new ByteArrayOutputStream(png.length + 1024);
		out.write(SIGNATURE, 0, SIGNATURE.length);
		for (Chunk chunk : chunks(png)) {
			if (chunk.type().equals("IEND")) {
				newChunks.forEach((keyword, text) -> writeChunk(out, "tEXt", textData(keyword, text)));
			} else if (chunk.type().equals("tEXt") && replaced.contains(keywordOf(png, chunk))) {
				continue;
			}
			out.write(png, chunk.start(), chunk.end() - chunk.start());
		}
		return out.toByteArray();
	}

	/** Chunk types in file order (validated); handy for diagnostics and tests. */
	static List<String> chunkTypes(byte[] png) {
		return chunks(png).stream().map(Chunk::type).toList();
	}

	/** Splits and validates the whole file, stopping at IEND (trailing bytes are ignored). */
	private static List<Chunk> chunks(byte[] png) {
		if (!isPng(png)) {
			throw corrupt("it does not start with the PNG signature");
		}
		List<Chunk> chunks = new ArrayList<>();
		int pos = SIGNATURE.length;
		while (true) {
			if (png.length - pos < 12) {
				throw corrupt("the file is truncated at byte " + pos + " (no IEND chunk)");
			}
			long length = readUint32(png, pos);
			String type = new String(png, pos + 4, 4, StandardCharsets.ISO_8859_1);
			if (!type.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
				throw corrupt("invalid chunk type at byte " + pos);
			}
			// long arithmetic: a forged length near 2^32 must not overflow into a "valid" offset.
			if (length > png.length - pos - 12L) {
				throw corrupt("chunk '" + type + "' at byte " + pos + " is truncated");
			}
			Chunk chunk = new Chunk(type, pos, pos + 8, (int) length);
			if (chunks.isEmpty() && !type.equals("IHDR")) {
				throw corrupt("the first chunk is '" + type + "', not IHDR");
			}
			CRC32 crc = new CRC32();
			crc.update(png, pos + 4, 4 + chunk.dataLength());
			if (crc.getValue() != readUint32(png, chunk.dataStart() + chunk.dataLength())) {
				throw corrupt("chunk '" + type + "' at byte " + pos + " has a bad CRC");
			}
			chunks.add(chunk);
			if (type.equals("IEND")) {
				return chunks;
			}
			pos = chunk.end();
		}
	}

	private static String keywordOf(byte[] png, Chunk chunk) {
		int nul = indexOfNul(png, chunk.dataStart(), chunk.dataStart() + chunk.dataLength());
		int end = nul < 0 ? chunk.dataStart() + chunk.dataLength() : nul;
		return new String(png, chunk.dataStart(), end - chunk.dataStart(), StandardCharsets.ISO_8859_1);
	}

	private static byte[] textData(String keyword, String text) {
		// tEXt is Latin-1 only; callers base64 their payload, so anything else is a programming error.
		if (keyword.isEmpty() || keyword.length() > 79 || !isLatin1(keyword) || keyword.indexOf('\0') >= 0) {
			throw new IllegalArgumentException("Invalid tEXt keyword: " + keyword);
		}
		if (!isLatin1(text)) {
			throw new IllegalArgumentException("tEXt text must be Latin-1 (base64-encode it): " + keyword);
		}
		byte[] k = keyword.getBytes(StandardCharsets.ISO_8859_1);
		byte[] t = text.getBytes(StandardCharsets.ISO_8859_1);
		byte[] data = new byte[k.length + 1 + t.length];
		System.arraycopy(k, 0, data, 0, k.length);
		System.arraycopy(t, 0, data, k.length + 1, t.length);
		return data;
	}

	private static void writeChunk(ByteArrayOutputStream out, String type, byte[] data) {
		byte[] typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
		CRC32 crc = new CRC32();
		crc.update(typeBytes);
		crc.update(data);
		writeUint32(out, data.length);
		out.write(typeBytes, 0, 4);
		out.write(data, 0, data.length);
		writeUint32(out, crc.getValue());
	}

	private static boolean isLatin1(String s) {
		return s.chars().allMatch(c -> c <= 0xFF);
	}

	private static int indexOfNul(byte[] bytes, int from, int to) {
		for (int i = from; i < to; i++) {
			if (bytes[i] == 0) {
				return i;
			}
		}
		return -1;
	}

	private static long readUint32(byte[] b, int pos) {
		return ((b[pos] & 0xFFL) << 24) | ((b[pos + 1] & 0xFFL) << 16) | ((b[pos + 2] & 0xFFL) << 8) | (b[pos + 3] & 0xFFL);
	}

	private static void writeUint32(ByteArrayOutputStream out, long v) {
		out.write((int) (v >>> 24) & 0xFF);
		out.write((int) (v >>> 16) & 0xFF);
		out.write((int) (v >>> 8) & 0xFF);
		out.write((int) v & 0xFF);
	}

	private static CardFormatException corrupt(String detail) {
		return new CardFormatException("file", "The file is not a valid PNG: " + detail);
	}
}
