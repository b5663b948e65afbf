package dev.troupe.media;

import java.awt.image.BufferedImage;
import java.io.IOException;

/**
 * The one way any module decodes an image: like {@code ImageIO.read}, but the canvas size is read from the
 * header first and anything over {@link #MAX_PIXELS} is refused before a pixel is decoded, so a small file
 * claiming a gigantic canvas cannot exhaust memory (uploads, renditions, generated images, character cards).
 */
public final class ImageDecoding {

	/** 100 megapixels: about 400 MB once decoded; no platform accepts anything near it. */
	public static final long MAX_PIXELS = Images.MAX_PIXELS;

	private ImageDecoding() {
	}

	/**
	 * @return the first frame, or null when no decoder knows the format (as {@code ImageIO.read})
	 * @throws TooLarge when the canvas is over {@link #MAX_PIXELS}
	 * @throws IOException when the data is corrupt
	 */
	public static BufferedImage read(byte[] bytes) throws IOException {
		try {
			return Images.decode(bytes);
		}
		catch (Images.NoDecoder e) {
			return null;
		}
	}

	/** The image's canvas is larger than {@link #MAX_PIXELS}. */
	public static final class TooLarge extends IOException {

		TooLarge(long width, long height) {
			super("image is " + width + "x" + height + ", larger than " + MAX_PIXELS / 1_000_000 + " megapixels");
		}
	}
}
