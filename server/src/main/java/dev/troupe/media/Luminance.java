package dev.troupe.media;

import java.awt.image.BufferedImage;

/** Per-pixel luminance (Rec. 601, 0..255) with transparency composited over white, as the image is shown. */
final class Luminance {

	private Luminance() {
	}

	static double[] of(BufferedImage image) {
		int width = image.getWidth(), height = image.getHeight();
		double[] luma = new double[width * height];
		int[] row = new int[width];
		for (int y = 0; y < height; y++) {
			image.getRGB(0, y, width, 1, row, 0, width);
			for (int x = 0; x < width; x++) {
				int argb = row[x];
				double alpha = (argb >>> 24) / 255.0;
				double r = ((argb >> 16) & 0xFF) * alpha + 255 * (1 - alpha);
				double g = ((argb >> 8) & 0xFF) * alpha + 255 * (1 - alpha);
				double b = (argb & 0xFF) * alpha + 255 * (1 - alpha);
				luma[y * width + x] = 0.299 * r + 0.587 * g + 0.114 * b;
			}
		}
		return luma;
	}
}
