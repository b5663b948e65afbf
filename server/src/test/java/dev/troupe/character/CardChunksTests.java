package dev.troupe.character;

import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CardChunksTests {

	static byte[] plainPng(int width, int height) {
		BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = img.createGraphics();
		g.setColor(new Color(0x88, 0xAA, 0xCC));
		g.fillRect(0, 0, width, height);
		g.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(img, "png", out);
		} catch (IOException e) {
			throw new IllegalStateException(e);
		}
		return out.toByteArray();
	}

	@Test
	void readsTextChunksWithCaseInsensitiveKeywords() {
		byte[] png = CardChunks.withTextChunks(plainPng(4, 4), Map.of("Chara", "abc", "prompt", "{\"1\":{}}"));

		Map<String, String> texts = CardChunks.readTextChunks(png);

		assertThat(texts.get("chara")).isEqualTo("abc");
		assertThat(texts.get("CHARA")).isEqualTo("abc");
		assertThat(texts.get("prompt")).isEqualTo("{\"1\":{}}");
		assertThat(texts).doesNotContainKey("ccv3");
	}

	@Test
	void withTextChunksReplacesCardChunksKeepsOthersAndInsertsBeforeIend() throws IOException {
		Map<String, String> first = new LinkedHashMap<>();
		first.put("prompt", "{\"3\":{\"class_type\":\"KSampler\"}}");
		first.put("CHARA", "old-v2");
		first.put("ccv3", "old-v3");
		byte[] original = CardChunks.withTextChunks(plainPng(8, 8), first);

		Map<String, String> replacement = new LinkedHashMap<>();
		replacement.put("chara", "new-v2");
		replacement.put("ccv3", "new-v3");
		byte[] png = CardChunks.withTextChunks(original, replacement);

		assertThat(CardChunks.chunkTypes(png)).startsWith("IHDR").endsWith("tEXt", "tEXt", "IEND");
		Map<String, String> texts = CardChunks.readTextChunks(png);
		assertThat(texts).containsEntry("chara", "new-v2").containsEntry("ccv3", "new-v3")
				.containsEntry("prompt", "{\"3\":{\"class_type\":\"KSampler\"}}").hasSize(3);
		assertThat(ImageIO.read(new ByteArrayInputStream(png))).isNotNull();
	}

	@Test
	void otherChunksAreKeptByteForByte() {
		byte[] withPrompt = CardChunks.withTextChunks(plainPng(8, 8), Map.of("prompt", "p", "workflow", "w"));
		byte[] rewritten = CardChunks.withTextChunks(withPrompt, Map.of("chara", "x"));
		byte[] cleaned = CardChunks.withTextChunks(rewritten, Map.of());

		// Removing the card chunks again gives back exactly the file we started from.
		assertThat(cleaned).isEqualTo(withPrompt);
	}

	@Test
	void rejectsNonPng() {
		assertThatThrownBy(() -> CardChunks.readTextChunks("{\"a\":1}".getBytes()))
				.isInstanceOfSatisfying(CardFormatException.class, e -> assertThat(e.field()).isEqualTo("file"))
				.hasMessageContaining("PNG signature");
	}

	@Test
	void rejectsTruncatedPngAtEveryLength() {
		byte[] png = CardChunks.withTextChunks(plainPng(16, 16), Map.of("chara", "abcdef"));
		for (int len = 0; len < png.length; len++) {
			byte[] cut = Arrays.copyOf(png, len);
			assertThatThrownBy(() -> CardChunks.readTextChunks(cut)).isInstanceOf(CardFormatException.class);
		}
	}

	@Test
	void rejectsBadCrc() {
		byte[] png = CardChunks.withTextChunks(plainPng(8, 8), Map.of("chara", "abcdef"));
		png[png.length - 12 - 6] ^= 0x01; // a byte of the tEXt text, just before the IEND chunk

		assertThatThrownBy(() -> CardChunks.readTextChunks(png))
				.isInstanceOf(CardFormatException.class).hasMessageContaining("bad CRC");
	}

	@Test
	void rejectsForgedHugeChunkLength() {
		byte[] png = plainPng(8, 8);
		// IHDR's length field sits right after the signature.
		png[8] = (byte) 0xFF;
		png[9] = (byte) 0xFF;

		assertThatThrownBy(() -> CardChunks.readTextChunks(png))
				.isInstanceOf(CardFormatException.class).hasMessageContaining("truncated");
	}

	@Test
	void rejectsNonLatin1Text() {
		assertThatThrownBy(() -> CardChunks.withTextChunks(plainPng(2, 2), Map.of("chara", "東京")))
				.isInstanceOf(IllegalArgumentException.class);
	}
}
