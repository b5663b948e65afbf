package dev.troupe.publishing.platform.facebook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.troupe.publishing.spi.GeneratedVideo;
import dev.troupe.publishing.spi.SmallHeapSender;

/** A 256 MB Reel goes to the upload host in one request from a sender whose whole heap is 64 MB. */
class FacebookSmallHeapTests {

	@TempDir
	Path dir;

	@Test
	void aReelFourTimesTheHeapGoesUpInOneStreamedRequest() throws Exception {
		var file = SmallHeapSender.video(dir, 256 * SmallHeapSender.MB + 5);
		try (var fake = new FakeFacebook()) {
			var result = SmallHeapSender.send(FacebookPlatform.class.getName(), fake.baseUrl(), file,
					Map.of("accessToken", FakeFacebook.PAGE_TOKEN, "pageId", FakeFacebook.PAGE_ID),
					Map.of("timeoutMillis", "120000", "videoFormat", "reel"));

			assertThat(result.published()).as(result.output()).isTrue();
			assertThat(fake.videos.values()).singleElement().satisfies(v -> {
				assertThat(v.reel).isTrue();
				assertThat(GeneratedVideo.sha256(v.bytes.toByteArray())).isEqualTo(SmallHeapSender.sha256(file));
			});
		}
		finally {
			Files.deleteIfExists(file);
		}
	}
}
