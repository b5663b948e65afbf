package dev.troupe.character;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.troupe.media.PngChunks;
import dev.troupe.media.PngChunks.Chunk;

/**
 * The tEXt chunks of character cards, on the media module's PNG chunk walker: a tEXt chunk's data is a Latin-1
 * keyword, a NUL and Latin-1 text. A truncated or corrupt upload is a {@link CardFormatException}.
 */
final class CardChunks {

	/** Keywords SillyTavern's writer replaces; matched case-insensitively like its reader. */
	private static final Set<String> CARD_KEYWORDS = Set.of("chara", "ccv3");

	private CardChunks() {
	}

	static boolean isPng(byte[] bytes) {
		return PngChunks.isPng(bytes);
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
		Set<String> replaced = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		replaced.addAll(CARD_KEYWORDS);
		replaced.addAll(newChunks.keySet());

		ByteArrayOutputStream out = new ByteArrayOutputStream(png.length + 1024);
		out.write(PngChunks.SIGNATURE, 0, PngChunks.SIGNATURE.length);
		for (Chunk chunk : chunks(png)) {
			if (chunk.type().equals("IEND")) {
				newChunks.forEach((keyword, text) -> PngChunks.write(out, "tEXt", textData(keyword, text)));
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

	/** The media module's walker, with its reason turned into the card import's error. */
	private static List<Chunk> chunks(byte[] png) {
		try {
			return PngChunks.split(png);
		}
		catch (IllegalArgumentException e) {
			throw new CardFormatException("file", "The file is not a valid PNG: "
					+ e.getMessage().replaceFirst("^Not a valid PNG file: ", ""));
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

}
