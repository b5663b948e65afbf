package dev.troupe.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.troupe.media.s3.S3MockServer;
import dev.troupe.support.Api;
import dev.troupe.support.TestVideos;

/**
 * The whole application with {@code TROUPE_MEDIA_STORE=s3} on a real S3-compatible server (S3Mock in a child JVM):
 * uploads land in the bucket and nowhere on disk, videos are served in ranges from it, and with
 * {@code TROUPE_PUBLIC_MEDIA_FROM_STORE=true} a public media link of a stored file redirects to a signed URL of
 * the bucket. Its own context and data directory (closed after the class), so the shared test application keeps
 * its local store.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class S3MediaStoreIntegrationTests {

	private static final String EMAIL = "owner@s3.test";
	private static final String PASSWORD = "correct horse battery";
	private static final Path DATA_DIR = temp();
	private static final String BUCKET = "troupe-it-" + ProcessHandle.current().pid();

	@LocalServerPort
	int port;

	@Autowired
	PublicMediaLinks links;

	@Autowired
	dev.troupe.media.MediaManagement media;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws Exception {
		var s3 = S3MockServer.get();
		registry.add("troupe.data-dir", DATA_DIR::toString);
		registry.add("troupe.admin.email", () -> EMAIL);
		registry.add("troupe.admin.password", () -> PASSWORD);
		registry.add("troupe.media.store", () -> "s3");
		registry.add("troupe.media.s3.bucket", () -> BUCKET);
		registry.add("troupe.media.s3.endpoint", () -> s3.endpoint().toString());
		registry.add("troupe.media.s3.path-style", () -> "true");
		registry.add("troupe.media.s3.access-key", () -> "troupe");
		registry.add("troupe.media.s3.secret-key", () -> "not-a-real-secret");
		registry.add("troupe.public-media.from-store", () -> "true");
	}

	@Test
	void mediaLiveInTheBucketAreServedInRangesAndPublicLinksRedirectToSignedUrls() throws Exception {
		var anonymous = new Api(port, null);
		var token = anonymous.post("/api/v1/auth/token", Map.of("email", EMAIL, "password", PASSWORD));
		assertThat(token.status()).as(token.toString()).isEqualTo(201);
		var owner = anonymous.as(token.json().get("token").asString());

		var clip = TestVideos.mp4(400_000, 31);
		var uploaded = owner.upload("/api/v1/media", "clip.mp4", clip);
		assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
		var sha = uploaded.json().get("sha256").asString();
		try (var files = Files.walk(DATA_DIR)) {
			assertThat(files.filter(f -> f.getFileName().toString().equals(sha)).toList()).as("not on disk").isEmpty();
		}
		try (var bucket = new dev.troupe.media.s3.S3BlobStore(S3MockServer.get().settings(BUCKET, ""))) {
			assertThat(bucket.size(sha)).as("in the bucket").isEqualTo(clip.length);
		}
		var http = HttpClient.newHttpClient();

		var path = "/api/v1/media/" + uploaded.json().get("id").asString();
		assertThat(owner.get(path).bytes()).isEqualTo(clip);
		var range = owner.getWithHeaders(path, "Range", "bytes=300000-300009");
		assertThat(range.status()).isEqualTo(206);
		assertThat(range.bytes()).containsExactly(Arrays.copyOfRange(clip, 300_000, 300_010));

		assertThat(media.signableKey(clip)).as("the store holds the clip and signs URLs").hasValue(sha);
		var publication = UUID.randomUUID();
		var stored = links.share("http://localhost:" + port, publication, "video/mp4", clip, Duration.ofHours(1));
		var redirect = anonymous.get(stored.getPath());
		assertThat(redirect.status()).isEqualTo(302);
		var location = URI.create(redirect.header("Location"));
		assertThat(location.toString()).startsWith(S3MockServer.get().endpoint().toString()).contains("X-Amz-Signature");
		var fetched = http.send(HttpRequest.newBuilder(location).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(fetched.statusCode()).isEqualTo(200);
		assertThat(fetched.headers().firstValue("Content-Type")).hasValue("video/mp4");
		assertThat(fetched.body()).isEqualTo(clip);

		var rendition = Arrays.copyOf(clip, 1000); // re-encoded for a platform: not in the store, served by Troupe
		var served = anonymous.get(links.share("http://localhost:" + port, publication, "video/mp4", rendition,
				Duration.ofHours(1)).getPath());
		assertThat(served.status()).isEqualTo(200);
		assertThat(served.bytes()).isEqualTo(rendition);

		links.revoke(publication);
		assertThat(anonymous.get(stored.getPath()).status()).isEqualTo(404);
	}

	private static Path temp() {
		try {
			return Files.createTempDirectory("troupe-s3-it-");
		}
		catch (java.io.IOException e) {
			throw new IllegalStateException(e);
		}
	}
}
