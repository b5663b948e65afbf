package dev.troupe.media;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * XMP in ISO BMFF (MP4, M4A, and MOV with an ftyp box): a top-level {@code uuid} box with Adobe's XMP UUID,
 * appended at the end of the file. Appending never moves existing bytes, so the absolute sample offsets in
 * {@code stco}/{@code co64} stay valid. An earlier XMP box that is last in the file is cut off; one elsewhere is
 * turned into a zero-filled {@code free} box of the same size for the same reason.
 */
final class BmffXmp {

	static final byte[] XMP_UUID = hex("BE7ACFCB97A942E89C71999491E3AFAC");

	private record Box(String type, int start, int end) {
	}

	private BmffXmp() {
	}

	static byte[] embed(byte[] file, byte[] packet) {
		byte[] copy = file.clone();
		List<Box> boxes = boxes(copy, true);
		int length = file.length;
		for (int i = boxes.size() - 1; i >= 0; i--) {
			Box box = boxes.get(i);
			if (!isXmp(copy, box)) {
				continue;
			}
			if (box.end() == length) {
				length = box.start();
			}
			else {
				Arrays.fill(copy, box.start() + 8, box.end(), (byte) 0);
				System.arraycopy("free".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, copy, box.start() + 4, 4);
			}
		}
		var out = new ByteArrayOutputStream(length + packet.length + 24);
		out.write(copy, 0, length);
		Bytes.u32be(out, 8L + XMP_UUID.length + packet.length);
		out.write('u');
		out.write('u');
		out.write('i');
		out.write('d');
		out.write(XMP_UUID, 0, XMP_UUID.length);
		out.write(packet, 0, packet.length);
		return out.toByteArray();
	}

	static Optional<byte[]> find(byte[] file) {
		for (Box box : boxes(file, false)) {
			if (isXmp(file, box)) {
				return Optional.of(Arrays.copyOfRange(file, box.start() + 8 + XMP_UUID.length, box.end()));
			}
		}
		return Optional.empty();
	}

	private static boolean isXmp(byte[] file, Box box) {
		return box.type().equals("uuid") && box.end() - box.start() >= 8 + XMP_UUID.length
				&& Bytes.startsWith(file, box.start() + 8, XMP_UUID);
	}

	/**
	 * Top-level boxes. A size of 0 means "to the end of the file"; when {@code fixOpenEnded} it is rewritten in
	 * place as the real size, so that a box can be appended after it.
	 */
	private static List<Box> boxes(byte[] file, boolean fixOpenEnded) {
		List<Box> boxes = new ArrayList<>();
		int pos = 0;
		while (pos < file.length) {
			if (file.length - pos < 8) {
				throw Bytes.malformed("MP4", "truncated box header at byte " + pos);
			}
			long size = Bytes.u32be(file, pos);
			if (size == 1) {
				if (file.length - pos < 16) {
					throw Bytes.malformed("MP4", "truncated box header at byte " + pos);
				}
				size = (Bytes.u32be(file, pos + 8) << 32) | Bytes.u32be(file, pos + 12);
			}
			else if (size == 0) {
				size = file.length - pos;
				if (size > 0xFFFFFFFFL) {
					throw Bytes.malformed("MP4", "open-ended box larger than 4 GB");
				}
				if (fixOpenEnded) {
					writeU32be(file, pos, size);
				}
			}
			if (size < 8 || size > file.length - pos) {
				throw Bytes.malformed("MP4", "box at byte " + pos + " has an invalid size");
			}
			boxes.add(new Box(Bytes.ascii(file, pos + 4, 4), pos, pos + (int) size));
			pos += (int) size;
		}
		return boxes;
	}

	private static void writeU32be(byte[] b, int pos, long v) {
		b[pos] = (byte) (v >>> 24);
		b[pos + 1] = (byte) (v >>> 16);
		b[pos + 2] = (byte) (v >>> 8);
		b[pos + 3] = (byte) v;
	}

	private static byte[] hex(String hex) {
		return java.util.HexFormat.of().parseHex(hex);
	}
}
