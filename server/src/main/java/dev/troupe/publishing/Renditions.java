package dev.troupe.publishing;

import java.awt.Color;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;

import dev.troupe.publishing.spi.Capabilities;

/**
 * Fits images to a platform's limits: scales down to the longest edge allowed and re-encodes as JPEG at
 * decreasing quality until the file is small enough. Images already within limits go out untouched.
 * Videos in any other format than MP4 (WebM, MOV, MKV…) are re-encoded to H.264 MP4 with ffmpeg for every
 * platform that takes MP4: it is the one video format all platforms and browsers play.
 */
final class Renditions {

	private Renditions() {
	}

	record Rendered(byte[] bytes, String contentType) {
	}

	static Rendered fit(byte[] bytes, String contentType, Capabilities caps) {
		if (contentType.startsWith("video/") && !contentType.equals("video/mp4")
				&& caps.mediaTypes().stream().anyMatch("video/mp4"::startsWith)) {
			return new Rendered(VideoTranscoder.toMp4(bytes), "video/mp4");
		}
		if (!contentType.startsWith("image/") || contentType.equals("image/gif")) {
			return new Rendered(bytes, contentType);
		}
		try {
			var image = dev.troupe.media.ImageDecoding.read(bytes);
			if (image == null) {
				return new Rendered(bytes, contentType);
			}
			var edge = Math.max(image.getWidth(), image.getHeight());
			var accepted = caps.mediaTypes().stream().anyMatch(contentType::startsWith);
			var fits = (caps.maxImageEdge() <= 0 || edge <= caps.maxImageEdge())
					&& (caps.maxImageBytes() <= 0 || bytes.length <= caps.maxImageBytes());
			if (accepted && fits) {
				return new Rendered(bytes, contentType);
			}
			var scaled = caps.maxImageEdge() > 0 && edge > caps.maxImageEdge()
					? scale(image, (double) caps.maxImageEdge() / edge) : image;
			for (float quality = 0.9f; quality >= 0.3f; quality -= 0.1f) {
				var jpeg = jpeg(scaled, quality);
				if (caps.maxImageBytes() <= 0 || jpeg.length <= caps.maxImageBytes()) {
					return new Rendered(jpeg, "image/jpeg");
				}
			}
			return new Rendered(jpeg(scale(scaled, 0.5), 0.6f), "image/jpeg");
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static BufferedImage scale(BufferedImage image, double factor) {
		int w = Math.max(1, (int) Math.round(image.getWidth() * factor));
		int h = Math.max(1, (int) Math.round(image.getHeight() * factor));
		var out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
		var g = out.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, w, h);
		g.drawImage(image, 0, 0, w, h, null);
		g.dispose();
		return out;
	}

	private static byte[] jpeg(BufferedImage image, float quality) throws IOException {
		var rgb = image.getType() == BufferedImage.TYPE_INT_RGB ? image : scale(image, 1.0);
		var writer = ImageIO.getImageWritersByFormatName("jpg").next();
		var out = new ByteArrayOutputStream();
		try (var stream = ImageIO.createImageOutputStream(out)) {
			writer.setOutput(stream);
			var params = writer.getDefaultWriteParam();
			params.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			params.setCompressionQuality(quality);
			writer.write(null, new IIOImage(rgb, null, null), params);
		}
		finally {
			writer.dispose();
		}
		return out.toByteArray();
	}
}
