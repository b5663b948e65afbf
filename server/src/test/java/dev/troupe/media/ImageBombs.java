package dev.troupe.media;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Small, valid-looking image files whose headers claim a gigantic canvas. */
public final class ImageBombs {

	private ImageBombs() {
	}

	/** A PNG of a few hundred bytes claiming width × height RGB pixels (only the first rows are present). */
	public static byte[] png(int width, int height) throws IOException {
		var out = new ByteArrayOutputStream();
		out.write(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' });
		var ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0)
			.put((byte) 0).put((byte) 0).array();
		chunk(out, "IHDR", ihdr);
		var deflater = new Deflater();
		deflater.setInput(new byte[(width * 3 + 1) * 2]); // two black rows
		deflater.finish();
		var compressed = new byte[64 * 1024];
		var n = deflater.deflate(compressed);
		chunk(out, "IDAT", java.util.Arrays.copyOf(compressed, n));
		chunk(out, "IEND", new byte[0]);
		return out.toByteArray();
	}

	/** A GIF whose single frame claims width × height pixels, with a few bytes of pixel data. */
	public static byte[] gif(int width, int height) {
		var buffer = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
		buffer.put("GIF89a".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
		buffer.putShort((short) width).putShort((short) height).put((byte) 0x80).put((byte) 0).put((byte) 0);
		buffer.put(new byte[] { 0, 0, 0, (byte) 255, (byte) 255, (byte) 255 }); // two-colour palette
		buffer.put((byte) 0x2C).putShort((short) 0).putShort((short) 0).putShort((short) width).putShort((short) height)
			.put((byte) 0);
		buffer.put((byte) 2).put((byte) 2).put((byte) 0x4C).put((byte) 0x01).put((byte) 0).put((byte) 0x3B);
		return java.util.Arrays.copyOf(buffer.array(), buffer.position());
	}

	private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
		var stream = new DataOutputStream(out);
		stream.writeInt(data.length);
		var typeBytes = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
		stream.write(typeBytes);
		stream.write(data);
		var crc = new CRC32();
		crc.update(typeBytes);
		crc.update(data);
		stream.writeInt((int) crc.getValue());
	}
}
