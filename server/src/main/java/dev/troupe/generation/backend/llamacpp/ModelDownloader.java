package dev.troupe.generation.backend.llamacpp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.troupe.generation.spi.BackendException;
import dev.troupe.generation.spi.BackendException.Kind;

/**
 * Downloads a model file once. A file already at the target with the expected SHA-256 is kept; otherwise the
 * body goes to a temporary file next to the target (same file system, so the final move is atomic and nobody
 * ever sees half a model), is hashed while streaming, and only replaces the target when the hash matches.
 */
final class ModelDownloader {

	/** Reports download progress; {@code total} is -1 when the server sends no length. */
	@FunctionalInterface
	interface Listener {
		void progress(long bytes, long total);
	}

	private static final Logger log = LoggerFactory.getLogger(ModelDownloader.class);

	/** Report at most every this many bytes so a multi-GB download does not flood listeners. */
	private static final long REPORT_EVERY = 1 << 20;

	private final HttpClient http;

	ModelDownloader(HttpClient http) {
		this.http = http;
	}

	/** Returns {@code target}, downloading {@code url} into it unless it already holds the expected bytes. */
	Path download(URI url, String sha256, Path target, Listener listener) throws BackendException {
		var expected = sha256.trim().toLowerCase();
		try {
			if (Files.isRegularFile(target)) {
				if (expected.equals(sha256(target))) {
					return target;
				}
				log.warn("{} does not match the configured sha256; downloading it again from {}", target, url);
			}
			Files.createDirectories(target.toAbsolutePath().getParent());
		}
		catch (IOException ex) {
			throw new BackendException(Kind.SERVER_ERROR, "Cannot use the model directory for " + target + ": " + ex, ex);
		}
		var part = target.resolveSibling(target.getFileName() + ".part");
		try {
			var actual = fetch(url, part, listener);
			if (!actual.equals(expected)) {
				Files.deleteIfExists(part);
				throw new BackendException(Kind.REJECTED_INPUT, "The model downloaded from " + url
						+ " has SHA-256 " + actual + " but sha256 is configured as " + expected
						+ "; the file was deleted. Check the URL and the sha256 option.");
			}
			Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			log.info("Downloaded model {} to {}", url, target);
			return target;
		}
		catch (IOException ex) {
			deleteQuietly(part);
			throw new BackendException(Kind.UNREACHABLE, "Could not download the model from " + url + ": " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			deleteQuietly(part);
			throw new BackendException(Kind.CANCELLED, "Download of " + url + " was interrupted", ex);
		}
	}

	private String fetch(URI url, Path part, Listener listener)
			throws IOException, InterruptedException, BackendException {
		var request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60)).GET().build();
		var response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
		try (InputStream body = response.body()) {
			int status = response.statusCode();
			if (status != 200) {
				throw new BackendException(status >= 500 ? Kind.SERVER_ERROR : Kind.REJECTED_INPUT,
						"Downloading the model from " + url + " failed with HTTP " + status);
			}
			long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
			var digest = sha256Digest();
			try (var in = new DigestInputStream(body, digest); OutputStream out = Files.newOutputStream(part)) {
				var buffer = new byte[64 * 1024];
				long bytes = 0;
				long reported = 0;
				listener.progress(0, total);
				for (int n; (n = in.read(buffer)) != -1;) {
					out.write(buffer, 0, n);
					bytes += n;
					if (bytes - reported >= REPORT_EVERY) {
						listener.progress(bytes, total);
						reported = bytes;
					}
				}
				listener.progress(bytes, total);
			}
			return HexFormat.of().formatHex(digest.digest());
		}
	}

	/** Null when {@code url} answers a HEAD request without an error status, otherwise why it did not. */
	String probe(URI url) {
		var request = HttpRequest.newBuilder(url)
			.timeout(Duration.ofSeconds(5))
			.method("HEAD", HttpRequest.BodyPublishers.noBody())
			.build();
		try {
			int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
			return status < 400 ? null : "HTTP " + status;
		}
		catch (IOException ex) {
			return ex.toString();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
	}

	static String sha256(Path file) throws IOException {
		var digest = sha256Digest();
		try (var in = new DigestInputStream(Files.newInputStream(file), digest)) {
			in.transferTo(OutputStream.nullOutputStream());
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	private static MessageDigest sha256Digest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			log.debug("Could not delete {}", file, ex);
		}
	}
}
