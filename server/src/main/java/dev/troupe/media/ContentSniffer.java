package dev.troupe.media;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Recognises a file by its first bytes, never by its name or the browser's claim: an upload called
 * {@code face.png} that is really a ZIP is not an image.
 */
final class ContentSniffer {

	private ContentSniffer() {
	}

	static Optional<String> contentType(byte[] b) {
		if (starts(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) return Optional.of("image/png");
		if (starts(b, 0, 0xFF, 0xD8, 0xFF)) return Optional.of("image/jpeg");
		if (ascii(b, 0, "GIF87a") || ascii(b, 0, "GIF89a")) return Optional.of("image/gif");
		if (ascii(b, 0, "RIFF") && ascii(b, 8, "WEBP")) return Optional.of("image/webp");
		if (ascii(b, 0, "RIFF") && ascii(b, 8, "WAVE")) return Optional.of("audio/wav");
		if (ascii(b, 0, "fLaC")) return Optional.of("audio/flac");
		if (ascii(b, 0, "OggS")) return Optional.of("audio/ogg");
		if (ascii(b, 0, "ID3") || starts(b, 0, 0xFF, 0xFB) || starts(b, 0, 0xFF, 0xF3) || starts(b, 0, 0xFF, 0xF2))
			return Optional.of("audio/mpeg");
		if (ascii(b, 4, "ftyp")) {
			var brand = b.length >= 12 ? new String(Arrays.copyOfRange(b, 8, 12), StandardCharsets.US_ASCII) : "";
			return Optional.of(brand.startsWith("M4A") ? "audio/mp4" : "video/mp4");
		}
		if (starts(b, 0, 0x1A, 0x45, 0xDF, 0xA3)) return Optional.of("video/webm");
		return Optional.empty();
	}

	private static boolean starts(byte[] bytes, int offset, int... expected) {
		if (bytes.length < offset + expected.length) return false;
		for (int i = 0; i < expected.length; i++) {
			if ((bytes[offset + i] & 0xFF) != expected[i]) return false;
		}
		return true;
	}

	private static boolean ascii(byte[] bytes, int offset, String expected) {
		return starts(bytes, offset, expected.chars().toArray());
	}
}
