package dev.troupe.publishing.platform.tiktok;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.troupe.publishing.spi.SmallHeapSender;

/** A 256 MB video goes to TikTok by FILE_UPLOAD chunks from a sender whose whole heap is 64 MB. */
class TikTokSmallHeapTests {

	@TempDir
	Path dir;

	@Test
	void aVideoFourTimesTheHeapGoesUpInChunks() throws Exception {
		var file = SmallHeapSender.video(dir, 256 * SmallHeapSender.MB + 17);
		try (var fake = new FakeTikTok()) {
			var result = SmallHeapSender.send(TikTokPlatform.class.getName(), fake.baseUrl(), file,
					Map.of("accessToken", FakeTikTok.ACCESS_TOKEN, "openId", FakeTikTok.OPEN_ID, "username", "mira.sings"),
					Map.of("privacyLevel", "SELF_ONLY", "pollMillis", "50", "chunkBytes", String.valueOf(10 * SmallHeapSender.MB)));

			assertThat(result.published()).as(result.output()).isTrue();
			assertThat(fake.publishes.values()).singleElement().satisfies(p -> {
				assertThat(p.chunkSizes).hasSize(25);
				assertThat(dev.troupe.publishing.spi.GeneratedVideo.sha256(p.bytes.toByteArray()))
					.isEqualTo(SmallHeapSender.sha256(file));
			});
		}
		finally {
			Files.deleteIfExists(file);
		}
	}
}
