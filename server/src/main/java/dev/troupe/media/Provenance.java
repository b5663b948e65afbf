package dev.troupe.media;

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
