package dev.troupe.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.webp.WebpDirectory;
import com.drew.metadata.xmp.XmpDirectory;
import org.junit.jupiter.api.Test;

import dev.troupe.support.TestImages;

class ProvenanceTests {

	static final String AI = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";

	static final ProvenanceInfo INFO = new ProvenanceInfo("Troupe 0.1 via ComfyUI (sd_xl_base_1.0)", "Mara \"Tides\" <Lisbon>",
			"job-7f3a", Instant.parse("2026-03-01T10:15:30.123Z"));

	@Test
	void pngGetsAnUncompressedItxtPacketBeforeIdatAndKeepsItsPixels() throws Exception {
		byte[] png = png(picture());
		byte[] stamped = Provenance.stamp(png, "image/png", INFO);

		XmpDirectory xmp = xmp(stamped);
		assertThat(xmp.getXMPMeta().getPropertyString(XmpPacket.IPTC_EXT_NS, "DigitalSourceType")).isEqualTo(AI);
		assertThat(xmp.getXMPMeta().getPropertyString("http://ns.adobe.com/xap/1.0/", "CreatorTool"))
			.isEqualTo(INFO.generator());
		assertThat(xmp.getXMPMeta().getPropertyString(XmpPacket.TROUPE_NS, "jobId")).isEqualTo("job-7f3a");
		assertThat(xmp.getXMPMeta().getArrayItem("http://purl.org/dc/elements/1.1/", "creator", 1).getValue())
			.isEqualTo("Mara \"Tides\" <Lisbon>");
		assertThat(xmp.getXMPMeta().getLocalizedText("http://purl.org/dc/elements/1.1/", "description", null, "x-default")
			.getValue()).contains("AI-generated");
		assertThat(Provenance.readDigitalSourceType(stamped)).contains(AI);
		assertSamePixels(png, stamped);

		String layout = new String(stamped, StandardCharsets.ISO_8859_1);
		assertThat(layout.indexOf("iTXtXML:com.adobe.xmp")).isLessThan(layout.indexOf("IDAT"));
	}

	@Test
	void jpegGetsAnApp1PacketAfterJfifAndKeepsItsPixels() throws Exception {
		byte[] jpeg = jpeg(picture());
		byte[] stamped = Provenance.stamp(jpeg, "image/jpeg", INFO);

		assertThat(xmp(stamped).getXMPMeta().getPropertyString(XmpPacket.IPTC_EXT_NS, "DigitalSourceType")).isEqualTo(AI);
		assertThat(Provenance.readDigitalSourceType(stamped)).contains(AI);
		assertSamePixels(jpeg, stamped);
		// SOI, then APP0 (JFIF) still first, then our APP1
		assertThat(stamped[3] & 0xFF).isEqualTo(0xE0);
		int app1 = 2 + 2 + (((stamped[4] & 0xFF) << 8) | (stamped[5] & 0xFF));
		assertThat(stamped[app1 + 1] & 0xFF).isEqualTo(0xE1);
	}

	@Test
	void stampingTwiceLeavesOnePacket() throws Exception {
		for (byte[] file : List.of(png(picture()), jpeg(picture()), webp(LOSSY_WEBP), mp4(), wav())) {
			byte[] once = Provenance.stamp(file, null, INFO);
			byte[] twice = Provenance.stamp(once, null,
					new ProvenanceInfo("Troupe 0.2 via A1111", null, "job-2", Instant.parse("2026-03-02T00:00:00Z")));

			assertThat(occurrences(twice, AI)).as(new String(file, 0, 4, StandardCharsets.ISO_8859_1)).isEqualTo(1);
			assertThat(new String(twice, StandardCharsets.UTF_8)).contains("job-2").doesNotContain("job-7f3a");
			assertThat(Provenance.readDigitalSourceType(twice)).contains(AI);
		}
	}

	@Test
	void simpleLossyWebpIsPromotedToVp8xWithTheXmpFlag() throws Exception {
		byte[] stamped = Provenance.stamp(webp(LOSSY_WEBP), "image/webp", INFO);

		assertThat(new String(stamped, 12, 4, StandardCharsets.ISO_8859_1)).isEqualTo("VP8X");
		assertThat(stamped[20] & 0x04).isEqualTo(0x04);
		assertRiffSizeMatches(stamped);
		Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(stamped));
		WebpDirectory webp = metadata.getFirstDirectoryOfType(WebpDirectory.class);
		assertThat(webp.getInt(WebpDirectory.TAG_IMAGE_WIDTH)).isEqualTo(1);
		assertThat(webp.getInt(WebpDirectory.TAG_IMAGE_HEIGHT)).isEqualTo(1);
		assertThat(xmp(stamped).getXMPMeta().getPropertyString(XmpPacket.IPTC_EXT_NS, "DigitalSourceType")).isEqualTo(AI);
	}

	@Test
	void losslessAndExtendedWebpGetTheXmpChunk() throws Exception {
		byte[] lossless = Provenance.stamp(webp(LOSSLESS_WEBP), "image/webp", INFO);
		byte[] extended = Provenance.stamp(webp(ALPHA_WEBP), "image/webp", INFO);

		for (byte[] stamped : List.of(lossless, extended)) {
			assertThat(new String(stamped, 12, 4, StandardCharsets.ISO_8859_1)).isEqualTo("VP8X");
			assertThat(stamped[20] & 0x04).isEqualTo(0x04);
			assertRiffSizeMatches(stamped);
			assertThat(xmp(stamped).getXMPMeta().getPropertyString(XmpPacket.IPTC_EXT_NS, "DigitalSourceType")).isEqualTo(AI);
		}
		// The alpha flag of the original VP8X survives.
		assertThat(extended[20] & 0x10).isEqualTo(0x10);
	}

	@Test
	void mp4GetsTheXmpUuidBoxAppendedAndStillParsesAsBoxes() throws Exception {
		byte[] mp4 = mp4();
		byte[] stamped = Provenance.stamp(mp4, "video/mp4", INFO);

		assertThat(Arrays.copyOf(stamped, mp4.length)).isEqualTo(mp4); // nothing before moved
		List<String> boxes = topLevelBoxes(stamped);
		assertThat(boxes).containsExactly("ftyp", "mdat", "uuid");
		assertThat(HexFormat.of().formatHex(stamped, mp4.length + 8, mp4.length + 24))
			.isEqualToIgnoringCase("BE7ACFCB97A942E89C71999491E3AFAC");
		assertThat(Provenance.readDigitalSourceType(stamped)).contains(AI);
	}

	@Test
	void mp4XmpBoxInTheMiddleBecomesFreeSoOffsetsStay() throws Exception {
		byte[] stamped = Provenance.stamp(mp4(), "video/mp4", INFO);
		byte[] withMdatAfter = concat(stamped, box("mdat", new byte[32]));

		byte[] restamped = Provenance.stamp(withMdatAfter, "video/mp4", INFO);

		assertThat(topLevelBoxes(restamped)).containsExactly("ftyp", "mdat", "free", "mdat", "uuid");
		assertThat(restamped.length).isEqualTo(withMdatAfter.length + (stamped.length - mp4().length));
		assertThat(occurrences(restamped, AI)).isEqualTo(1);
	}

	@Test
	void wavGetsAPmxChunkAndStaysReadable() throws Exception {
		byte[] wav = wav();
		byte[] stamped = Provenance.stamp(wav, "audio/wav", INFO);

		assertRiffSizeMatches(stamped);
		assertThat(new String(stamped, StandardCharsets.ISO_8859_1)).contains("_PMX");
		AudioInputStream audio = AudioSystem.getAudioInputStream(new ByteArrayInputStream(stamped));
		assertThat(audio.getFrameLength()).isEqualTo(800);
		assertThat(audio.readAllBytes()).isEqualTo(AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav)).readAllBytes());
		assertThat(Provenance.readDigitalSourceType(stamped)).contains(AI);
	}

	@Test
	void gifAndUnknownFilesAreReturnedUnchanged() throws Exception {
		byte[] gif = TestImages.encode(picture(), "gif");
		byte[] text = "hello".getBytes(StandardCharsets.UTF_8);

		assertThat(Provenance.stamp(gif, "image/gif", INFO)).isSameAs(gif);
		assertThat(Provenance.stamp(text, "text/plain", INFO)).isSameAs(text);
		assertThat(Provenance.readDigitalSourceType(gif)).isEmpty();
	}

	@Test
	void theBytesDecideTheFormatNotTheLabel() throws Exception {
		byte[] stamped = Provenance.stamp(jpeg(picture()), "image/png", INFO);

		assertThat(xmp(stamped).getXMPMeta().getPropertyString(XmpPacket.IPTC_EXT_NS, "DigitalSourceType")).isEqualTo(AI);
	}

	@Test
	void truncatedFilesAreRejectedClearly() throws Exception {
		byte[] png = png(picture());
		byte[] truncated = Arrays.copyOf(png, 40);

		assertThatThrownBy(() -> Provenance.stamp(truncated, "image/png", INFO))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageStartingWith("Not a valid PNG file");
		assertThat(Provenance.readDigitalSourceType(truncated)).isEmpty();
	}

	// --- fixtures ---

	/** Real 1x1 WebP files (the feature-detection images used by browsers' polyfills). */
	static final String LOSSY_WEBP = "UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA";

	static final String LOSSLESS_WEBP = "UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==";

	static final String ALPHA_WEBP = "UklGRkoAAABXRUJQVlA4WAoAAAAQAAAAAAAAAAAAQUxQSAwAAAARBxAR/Q9ERP8DAABWUDggGAAAABQBAJ0BKgEAAQAAAP4AAA3AAP7mtQAAAA==";

	static byte[] webp(String base64) {
		return Base64.getDecoder().decode(base64);
	}

	static BufferedImage picture() {
		var image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
		var g = image.createGraphics();
		g.setPaint(new GradientPaint(0, 0, Color.ORANGE, 64, 48, Color.BLUE));
		g.fillRect(0, 0, 64, 48);
		g.setColor(Color.WHITE);
		g.fillOval(10, 8, 20, 20);
		g.dispose();
		return image;
	}

	static byte[] png(BufferedImage image) {
		return TestImages.png(image);
	}

	static byte[] jpeg(BufferedImage image) throws IOException {
		var writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		var out = new ByteArrayOutputStream();
		try (var ios = ImageIO.createImageOutputStream(out)) {
			writer.setOutput(ios);
			ImageWriteParam param = writer.getDefaultWriteParam();
			param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			param.setCompressionQuality(0.9f);
			writer.write(null, new IIOImage(image, null, null), param);
		}
		writer.dispose();
		return out.toByteArray();
	}

	/** A minimal ISO BMFF file: ftyp (isom) and an mdat with some bytes. */
	static byte[] mp4() {
		byte[] ftyp = concat("isom".getBytes(StandardCharsets.ISO_8859_1), new byte[] {0, 0, 2, 0},
				"isomiso2mp41".getBytes(StandardCharsets.ISO_8859_1));
		return concat(box("ftyp", ftyp), box("mdat", new byte[] {1, 2, 3, 4, 5, 6, 7}));
	}

	static byte[] wav() throws IOException {
		var format = new AudioFormat(8000, 16, 1, true, false);
		byte[] samples = new byte[1600];
		new Random(1).nextBytes(samples);
		var out = new ByteArrayOutputStream();
		AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(samples), format, 800), AudioFileFormat.Type.WAVE, out);
		return out.toByteArray();
	}

	static byte[] box(String type, byte[] payload) {
		var out = new ByteArrayOutputStream();
		Bytes.u32be(out, 8 + payload.length);
		out.writeBytes(type.getBytes(StandardCharsets.ISO_8859_1));
		out.writeBytes(payload);
		return out.toByteArray();
	}

	static byte[] concat(byte[]... parts) {
		var out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	static List<String> topLevelBoxes(byte[] file) {
		List<String> types = new ArrayList<>();
		int pos = 0;
		while (pos < file.length) {
			long size = Bytes.u32be(file, pos);
			assertThat(size).isGreaterThanOrEqualTo(8).isLessThanOrEqualTo(file.length - pos);
			types.add(Bytes.ascii(file, pos + 4, 4));
			pos += (int) size;
		}
		assertThat(pos).isEqualTo(file.length);
		return types;
	}

	static void assertRiffSizeMatches(byte[] riff) {
		assertThat(Bytes.u32le(riff, 4)).isEqualTo(riff.length - 8);
	}

	static XmpDirectory xmp(byte[] file) throws Exception {
		Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(file));
		XmpDirectory xmp = metadata.getFirstDirectoryOfType(XmpDirectory.class);
		assertThat(xmp).as("XMP directory; errors: %s", errors(metadata)).isNotNull();
		return xmp;
	}

	static List<String> errors(Metadata metadata) {
		List<String> errors = new ArrayList<>();
		metadata.getDirectories().forEach(d -> d.getErrors().forEach(errors::add));
		return errors;
	}

	static void assertSamePixels(byte[] original, byte[] stamped) throws IOException {
		BufferedImage a = ImageIO.read(new ByteArrayInputStream(original));
		BufferedImage b = ImageIO.read(new ByteArrayInputStream(stamped));
		assertThat(b.getWidth()).isEqualTo(a.getWidth());
		assertThat(b.getHeight()).isEqualTo(a.getHeight());
		assertThat(b.getRGB(0, 0, b.getWidth(), b.getHeight(), null, 0, b.getWidth()))
			.isEqualTo(a.getRGB(0, 0, a.getWidth(), a.getHeight(), null, 0, a.getWidth()));
	}

	static int occurrences(byte[] file, String needle) {
		String haystack = new String(file, StandardCharsets.ISO_8859_1);
		int count = 0;
		for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
			count++;
		}
		return count;
	}
}
