package dev.troupe.media;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * XMP in JPEG: an APP1 segment starting with {@code http://ns.adobe.com/xap/1.0/\0}. It goes after SOI and the
 * leading APP0 (JFIF) and APP1 (Exif) segments, where readers that stop early still find it. Any earlier XMP,
 * including Extended XMP whose GUID would no longer match, is removed. The entropy-coded data after SOS is copied
 * untouched, so the pixels do not change.
 */
final class JpegXmp {

	private static final byte[] XMP_ID = "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.ISO_8859_1);

	private static final byte[] EXTENDED_XMP_ID = "http://ns.adobe.com/xmp/extension/\0".getBytes(StandardCharsets.ISO_8859_1);

	private static final byte[] EXIF_ID = "Exif\0".getBytes(StandardCharsets.ISO_8859_1);

	/** A segment's length field counts itself (2 bytes) and must fit in 16 bits. */
	static final int MAX_PACKET = 0xFFFF - 2 - XMP_ID.length;

	private static final int APP0 = 0xE0, APP1 = 0xE1, SOS = 0xDA, EOI = 0xD9;

	private JpegXmp() {
	}

	static byte[] embed(byte[] jpeg, byte[] packet) {
		if (packet.length > MAX_PACKET) {
			throw new IllegalArgumentException("XMP packet of " + packet.length + " bytes does not fit in one JPEG segment");
		}
		var out = new ByteArrayOutputStream(jpeg.length + packet.length + 64);
		out.write(jpeg, 0, 2);
		boolean written = false;
		int pos = 2;
		while (true) {
			pos = skipFill(jpeg, pos);
			int marker = jpeg[pos + 1] & 0xFF;
			boolean leading = marker == APP0 || (marker == APP1 && Bytes.startsWith(jpeg, pos + 4, EXIF_ID));
			if (!written && !leading) {
				writeSegment(out, packet);
				written = true;
			}
			if (marker == SOS || marker == EOI) {
				out.write(jpeg, pos, jpeg.length - pos);
				return out.toByteArray();
			}
			int end = segmentEnd(jpeg, pos);
			if (!isXmp(jpeg, pos)) {
				out.write(jpeg, pos, end - pos);
			}
			pos = end;
		}
	}

	static Optional<byte[]> find(byte[] jpeg) {
		int pos = 2;
		while (true) {
			pos = skipFill(jpeg, pos);
			int marker = jpeg[pos + 1] & 0xFF;
			if (marker == SOS || marker == EOI) {
				return Optional.empty();
			}
			int end = segmentEnd(jpeg, pos);
			if (Bytes.startsWith(jpeg, pos + 4, XMP_ID) && marker == APP1) {
				return Optional.of(Arrays.copyOfRange(jpeg, pos + 4 + XMP_ID.length, end));
			}
			pos = end;
		}
	}

	private static boolean isXmp(byte[] jpeg, int pos) {
		return (jpeg[pos + 1] & 0xFF) == APP1
				&& (Bytes.startsWith(jpeg, pos + 4, XMP_ID) || Bytes.startsWith(jpeg, pos + 4, EXTENDED_XMP_ID));
	}

	/** Markers may be preceded by any number of 0xFF fill bytes. */
	private static int skipFill(byte[] jpeg, int pos) {
		while (pos + 1 < jpeg.length && (jpeg[pos] & 0xFF) == 0xFF && (jpeg[pos + 1] & 0xFF) == 0xFF) {
			pos++;
		}
		if (pos + 4 > jpeg.length || (jpeg[pos] & 0xFF) != 0xFF) {
			throw Bytes.malformed("JPEG", "no marker at byte " + pos);
		}
		return pos;
	}

	private static int segmentEnd(byte[] jpeg, int pos) {
		int end = pos + 2 + Bytes.u16be(jpeg, pos + 2);
		if (end > jpeg.length) {
			throw Bytes.malformed("JPEG", "segment at byte " + pos + " is truncated");
		}
		return end;
	}

	private static void writeSegment(ByteArrayOutputStream out, byte[] packet) {
		int length = 2 + XMP_ID.length + packet.length;
		out.write(0xFF);
		out.write(APP1);
		out.write(length >>> 8);
		out.write(length & 0xFF);
		out.write(XMP_ID, 0, XMP_ID.length);
		out.write(packet, 0, packet.length);
	}
}
