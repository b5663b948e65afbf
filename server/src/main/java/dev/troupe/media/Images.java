package dev.troupe.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import javax.imageio.ImageIO;

/**
 * Decoding, measuring and thumbnailing with the JDK's ImageIO (PNG, JPEG, GIF, BMP). Size is read from the
 * header before decoding, so a small file claiming a gigantic canvas cannot exhaust memory.
 */
final class Images {

	static final int THUMBNAIL_EDGE = 320;
	static final long MAX_PIXELS = 100_000_000L;

	private Images() {
	}

	/** The decoded image, or an exception whose message says why it could not be read. */
	static BufferedImage decode(byte[] bytes) throws IOException {
		try (var input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
			var readers = ImageIO.getImageReaders(input);
			if (!readers.hasNext()) {
				throw new NoDecoder();
			}
			var reader = readers.next();
			try {
				reader.setInput(input, true, true);
				long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
				if (pixels > MAX_PIXELS) {
					throw new ImageDecoding.TooLarge(reader.getWidth(0), reader.getHeight(0));
				}
				return reader.read(0);
			}
			finally {
				reader.dispose();
			}
		}
		catch (RuntimeException e) {
			// decoders throw all sorts of runtime exceptions on corrupt data
			throw new IOException("corrupt image data", e);
		}
	}

	static final class NoDecoder extends IOException {

		NoDecoder() {
			super("no decoder for this image format");
		}
	}

	static byte[] thumbnail(BufferedImage image) throws IOException {
		double scale = Math.min(1.0, (double) THUMBNAIL_EDGE / Math.max(image.getWidth(), image.getHeight()));
		int width = Math.max(1, (int) Math.round(image.getWidth() * scale));
		int height = Math.max(1, (int) Math.round(image.getHeight() * scale));
		var thumb = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = thumb.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
			g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
			g.setColor(Color.WHITE); // JPEG has no alpha: transparent areas become white
			g.fillRect(0, 0, width, height);
			g.drawImage(image, 0, 0, width, height, null);
		}
		finally {
			g.dispose();
		}
		var out = new ByteArrayOutputStream();
		ImageIO.write(thumb, "jpg", out);
		return out.toByteArray();
	}
}
