package dev.troupe.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

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
		var out = new ByteArrayOutputStream();
		ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), "png", out);
		var image = ImageDecoding.read(out.toByteArray());
		assertThat(image.getWidth()).isEqualTo(40);
		assertThat(image.getHeight()).isEqualTo(30);
		assertThat(ImageDecoding.read("not an image".getBytes())).isNull();
	}
}
