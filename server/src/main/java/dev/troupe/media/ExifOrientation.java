package dev.troupe.media;

import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Phones store photos sideways and say so in the EXIF {@code Orientation} tag (0x0112); ImageIO ignores it. This
 * turns a decoded JPEG upright, so thumbnails, sizes and the renditions sent to platforms (which drop EXIF) show
 * the picture the way the camera meant it.
 */
public final class ExifOrientation {

	private ExifOrientation() {
	}

	/** The image as it should be seen; unchanged when the file has no orientation or it is 1 (or unreadable). */
	public static BufferedImage upright(byte[] file, BufferedImage image) {
		var orientation = of(file);
		if (orientation <= 1 || orientation > 8 || image == null) {
			return image;
		}
		int w = image.getWidth();
		int h = image.getHeight();
		var t = new AffineTransform();
		switch (orientation) {
			case 2 -> { t.translate(w, 0); t.scale(-1, 1); }
			case 3 -> { t.translate(w, h); t.rotate(Math.PI); }
			case 4 -> { t.translate(0, h); t.scale(1, -1); }
			case 5 -> { t.rotate(-Math.PI / 2); t.scale(-1, 1); }
			case 6 -> { t.translate(h, 0); t.rotate(Math.PI / 2); }
			case 7 -> { t.scale(-1, 1); t.translate(-h, 0); t.translate(0, w); t.rotate(3 * Math.PI / 2); }
			case 8 -> { t.translate(0, w); t.rotate(3 * Math.PI / 2); }
			default -> { return image; }
		}
		var swap = orientation >= 5;
		var type = image.getType() == BufferedImage.TYPE_CUSTOM ? BufferedImage.TYPE_INT_ARGB : image.getType();
		var out = new BufferedImage(swap ? h : w, swap ? w : h, type);
		new AffineTransformOp(t, AffineTransformOp.TYPE_NEAREST_NEIGHBOR).filter(image, out);
		return out;
	}

	/** The orientation in a JPEG's APP1 Exif segment, or 0 when there is none. Never throws. */
	static int of(byte[] b) {
		try {
			if (b.length < 4 || (b[0] & 0xFF) != 0xFF || (b[1] & 0xFF) != 0xD8) {
				return 0;
			}
			int i = 2;
			while (i + 4 <= b.length && (b[i] & 0xFF) == 0xFF) {
				int marker = b[i + 1] & 0xFF;
				int length = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
				if (marker == 0xDA || marker == 0xD9) {
					return 0; // image data starts: no EXIF before it
				}
				if (marker == 0xE1 && length >= 16 && new String(b, i + 4, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("Exif")) {
					return tiffOrientation(ByteBuffer.wrap(b, i + 10, length - 8).slice());
				}
				i += 2 + length;
			}
		}
		catch (RuntimeException malformed) {
			// a broken EXIF segment means "no orientation"
		}
		return 0;
	}

	private static int tiffOrientation(ByteBuffer tiff) {
		tiff.order(tiff.get(0) == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
		int ifd = tiff.getInt(4);
		int entries = tiff.getShort(ifd) & 0xFFFF;
		for (int e = 0; e < entries; e++) {
			int at = ifd + 2 + e * 12;
			if ((tiff.getShort(at) & 0xFFFF) == 0x0112) {
				return tiff.getShort(at + 8) & 0xFFFF;
			}
		}
		return 0;
	}
}
