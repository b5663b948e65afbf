package dev.troupe.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.troupe.publishing.spi.GeneratedVideo;
import dev.troupe.publishing.spi.PublishRequest;
import dev.troupe.support.TestImages;
import dev.troupe.support.IntegrationTest;

/**
 * Public media links: served to anyone holding one with the right type and length, unguessable, gone after
 * their expiry or their publication's outcome; and the owner's check that the public address reaches Troupe.
 */
class PublicMediaIntegrationTests extends IntegrationTest {

	@Autowired
	PublicMediaLinks links;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	ApplicationEventPublisher events;

	@Test
	void aLinkServesTheRenditionWithItsTypeAndLengthUntilThePublicationEnds() {
		var publicationId = UUID.randomUUID();
		var jpeg = new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3, (byte) 0xFF, (byte) 0xD9 };
		var url = links.share("http://localhost:" + port, publicationId, "image/jpeg", jpeg, Duration.ofHours(1));
		var token = url.getPath().substring("/public-media/".length());
		assertThat(token).hasSizeGreaterThanOrEqualTo(43).matches("[A-Za-z0-9_-]+");

		var served = anonymous.get(url.getPath());
		assertThat(served.status()).isEqualTo(200);
		assertThat(served.header("Content-Type")).isEqualTo("image/jpeg");
		assertThat(served.header("Content-Length")).isEqualTo("8");
		assertThat(served.bytes()).isEqualTo(jpeg);
		assertThat(jdbc.sql("select count(*) from publishing_public_media where token_hash = ?").param(token)
			.query(Integer.class).single()).as("only the token's hash is stored").isZero();

		assertThat(anonymous.get("/public-media/" + token.substring(0, 42) + "x").status()).isEqualTo(404);
		assertThat(anonymous.get("/public-media/short").status()).isEqualTo(404);

		transactions.executeWithoutResult(tx -> events.publishEvent(new PublishingEvents.PublicationPublished(publicationId,
				UUID.randomUUID(), UUID.randomUUID(), "remote-1", null)));
		assertThat(anonymous.get(url.getPath()).status()).as("revoked after publishing").isEqualTo(404);
	}

	@Autowired
	dev.troupe.media.MediaManagement media;

	@Test
	void aLargeChangedRenditionIsStreamedThroughTheStoreAndRemovedWithItsLastLink() throws Exception {
		var publicationId = UUID.randomUUID();
		var video = new GeneratedVideo(40L * 1024 * 1024 + 1, 41L * 1024 * 1024);
		var url = links.share(publicationId, video.media("long.mp4"), Duration.ofHours(1));
		var sha = jdbc.sql("select blob_sha256 from publishing_public_media where publication_id = ? and bytes is null")
			.param(publicationId).query(String.class).single();
		assertThat(sha).as("kept in the media store, not in the link's row").isEqualTo(video.sha256());

		var served = anonymous.get(url.getPath());
		assertThat(served.status()).isEqualTo(200);
		assertThat(served.header("Content-Type")).isEqualTo("video/mp4");
		assertThat(served.header("Content-Length")).isEqualTo(String.valueOf(video.size()));
		assertThat(GeneratedVideo.sha256(served.bytes())).isEqualTo(video.sha256());

		links.revoke(publicationId);
		assertThat(anonymous.get(url.getPath()).status()).isEqualTo(404);
		assertThatThrownBy(() -> media.blobSize(sha)).isInstanceOf(java.nio.file.NoSuchFileException.class);
	}

	@Test
	void aRenditionTheStoreHoldsIsServedFromItAndOutlivesTheLink() throws Exception {
		var asset = media.store(TestImages.png(new java.awt.image.BufferedImage(40, 30, java.awt.image.BufferedImage.TYPE_INT_RGB)), "look.png", dev.troupe.media.MediaKind.IMAGE, "file", "test");
		var publicationId = UUID.randomUUID();
		var url = links.share(publicationId, new PublishRequest.Media(new Renditions.StoredBlob(media, asset.sha256()),
				asset.size(), asset.contentType(), "look.png", null), Duration.ofHours(1));

		var served = anonymous.get(url.getPath());
		assertThat(served.status()).isEqualTo(200);
		assertThat(served.bytes()).hasSize((int) asset.size());
		assertThat(jdbc.sql("select blob_sha256 from publishing_public_media where publication_id = ?").param(publicationId)
			.query(String.class).single()).isEqualTo(asset.sha256());

		links.revoke(publicationId);
		assertThat(media.blobSize(asset.sha256())).as("the asset's own blob stays").isEqualTo(asset.size());
	}

	@Test
	void anExpiredLinkIsGone() {
		var publicationId = UUID.randomUUID();
		var url = links.share(publicationId,
				new PublishRequest.Media("hi".getBytes(StandardCharsets.UTF_8), "text/plain", "a.txt", null), Duration.ofHours(1));
		jdbc.sql("update publishing_public_media set expires_at = now() - interval '1 second' where publication_id = ?")
			.param(publicationId).update();
		assertThat(anonymous.get(url.getPath()).status()).isEqualTo(404);

		var kept = UUID.randomUUID();
		links.share("http://localhost:" + port, kept, "text/plain", new byte[] { 1 }, Duration.ofHours(1));
		links.forgetExpired();
		assertThat(jdbc.sql("select publication_id from publishing_public_media where publication_id in (?, ?)")
			.params(publicationId, kept).query(UUID.class).list()).as("the cleanup task removes only expired bytes")
			.containsExactly(kept);
	}

	@Test
	void theOwnerChecksThatThePublicAddressReachesThisServer() throws Exception {
		var ok = owner.post("/api/v1/public-url/test", Map.of("publicUrl", "http://localhost:" + port));
		assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
		assertThat(ok.json().get("reachable").asBoolean()).isTrue();

		int closed;
		try (var socket = new java.net.ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		var down = owner.post("/api/v1/public-url/test", Map.of("publicUrl", "http://localhost:" + closed));
		assertThat(down.json().get("reachable").asBoolean()).isFalse();
		assertThat(down.json().get("detail").asString()).contains("Could not reach");

		var bad = owner.post("/api/v1/public-url/test", Map.of("publicUrl", "not a url"));
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.text()).contains("publicUrl");
		assertThat(as("EDITOR").post("/api/v1/public-url/test", Map.of()).status()).isEqualTo(403);
		assertThat(jdbc.sql("select count(*) from publishing_public_media where content_type = 'text/plain' and expires_at > now()")
			.query(Integer.class).single()).as("the probe links were revoked").isZero();
	}
}
