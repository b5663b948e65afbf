package dev.troupe.media;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

/**
 * Cheap checks on a generated image before a human sees it: it decodes, it has the size that was asked for, it is
 * not blank, and it is not a near-copy of an earlier image of the same character (diffusion models with a fixed
 * seed or a stuck LoRA repeat themselves).
 */
public final class ImageQuality {

	/** Below this luminance standard deviation (0..255 scale) an image is a flat fill, not a picture. */
	static final double MIN_STD_DEV = 4.0;

	/** Share of pixels near black/white above which the image is "mostly" black/white. */
	static final double MOSTLY = 0.98;

	/**
	 * pHash distance at or below which two images count as the same picture; 6 of 64 bits tolerates re-encoding
	 * and resizing but not a different composition.
	 */
	static final int NEAR_DUPLICATE_DISTANCE = 6;

	/** Decoding is skipped above this, so a decompression bomb cannot exhaust the heap. */
	static final long MAX_PIXELS = 64L * 1024 * 1024;

	private ImageQuality() {
	}

	public static QualityReport check(byte[] bytes, Integer expectedWidth, Integer expectedHeight,
			Collection<Long> existingHashesOfCharacter) {
		List<String> flags = new ArrayList<>();
		BufferedImage image = decode(bytes, flags);
		if (image == null) {
			return new QualityReport(false, flags, 0L);
		}
		int width = image.getWidth(), height = image.getHeight();
		if ((expectedWidth != null && expectedWidth != width) || (expectedHeight != null && expectedHeight != height)) {
			flags.add("unexpected size " + width + "x" + height + ", asked for " + (expectedWidth == null ? "any" : expectedWidth)
					+ "x" + (expectedHeight == null ? "any" : expectedHeight));
		}
		double[] luma = Luminance.of(image);
		checkBlank(luma, flags);
		long hash = PerceptualHash.of(luma, width, height);
		if (existingHashesOfCharacter != null
				&& existingHashesOfCharacter.stream().anyMatch(h -> h != null && distance(h, hash) <= NEAR_DUPLICATE_DISTANCE)) {
			flags.add("near-duplicate of an earlier image");
		}
		return new QualityReport(flags.isEmpty(), flags, hash);
	}

	/** Hamming distance between two perceptual hashes (0 = same picture, about 32 = unrelated). */
	public static int distance(long hashA, long hashB) {
		return Long.bitCount(hashA ^ hashB);
	}

	private static BufferedImage decode(byte[] bytes, List<String> flags) {
		if (bytes == null || bytes.length == 0) {
			flags.add("undecodable");
			return null;
		}
		try (var in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
			var readers = ImageIO.getImageReaders(in);
			if (!readers.hasNext()) {
				flags.add("undecodable");
				return null;
			}
			var reader = readers.next();
			try {
				reader.setInput(in, true, true);
				long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
				if (pixels > MAX_PIXELS) {
					flags.add("too large to check (" + reader.getWidth(0) + "x" + reader.getHeight(0) + ")");
					return null;
				}
				return reader.read(0);
			}
			finally {
				reader.dispose();
			}
		}
		catch (Exception broken) {
			flags.add("undecodable");
			return null;
		}
	}

	private static void checkBlank(double[] luma, List<String> flags) {
		double sum = 0, sumSquares = 0;
		int dark = 0, light = 0;
		for (double y : luma) {
			sum += y;
			sumSquares += y * y;
			if (y < 16) dark++;
			if (y > 239) light++;
		}
		double mean = sum / luma.length;
		double stdDev = Math.sqrt(Math.max(0, sumSquares / luma.length - mean * mean));
		if (stdDev < MIN_STD_DEV) {
			flags.add(String.format(Locale.ROOT, "blank or near-uniform (luminance std dev %.1f)", stdDev));
		}
		if (dark >= MOSTLY * luma.length) {
			flags.add("mostly black");
		}
		else if (light >= MOSTLY * luma.length) {
			flags.add("mostly white");
		}
	}
}
