package dev.troupe.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;

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
}
