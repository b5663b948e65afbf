package dev.troupe.media;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Integer and ASCII helpers for the container formats {@link Provenance} edits. */
final class Bytes {

	private Bytes() {
	}

	static long u32be(byte[] b, int pos) {
		return ((b[pos] & 0xFFL) << 24) | ((b[pos + 1] & 0xFFL) << 16) | ((b[pos + 2] & 0xFFL) << 8) | (b[pos + 3] & 0xFFL);
	}

	static long u32le(byte[] b, int pos) {
		return (b[pos] & 0xFFL) | ((b[pos + 1] & 0xFFL) << 8) | ((b[pos + 2] & 0xFFL) << 16) | ((b[pos + 3] & 0xFFL) << 24);
	}

	static int u16be(byte[] b, int pos) {
		return ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
	}

	static void u32be(ByteArrayOutputStream out, long v) {
		out.write((int) (v >>> 24));
		out.write((int) (v >>> 16));
		out.write((int) (v >>> 8));
		out.write((int) v);
	}

	static void u32le(ByteArrayOutputStream out, long v) {
		out.write((int) v);
		out.write((int) (v >>> 8));
		out.write((int) (v >>> 16));
		out.write((int) (v >>> 24));
	}

	static void putU32le(byte[] b, int pos, long v) {
		b[pos] = (byte) v;
		b[pos + 1] = (byte) (v >>> 8);
		b[pos + 2] = (byte) (v >>> 16);
		b[pos + 3] = (byte) (v >>> 24);
	}

	static String ascii(byte[] b, int pos, int length) {
		return new String(b, pos, length, StandardCharsets.ISO_8859_1);
	}

	static boolean startsWith(byte[] b, int pos, byte[] prefix) {
		if (pos < 0 || b.length - pos < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if (b[pos + i] != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	static IllegalArgumentException malformed(String format, String detail) {
		return new IllegalArgumentException("Not a valid " + format + " file: " + detail);
	}
}
