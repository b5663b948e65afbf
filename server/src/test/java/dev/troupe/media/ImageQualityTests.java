package dev.troupe.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Image;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;

import org.junit.jupiter.api.Test;

import dev.troupe.support.TestImages;

class ImageQualityTests {

	@Test
	void aUniformImageIsFlaggedAsBlank() throws IOException {
		QualityReport black = ImageQuality.check(png(filled(Color.BLACK)), 256, 256, List.of());
		QualityReport grey = ImageQuality.check(png(filled(Color.GRAY)), 256, 256, List.of());

		assertThat(black.passed()).isFalse();
		assertThat(black.flags()).containsExactly("blank or near-uniform (luminance std dev 0.0)", "mostly black");
		assertThat(grey.flags()).containsExactly("blank or near-uniform (luminance std dev 0.0)");
	}

	@Test
	void aMostlyWhiteImageWithATinyMarkIsFlagged() throws IOException {
		BufferedImage image = filled(Color.WHITE);
		var g = image.createGraphics();
		g.setColor(Color.BLACK);
		g.fillRect(10, 10, 6, 6); // enough to lift the std dev above the blank threshold
		g.dispose();

		assertThat(ImageQuality.check(png(image), null, null, null).flags()).containsExactly("mostly white");
	}

	@Test
	void aNoisyGradientPicturePasses() throws IOException {
		QualityReport report = ImageQuality.check(png(scene(1)), 256, 256, List.of());

		assertThat(report.flags()).isEmpty();
		assertThat(report.passed()).isTrue();
		assertThat(report.perceptualHash()).isNotZero();
	}

	@Test
	void theSamePictureReencodedAsJpegAndResizedIsANearDuplicate() throws IOException {
		BufferedImage original = scene(1);
		long hash = ImageQuality.check(png(original), null, null, List.of()).perceptualHash();

		byte[] copy = jpeg(resize(original, 240, 240), 0.8f);
		QualityReport report = ImageQuality.check(copy, null, null, List.of(0x1234L, hash));

		assertThat(ImageQuality.distance(hash, report.perceptualHash())).isLessThanOrEqualTo(ImageQuality.NEAR_DUPLICATE_DISTANCE);
		assertThat(report.flags()).containsExactly("near-duplicate of an earlier image");
	}

	@Test
	void twoDifferentPicturesAreNotNearDuplicates() throws IOException {
		long first = ImageQuality.check(png(scene(1)), null, null, List.of()).perceptualHash();
		QualityReport second = ImageQuality.check(png(scene(2)), null, null, List.of(first));

		assertThat(ImageQuality.distance(first, second.perceptualHash())).isGreaterThan(20); // unrelated hashes differ in about half of the 64 bits
		assertThat(second.passed()).isTrue();
	}

	@Test
	void aWrongSizeIsFlagged() throws IOException {
		QualityReport report = ImageQuality.check(png(scene(1)), 1024, 1024, List.of());

		assertThat(report.flags()).containsExactly("unexpected size 256x256, asked for 1024x1024");
	}

	@Test
	void garbageIsUndecodable() {
		byte[] garbage = new byte[500];
		new Random(3).nextBytes(garbage);
		byte[] brokenPng = Arrays.copyOf(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0}, 60);

		for (byte[] bytes : List.of(garbage, brokenPng, new byte[0])) {
			QualityReport report = ImageQuality.check(bytes, 1024, 1024, List.of());
			assertThat(report.passed()).isFalse();
			assertThat(report.flags()).containsExactly("undecodable");
			assertThat(report.perceptualHash()).isZero();
		}
	}

	// --- fixtures ---

	static BufferedImage filled(Color color) {
		var image = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
		var g = image.createGraphics();
		g.setColor(color);
		g.fillRect(0, 0, 256, 256);
		g.dispose();
		return image;
	}

	/** A gradient with shapes placed by the seed, plus per-pixel noise, standing in for a generated picture. */
	static BufferedImage scene(long seed) {
		var random = new Random(seed);
		var image = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
		var g = image.createGraphics();
		g.setPaint(new GradientPaint(0, 0, new Color(random.nextInt(0xFFFFFF)), 256, 256, new Color(random.nextInt(0xFFFFFF))));
		g.fillRect(0, 0, 256, 256);
		for (int i = 0; i < 6; i++) {
			g.setColor(new Color(random.nextInt(0xFFFFFF)));
			g.fillOval(random.nextInt(200), random.nextInt(200), 30 + random.nextInt(80), 30 + random.nextInt(80));
		}
		g.dispose();
		for (int y = 0; y < 256; y++) {
			for (int x = 0; x < 256; x++) {
				int rgb = image.getRGB(x, y);
				int noise = random.nextInt(21) - 10;
				int r = clamp(((rgb >> 16) & 0xFF) + noise), gr = clamp(((rgb >> 8) & 0xFF) + noise), b = clamp((rgb & 0xFF) + noise);
				image.setRGB(x, y, (r << 16) | (gr << 8) | b);
			}
		}
		return image;
	}

	static BufferedImage resize(BufferedImage image, int width, int height) {
		var resized = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		var g = resized.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
		g.drawImage(image.getScaledInstance(width, height, Image.SCALE_SMOOTH), 0, 0, null);
		g.dispose();
		return resized;
	}

	static byte[] png(BufferedImage image) {
		return TestImages.png(image);
	}

	static byte[] jpeg(BufferedImage image, float quality) throws IOException {
		var writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		var out = new ByteArrayOutputStream();
		try (var ios = ImageIO.createImageOutputStream(out)) {
			writer.setOutput(ios);
			ImageWriteParam param = writer.getDefaultWriteParam();
			param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			param.setCompressionQuality(quality);
			writer.write(null, new IIOImage(image, null, null), param);
		}
		writer.dispose();
		return out.toByteArray();
	}

	private static int clamp(int v) {
		return Math.max(0, Math.min(255, v));
	}
}
