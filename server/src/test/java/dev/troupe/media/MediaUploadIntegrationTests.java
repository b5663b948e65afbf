package dev.troupe.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.troupe.support.IntegrationTest;
import dev.troupe.support.TestVideos;

/** A person's own clip or photo, uploaded to attach to posts: recognised by its bytes, stored as it came. */
class MediaUploadIntegrationTests extends IntegrationTest {

	@Test
	void anOwnVideoIsStoredByteForByteAsMp4WithoutAnAiLabel() {
		var clip = TestVideos.mp4(300_000, 11);
		var uploaded = as("EDITOR").upload("/api/v1/media", "holiday.mov", clip);
		assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
		assertThat(uploaded.json().get("contentType").asString()).as("sniffed, not taken from the name").isEqualTo("video/mp4");
		assertThat(uploaded.json().get("size").asLong()).isEqualTo(clip.length);
		var id = uploaded.json().get("id").asString();
		var stored = owner.get("/api/v1/media/" + id);
		assertThat(stored.header("Content-Type")).isEqualTo("video/mp4");
		assertThat(stored.bytes()).as("camera media are not stamped").isEqualTo(clip);
		assertThat(Provenance.readDigitalSourceType(stored.bytes())).isEmpty();
	}

	@Test
	void aVideoIsServedInRangesForSeeking() {
		var clip = TestVideos.mp4(200_000, 14);
		var id = as("EDITOR").upload("/api/v1/media", "seek.mp4", clip).json().get("id").asString();
		var path = "/api/v1/media/" + id;
		var whole = owner.get(path);
		assertThat(whole.header("Accept-Ranges")).isEqualTo("bytes");
		assertThat(whole.header("Content-Length")).isEqualTo(String.valueOf(clip.length));

		var middle = owner.getWithHeaders(path, "Range", "bytes=150000-150099");
		assertThat(middle.status()).as(middle.toString()).isEqualTo(206);
		assertThat(middle.header("Content-Range")).isEqualTo("bytes 150000-150099/" + clip.length);
		assertThat(middle.bytes()).containsExactly(java.util.Arrays.copyOfRange(clip, 150_000, 150_100));

		var tail = owner.getWithHeaders(path, "Range", "bytes=-10");
		assertThat(tail.status()).isEqualTo(206);
		assertThat(tail.bytes()).containsExactly(java.util.Arrays.copyOfRange(clip, clip.length - 10, clip.length));

		assertThat(owner.getWithHeaders(path, "Range", "bytes=" + (clip.length + 5) + "-").status()).isEqualTo(416);
	}

	@Test
	void anOwnPhotoIsAcceptedAndMeasured() {
		var png = dev.troupe.support.TestImages.png(new java.awt.image.BufferedImage(40, 30,
				java.awt.image.BufferedImage.TYPE_INT_RGB));
		var uploaded = owner.upload("/api/v1/media", "photo.png", png);
		assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
		assertThat(uploaded.json().get("contentType").asString()).isEqualTo("image/png");
		assertThat(uploaded.json().get("width").asInt()).isEqualTo(40);
	}

	@Test
	void whatIsNeitherImageNorVideoIsRefusedNamingTheField() {
		var text = owner.upload("/api/v1/media", "clip.mp4", "not a video at all".getBytes(StandardCharsets.UTF_8));
		assertThat(text.status()).as(text.toString()).isEqualTo(415);
		assertThat(text.header("Content-Type")).startsWith("application/problem+json");
		assertThat(text.json().at("/errors/0/field").asString()).isEqualTo("file");
		assertThat(text.json().at("/errors/0/reason").asString()).contains("clip.mp4", "MP4");

		var empty = owner.upload("/api/v1/media", "empty.mp4", new byte[0]);
		assertThat(empty.status()).as(empty.toString()).isEqualTo(400);
		assertThat(empty.json().at("/errors/0/field").asString()).isEqualTo("file");
	}

	@Test
	void aFileOverTheUploadLimitIsRefusedWith413() {
		var big = owner.upload("/api/v1/media", "long.mp4", TestVideos.mp4(3 * 1024 * 1024, 12));
		assertThat(big.status()).as(big.toString()).isEqualTo(413);
		assertThat(big.header("Content-Type")).startsWith("application/problem+json");
	}

	@Test
	void viewersCannotUpload() {
		var refused = as("VIEWER").upload("/api/v1/media", "clip.mp4", TestVideos.mp4(1000, 13));
		assertThat(refused.status()).isEqualTo(403);
	}
}
