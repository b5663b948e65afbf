package dev.troupe.support;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/** Encodes test pictures, once for every test and fake that needs a real PNG or JPEG. */
public final class TestImages {

	private TestImages() {
	}

	public static byte[] png(BufferedImage image) {
		return encode(image, "png");
	}

	/** @param format an ImageIO format name: "png", "jpg", "gif", "bmp" */
	public static byte[] encode(BufferedImage image, String format) {
		var out = new ByteArrayOutputStream();
		try {
			if (!ImageIO.write(image, format, out)) {
				throw new IllegalArgumentException("no ImageIO writer for " + format);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return out.toByteArray();
	}
}
