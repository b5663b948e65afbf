package dev.troupe.generation.backend.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.troupe.generation.spi.BackendException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;

class ModelDownloaderTests {

	private static final byte[] MODEL = TinyGguf.bytes(7);

	@TempDir
	Path dir;

	private final MockWebServer server = new MockWebServer();

	private final ModelDownloader downloader = new ModelDownloader(HttpClient.newHttpClient());

	@BeforeEach
	void start() throws Exception {
		server.start();
	}

	@AfterEach
	void stop() {
		server.close();
	}

	@Test
	void downloadsOnceReportingProgressAndVerifyingTheChecksum() throws Exception {
		server.enqueue(new MockResponse.Builder().body(new Buffer().write(MODEL)).build());
		var url = server.url("/models/tiny.gguf").uri();
		var sha256 = sha256(MODEL);
		var progress = new CopyOnWriteArrayList<long[]>();

		var file = downloader.download(url, sha256, dir.resolve("tiny.gguf"), (bytes, total) -> progress.add(new long[] { bytes, total }));

		assertThat(Files.readAllBytes(file)).isEqualTo(MODEL);
		assertThat(progress).isNotEmpty();
		assertThat(progress.get(progress.size() - 1)).containsExactly(MODEL.length, MODEL.length);
		assertThat(Files.list(dir)).containsExactly(file); // no leftover temporary file

		downloader.download(url, sha256.toUpperCase(), dir.resolve("tiny.gguf"), (bytes, total) -> {
		});
		assertThat(server.getRequestCount()).as("second call reuses the verified file").isEqualTo(1);
	}

	@Test
	void aChecksumMismatchDeletesTheDownloadAndSaysSo() throws Exception {
		server.enqueue(new MockResponse.Builder().body(new Buffer().write(MODEL)).build());
		var url = server.url("/tiny.gguf").uri();
		var wrong = "0".repeat(64);

		assertThatThrownBy(() -> downloader.download(url, wrong, dir.resolve("tiny.gguf"), (b, t) -> {
		})).isInstanceOfSatisfying(BackendException.class, e -> {
			assertThat(e.kind()).isEqualTo(BackendException.Kind.REJECTED_INPUT);
			assertThat(e.getMessage()).contains(url.toString(), sha256(MODEL), wrong, "deleted");
		});
		assertThat(Files.list(dir)).isEmpty();
	}

	@Test
	void aFileWithTheWrongContentIsDownloadedAgain() throws Exception {
		Files.writeString(dir.resolve("tiny.gguf"), "stale");
		server.enqueue(new MockResponse.Builder().body(new Buffer().write(MODEL)).build());

		var file = downloader.download(server.url("/tiny.gguf").uri(), sha256(MODEL), dir.resolve("tiny.gguf"), (b, t) -> {
		});

		assertThat(Files.readAllBytes(file)).isEqualTo(MODEL);
		assertThat(server.getRequestCount()).isEqualTo(1);
	}

	@Test
	void httpErrorsAreTyped() {
		server.enqueue(new MockResponse.Builder().code(404).build());
		assertThatThrownBy(() -> downloader.download(server.url("/missing.gguf").uri(), "0".repeat(64),
				dir.resolve("missing.gguf"), (b, t) -> {
				}))
			.isInstanceOfSatisfying(BackendException.class, e -> {
				assertThat(e.kind()).isEqualTo(BackendException.Kind.REJECTED_INPUT);
				assertThat(e.getMessage()).contains("404", "/missing.gguf");
			});
	}

	static String sha256(byte[] bytes) {
		try {
			return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
