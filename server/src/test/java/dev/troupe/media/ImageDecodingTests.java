package dev.troupe.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;

import org.junit.jupiter.api.Test;

import dev.troupe.support.TestImages;

class ImageDecodingTests {

	@Test
	void aCanvasOverTheLimitIsRefusedBeforeDecoding() throws Exception {
		var bomb = ImageBombs.png(20_000, 20_000);
		assertThat(bomb.length).isLessThan(2_000);
		assertThatThrownBy(() -> ImageDecoding.read(bomb)).isInstanceOf(ImageDecoding.TooLarge.class)
			.hasMessageContaining("20000x20000");
		assertThatThrownBy(() -> ImageDecoding.read(ImageBombs.gif(20_000, 20_000)))
			.isInstanceOf(ImageDecoding.TooLarge.class);
	}

	@Test
	void ordinaryImagesDecodeAndUnknownFormatsGiveNull() throws Exception {
		var image = ImageDecoding.read(TestImages.png(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB)));
		assertThat(image.getWidth()).isEqualTo(40);
		assertThat(image.getHeight()).isEqualTo(30);
		assertThat(ImageDecoding.read("not an image".getBytes())).isNull();
	}

	@Test
	void cmykJpegsDecode() throws Exception {
		var image = ImageDecoding.read(cmykJpeg(48, 32));
		assertThat(image).isNotNull();
		assertThat(image.getWidth()).isEqualTo(48);
		assertThat(image.getHeight()).isEqualTo(32);
		// left half full ink, right half paper, read the Adobe way (inverted): dark left, light right, as printed
		assertThat(luminance(image.getRGB(4, 16))).isLessThan(60);
		assertThat(luminance(image.getRGB(44, 16))).isGreaterThan(200);
		assertThat(Images.thumbnail(image)).as("usable downstream (thumbnails)").isNotEmpty();
	}

	/**
	 * A 4-component JPEG with the Adobe APP14 marker (transform 0: CMYK), as Photoshop and print workflows write it:
	 * left half full ink on all four plates, right half none.
	 */
	private static byte[] cmykJpeg(int width, int height) throws IOException {
		var raster = Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE, width, height, 4, null);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				// Adobe CMYK JPEGs store inverted ink values: 255 = no ink, 0 = full ink
				var ink = x < width / 2 ? 0 : 255;
				raster.setPixel(x, y, new int[] { ink, ink, ink, ink });
			}
		}
		ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		var out = new ByteArrayOutputStream();
		try (var stream = ImageIO.createImageOutputStream(out)) {
			writer.setOutput(stream);
			writer.write(null, new IIOImage(raster, null, null), writer.getDefaultWriteParam());
		}
		finally {
			writer.dispose();
		}
		var plain = out.toByteArray();
		// insert APP14 "Adobe" (version 100, flags 0, transform 0 = CMYK) right after SOI
		var adobe = new byte[] { (byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0 };
		var jpeg = new ByteArrayOutputStream();
		jpeg.write(plain, 0, 2);
		jpeg.write(adobe);
		jpeg.write(plain, 2, plain.length - 2);
		return jpeg.toByteArray();
	}

	private static int luminance(int rgb) {
		return ((rgb >> 16 & 0xff) * 299 + (rgb >> 8 & 0xff) * 587 + (rgb & 0xff) * 114) / 1000;
	}
}
