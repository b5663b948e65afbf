package dev.troupe.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

/** A phone photo stored sideways (EXIF Orientation 6 or 8) is decoded upright. */
class ExifOrientationTests {

	@Test
	void orientationSixIsTurnedClockwise() throws Exception {
		var upright = Images.decode(jpegWithOrientation(6));
		assertThat(upright.getWidth()).isEqualTo(20);
		assertThat(upright.getHeight()).isEqualTo(40);
		// the stored picture's red left half is on top once turned clockwise
		assertThat(new Color(upright.getRGB(10, 5)).getRed()).isGreaterThan(200);
		assertThat(new Color(upright.getRGB(10, 35)).getBlue()).isGreaterThan(200);
	}

	@Test
	void orientationEightIsTurnedCounterClockwiseAndNoneLeavesItAlone() throws Exception {
		var upright = Images.decode(jpegWithOrientation(8));
		assertThat(upright.getHeight()).isEqualTo(40);
		assertThat(new Color(upright.getRGB(10, 35)).getRed()).isGreaterThan(200);
		var plain = Images.decode(jpegWithOrientation(1));
		assertThat(plain.getWidth()).isEqualTo(40);
		assertThat(ExifOrientation.of(new byte[] { 1, 2, 3 })).isZero();
	}

	/** A 40×20 JPEG, red left half and blue right half, with an Exif APP1 (big-endian TIFF) right after SOI. */
	static byte[] jpegWithOrientation(int orientation) throws Exception {
		var image = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
		for (int x = 0; x < 40; x++) {
			for (int y = 0; y < 20; y++) {
				image.setRGB(x, y, x < 20 ? 0xFF0000 : 0x0000FF);
			}
		}
		var out = new ByteArrayOutputStream();
		ImageIO.write(image, "jpg", out);
		var jpeg = out.toByteArray();
		var tiff = ByteBuffer.allocate(26).order(ByteOrder.BIG_ENDIAN);
		tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8); // header, IFD at 8
		tiff.putShort((short) 1); // one entry
		tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
		tiff.putInt(0); // no next IFD
		var payload = ByteBuffer.allocate(6 + tiff.capacity()).put("Exif\0\0".getBytes("ISO-8859-1")).put(tiff.array()).array();
		var app1 = ByteBuffer.allocate(4 + payload.length).put((byte) 0xFF).put((byte) 0xE1)
			.putShort((short) (payload.length + 2)).put(payload).array();
		var result = new ByteArrayOutputStream();
		result.write(jpeg, 0, 2);
		result.write(app1);
		result.write(jpeg, 2, jpeg.length - 2);
		return result.toByteArray();
	}
}
