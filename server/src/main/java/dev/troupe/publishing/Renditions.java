package dev.troupe.publishing;

import java.awt.Color;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;

import dev.troupe.media.MediaAsset;
import dev.troupe.media.MediaManagement;
import dev.troupe.media.Provenance;
import dev.troupe.publishing.spi.Capabilities;
import dev.troupe.publishing.spi.MediaSource;
import dev.troupe.publishing.spi.PublishRequest;

/**
 * Fits images to a platform's limits: scales down to the longest edge allowed and re-encodes as JPEG at
 * decreasing quality until the file is small enough. Images already within limits go out untouched.
 * Videos in any other format than MP4 (WebM, MOV, MKV…) are re-encoded to H.264 MP4 with ffmpeg for every
 * platform that takes MP4: it is the one video format all platforms and browsers play. A changed file keeps the
 * source's XMP provenance (DigitalSourceType), which ImageIO and ffmpeg would otherwise drop.
 * <p>
 * Nothing large is held in the heap (ADR 0044): an asset that needs no change is streamed from the media store,
 * a video to convert is copied to a temporary file, converted there and streamed from the result; only images,
 * bounded by the decoder's canvas limit, are read into memory to be checked and resized.
 */
final class Renditions {

	private Renditions() {
	}

	record Rendered(byte[] bytes, String contentType) {
	}

	/**
	 * A rendition ready to send: read from the media store when the asset needed no change, from a temporary file
	 * when it was transcoded (removed by {@link #close}), from memory when it is a resized image.
	 */
	record Rendition(MediaSource source, long size, String contentType, Path temporary) implements AutoCloseable {

		@Override
		public void close() {
			if (temporary != null) {
				VideoTranscoder.delete(temporary);
			}
		}
	}

	/** The asset's blob in the media store, streamed range by range. */
	record StoredBlob(MediaManagement media, String sha256) implements MediaSource {

		@Override
		public InputStream openRange(long offset, long length) throws IOException {
			return media.openBlob(sha256, offset, length);
		}
	}

	/**
	 * The asset as the platform will take it, never read whole into memory unless it is an image to check: a video
	 * in the platform's format streams from the store; one to convert is copied to a temporary file, converted by
	 * ffmpeg there and streamed from the result, which carries the source's provenance.
	 */
	static Rendition fit(MediaManagement media, MediaAsset asset, Capabilities caps) throws IOException {
		var stored = new StoredBlob(media, asset.sha256());
		var type = asset.contentType();
		if (needsMp4(type, caps)) {
			var dir = Files.createTempDirectory("troupe-rendition-");
			try {
				var in = dir.resolve("in");
				try (var source = stored.open()) {
					Files.copy(source, in);
				}
				var out = dir.resolve("out.mp4");
				VideoTranscoder.toMp4(in, out);
				Files.delete(in);
				Provenance.carry(stored::openRange, asset.size(), out, "video/mp4");
				return new Rendition(MediaSource.of(out), Files.size(out), "video/mp4", dir);
			}
			catch (IOException | RuntimeException e) {
				VideoTranscoder.delete(dir);
				throw e;
			}
		}
		if (type.startsWith("image/") && !type.equals("image/gif") && asset.size() <= PublishRequest.Media.IN_MEMORY_LIMIT) {
			byte[] bytes;
			try (var in = stored.open()) {
				bytes = in.readAllBytes();
			}
			var rendered = fit(bytes, type, caps);
			if (rendered.bytes() != bytes) {
				return new Rendition(MediaSource.of(rendered.bytes()), rendered.bytes().length, rendered.contentType(), null);
			}
		}
		return new Rendition(stored, asset.size(), type, null);
	}

	private static boolean needsMp4(String contentType, Capabilities caps) {
		return contentType.startsWith("video/") && !contentType.equals("video/mp4")
				&& caps.mediaTypes().stream().anyMatch("video/mp4"::startsWith);
	}

	/** An image (or a small test clip) in memory as the platform will take it, carrying the source's provenance packet when it had to change. */
	static Rendered fit(byte[] bytes, String contentType, Capabilities caps) {
		var rendered = render(bytes, contentType, caps);
		return rendered.bytes() == bytes ? rendered
				: new Rendered(Provenance.carry(bytes, rendered.bytes(), rendered.contentType()), rendered.contentType());
	}

	private static Rendered render(byte[] bytes, String contentType, Capabilities caps) {
		if (needsMp4(contentType, caps)) {
			return new Rendered(VideoTranscoder.toMp4(bytes), "video/mp4");
		}
		if (!contentType.startsWith("image/") || contentType.equals("image/gif")) {
			return new Rendered(bytes, contentType);
		}
		try {
			// ImageDecoding also turns the picture upright by its EXIF orientation
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
