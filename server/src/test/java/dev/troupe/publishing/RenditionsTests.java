package dev.troupe.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.troupe.publishing.spi.Capabilities;

class RenditionsTests {

	private static final Capabilities TAKES_MP4 = new Capabilities(500, 4, List.of("image/", "video/mp4"), false, 0, 0, 0,
			1000, false);

	@Test
	void aWebmVideoBecomesAnH264Mp4() throws Exception {
		var webm = webm();
		assertThat(new String(webm, 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("\u001aE\u00df\u00a3");

		var rendered = Renditions.fit(webm, "video/webm", TAKES_MP4);

		assertThat(rendered.contentType()).isEqualTo("video/mp4");
		assertThat(new String(rendered.bytes(), 4, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("ftyp");
		assertThat(new String(rendered.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1)).contains("avc1")
			.as("moov before mdat (faststart)").matches(s -> s.indexOf("moov") < s.indexOf("mdat"));
	}

	@Test
	void anImageClaimingAGiganticCanvasIsRefusedWithoutDecodingIt() throws Exception {
		var bomb = dev.troupe.media.ImageBombs.png(20_000, 20_000);
		assertThatThrownBy(() -> Renditions.fit(bomb, "image/png", TAKES_MP4))
			.hasRootCauseInstanceOf(dev.troupe.media.ImageDecoding.TooLarge.class);
	}

	@Test
	void anMp4IsLeftAsItIs() {
		var mp4 = new byte[] { 0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm' };
		assertThat(Renditions.fit(mp4, "video/mp4", TAKES_MP4).bytes()).isSameAs(mp4);
	}

	@Test
	void aVideoFfmpegCannotReadIsRefusedWithItsReason() {
		assertThatThrownBy(() -> Renditions.fit("not a video".getBytes(), "video/webm", TAKES_MP4))
			.hasMessageContaining("ffmpeg could not convert the video to MP4");
	}

	/** A one-second WebM made by the same bundled ffmpeg. */
	private static byte[] webm() throws Exception {
		var out = Files.createTempFile("test-", ".webm");
		var builder = new ProcessBuilder(VideoTranscoder.binary(), "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
				"-i", "testsrc=size=96x64:rate=8", "-t", "1", "-c:v", "libvpx", out.toString()).redirectErrorStream(true);
		VideoTranscoder.libraries(builder.environment());
		var process = builder.start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes())).isZero();
		return Files.readAllBytes(out);
	}
}
