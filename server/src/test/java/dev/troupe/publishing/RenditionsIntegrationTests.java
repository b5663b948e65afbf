package dev.troupe.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;

import dev.troupe.media.MediaKind;
import dev.troupe.media.MediaManagement;
import dev.troupe.publishing.spi.Capabilities;
import dev.troupe.support.IntegrationTest;

/** Renditions of stored assets: streamed from the store when unchanged, from a temporary file when transcoded. */
class RenditionsIntegrationTests extends IntegrationTest {

	private static final Capabilities TAKES_MP4 = new Capabilities(500, 4, List.of("image/", "video/mp4"), false, 0, 0, 0,
			1000, false);

	@Autowired
	MediaManagement media;

	@Test
	void aVideoToConvertIsTranscodedIntoATemporaryFileStreamedAndRemovedAfterwards() throws Exception {
		var webm = video("libvpx", ".webm");
		var asset = media.store(new ByteArrayResource(webm), webm.length, "clip.webm", MediaKind.ANY, "file", "test");

		java.nio.file.Path temporary;
		try (var rendition = Renditions.fit(media, asset, TAKES_MP4)) {
			assertThat(rendition.contentType()).isEqualTo("video/mp4");
			temporary = rendition.temporary();
			assertThat(temporary).isDirectory();
			byte[] all;
			try (var in = rendition.source().open()) {
				all = in.readAllBytes();
			}
			assertThat(all).hasSize((int) rendition.size());
			assertThat(new String(all, 4, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("ftyp");
			try (var in = rendition.source().openRange(4, 4)) {
				assertThat(in.readAllBytes()).containsExactly('f', 't', 'y', 'p');
			}
		}
		assertThat(temporary).as("removed when the attempt ends").doesNotExist();
	}

	@Test
	void aVideoInThePlatformsFormatStreamsFromTheStoreUnchanged() throws Exception {
		var mp4 = video("libopenh264", ".mp4");
		var asset = media.store(new ByteArrayResource(mp4), mp4.length, "clip.mp4", MediaKind.ANY, "file", "test");

		try (var rendition = Renditions.fit(media, asset, TAKES_MP4)) {
			assertThat(rendition.source()).isInstanceOf(Renditions.StoredBlob.class);
			assertThat(rendition.temporary()).isNull();
			assertThat(rendition.size()).isEqualTo(mp4.length);
			try (var in = rendition.source().openRange(mp4.length - 10, 10)) {
				assertThat(in.readAllBytes()).containsExactly(java.util.Arrays.copyOfRange(mp4, mp4.length - 10, mp4.length));
			}
		}
	}

	/** A one-second clip made by the bundled ffmpeg. */
	private static byte[] video(String codec, String suffix) throws Exception {
		var out = Files.createTempFile("test-", suffix);
		try {
			var builder = new ProcessBuilder(VideoTranscoder.binary(), "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
					"-i", "testsrc=size=96x64:rate=8", "-t", "1", "-c:v", codec, out.toString()).redirectErrorStream(true);
			VideoTranscoder.libraries(builder.environment());
			var process = builder.start();
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes())).isZero();
			return Files.readAllBytes(out);
		}
		finally {
			Files.deleteIfExists(out);
		}
	}
}
