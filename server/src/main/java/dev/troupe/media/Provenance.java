package dev.troupe.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes AI-disclosure metadata into generated files (DESIGN §6 "Disclosure by default"): an XMP packet with IPTC
 * {@code Iptc4xmpExt:DigitalSourceType = trainedAlgorithmicMedia}, {@code xmp:CreatorTool}, {@code xmp:CreateDate},
 * {@code dc:creator} (the character), an "AI-generated" {@code dc:description} and {@code troupe:jobId}.
 *
 * <p>Supported: PNG (iTXt), JPEG (APP1), WebP (XMP chunk + VP8X flag; simple VP8/VP8L files are promoted to VP8X),
 * MP4/M4A/MOV (top-level XMP {@code uuid} box) and WAV ({@code _PMX} chunk). Everything else, notably GIF, WebM,
 * FLAC, Ogg and MP3, is returned unchanged: the caller records provenance in the database in any case. The file
 * type is taken from the bytes; {@code contentType} only decides for files whose bytes are not recognised
 * (QuickTime files without an {@code ftyp} box).
 *
 * <p>Stamping replaces an earlier packet, so stamping twice leaves one packet. The packet is not a C2PA manifest: it
 * is unsigned and anyone can strip it; it is a disclosure label, not a proof.
 */
public final class Provenance {

	private Provenance() {
	}

	/**
	 * The file with the provenance packet embedded, or the same bytes for unsupported types.
	 * @throws IllegalArgumentException if the file claims a supported type but its structure is broken
	 */
	public static byte[] stamp(byte[] file, String contentType, ProvenanceInfo info) {
		return embed(file, contentType, XmpPacket.build(info));
	}

	/**
	 * A derived file (a resized or re-encoded rendition, a transcode) with the XMP packet of the file it was made
	 * from, so its disclosure survives. A source without a packet (a camera photo) gives the derived file as is:
	 * nothing is ever marked as generated that was not.
	 */
	public static byte[] carry(byte[] source, byte[] derived, String derivedContentType) {
		return packet(source).map(packet -> embed(derived, derivedContentType, packet)).orElse(derived);
	}

	/**
	 * Reads part of a file: the bytes from {@code offset}, at most {@code length} ({@code -1}: to the end). Lets
	 * provenance be read from, and carried into, files too large for memory (videos in the media store).
	 */
	@FunctionalInterface
	public interface Ranges {

		InputStream open(long offset, long length) throws IOException;
	}

	/** Files up to this size are read whole and handled as arrays; larger ones only by their MP4 box headers. */
	static final long WHOLE_READ_LIMIT = 16L * 1024 * 1024;

	/**
	 * {@link #readDigitalSourceType(byte[])} for a file read by ranges: an MP4 of any size is read by its box headers
	 * and its packet only. Never throws.
	 */
	public static Optional<String> readDigitalSourceType(Ranges file, long size) {
		return packet(file, size).flatMap(XmpPacket::digitalSourceType);
	}

	/**
	 * {@link #carry(byte[], byte[], String)} for a derived file on disk (a transcoded video), changed in place: an MP4
	 * gets the source's packet appended without being read into memory.
	 */
	public static void carry(Ranges source, long sourceSize, Path derived, String derivedContentType) throws IOException {
		var packet = packet(source, sourceSize);
		if (packet.isEmpty()) {
			return;
		}
		byte[] head;
		try (var in = Files.newInputStream(derived)) {
			head = in.readNBytes(64);
		}
		var kind = kind(head, derivedContentType);
		if (List.of("video/mp4", "audio/mp4", "video/quicktime").contains(kind)) {
			BmffXmpFile.embed(derived, packet.get());
		}
		else if (Files.size(derived) <= WHOLE_READ_LIMIT) {
			Files.write(derived, embed(Files.readAllBytes(derived), derivedContentType, packet.get()));
		}
	}

	private static Optional<byte[]> packet(Ranges file, long size) {
		try {
			if (size <= WHOLE_READ_LIMIT) {
				try (var in = file.open(0, size)) {
					return packet(in.readAllBytes());
				}
			}
			byte[] head;
			try (var in = file.open(0, 64)) {
				head = in.readNBytes(64);
			}
			return switch (kind(head, "")) {
				case "video/mp4", "audio/mp4" -> BmffXmpFile.find(file, size);
				default -> Optional.empty();
			};
		}
		catch (IOException | RuntimeException unreadable) {
			return Optional.empty();
		}
	}

	private static byte[] embed(byte[] file, String contentType, byte[] packet) {
		return switch (kind(file, contentType)) {
			case "image/png" -> PngXmp.embed(file, packet);
			case "image/jpeg" -> JpegXmp.embed(file, packet);
			case "image/webp" -> RiffXmp.embedWebp(file, packet);
			case "audio/wav" -> RiffXmp.embedWav(file, packet);
			case "video/mp4", "audio/mp4", "video/quicktime" -> BmffXmp.embed(file, packet);
			default -> file;
		};
	}

	/**
	 * The {@code Iptc4xmpExt:DigitalSourceType} of a file's XMP packet (ours or another tool's), if it has one.
	 * Never throws: a broken file simply has no readable provenance.
	 */
	public static Optional<String> readDigitalSourceType(byte[] file) {
		return packet(file).flatMap(XmpPacket::digitalSourceType);
	}

	private static Optional<byte[]> packet(byte[] file) {
		try {
			return switch (kind(file, "")) {
				case "image/png" -> PngXmp.find(file);
				case "image/jpeg" -> JpegXmp.find(file);
				case "image/webp", "audio/wav" -> RiffXmp.find(file);
				case "video/mp4", "audio/mp4" -> BmffXmp.find(file);
				default -> Optional.empty();
			};
		}
		catch (RuntimeException malformed) {
			return Optional.empty();
		}
	}

	/** The bytes decide, not the label: a backend that says PNG but sends JPEG must still get a JPEG segment. */
	private static String kind(byte[] file, String contentType) {
		return ContentSniffer.contentType(file)
			.orElse(contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).split(";")[0].strip());
	}
}
