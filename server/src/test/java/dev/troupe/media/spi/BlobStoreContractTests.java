package dev.troupe.media.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.NoSuchFileException;
import java.security.DigestInputStream;
import java.time.Duration;
import java.util.Arrays;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every blob store promises: bytes come back as stored under their sha256, a repeated put is harmless,
 * missing keys are told apart, deletes are idempotent, and keys that are not a sha256 are refused (they would
 * otherwise name arbitrary paths or objects). Content streams in (known or unknown length, larger than any buffer)
 * and out (ranges), and what is not the announced content is never stored. Store test classes (local folder, S3)
 * extend this.
 */
public abstract class BlobStoreContractTests {

	protected BlobStore store;

	/** A fresh, empty store. */
	protected abstract BlobStore newStore() throws Exception;

	@BeforeEach
	void createStore() throws Exception {
		store = newStore();
	}

	@Test
	void returnsTheBytesStoredUnderTheirKey() throws IOException {
		var bytes = randomBytes(300_000, 1);
		var key = sha256(bytes);
		assertThat(store.exists(key)).isFalse();
		store.put(key, bytes);
		assertThat(store.exists(key)).isTrue();
		try (var in = store.open(key)) {
			assertThat(in.readAllBytes()).isEqualTo(bytes);
		}
	}

	@Test
	void puttingTheSameBlobAgainIsHarmless() throws IOException {
		var bytes = "same".getBytes(StandardCharsets.UTF_8);
		var key = sha256(bytes);
		store.put(key, bytes);
		store.put(key, bytes);
		try (var in = store.open(key)) {
			assertThat(in.readAllBytes()).isEqualTo(bytes);
		}
	}

	@Test
	void openingAMissingBlobFails() {
		assertThatThrownBy(() -> store.open(sha256(new byte[] { 42 })).close()).isInstanceOf(IOException.class);
	}

	@Test
	void deleteRemovesTheBlobAndIsIdempotent() throws IOException {
		var bytes = randomBytes(1000, 2);
		var key = sha256(bytes);
		store.put(key, bytes);
		store.delete(key);
		assertThat(store.exists(key)).isFalse();
		store.delete(key);
		assertThat(store.exists(key)).isFalse();
	}

	@Test
	void keysThatAreNotASha256AreRefused() {
		for (var key : new String[] { "../../etc/passwd", "ABCDEF" + "0".repeat(58), "abc", "" }) {
			assertThatThrownBy(() -> store.put(key, new byte[] { 1 })).as(key).isInstanceOf(IllegalArgumentException.class);
			assertThatThrownBy(() -> store.open(key)).as(key).isInstanceOf(IllegalArgumentException.class);
			assertThatThrownBy(() -> store.size(key)).as(key).isInstanceOf(IllegalArgumentException.class);
			assertThatThrownBy(() -> store.delete(key)).as(key).isInstanceOf(IllegalArgumentException.class);
		}
	}

	@Test
	void concurrentPutsOfTheSameBlobLeaveItWhole() throws Exception {
		var bytes = randomBytes(2_000_000, 3);
		var key = sha256(bytes);
		var pool = Executors.newFixedThreadPool(4);
		try {
			var puts = new ArrayList<Callable<Void>>();
			for (int i = 0; i < 8; i++) {
				puts.add(() -> {
					store.put(key, bytes);
					return null;
				});
			}
			for (var done : pool.invokeAll(puts)) {
				done.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
		try (var in = store.open(key)) {
			assertThat(in.readAllBytes()).isEqualTo(bytes);
		}
	}

	@Test
	void aStreamOfUnknownLengthLargerThanAnyBufferComesBackWhole() throws IOException {
		long size = 12L * 1024 * 1024 + 12_345; // more than two S3 parts of 5 MiB, never held whole by the test
		var key = sha256(generated(size, 4));
		try (var in = generated(size, 4)) {
			store.put(key, in, BlobStore.UNKNOWN_LENGTH);
		}
		assertThat(store.size(key)).isEqualTo(size);
		try (var in = store.open(key)) {
			assertThat(sha256(in)).isEqualTo(key);
		}
	}

	@Test
	void aStreamOfKnownLengthIsStored() throws IOException {
		var bytes = randomBytes(70_000, 5);
		var key = sha256(bytes);
		store.put(key, new ByteArrayInputStream(bytes), bytes.length);
		assertThat(store.size(key)).isEqualTo(bytes.length);
		try (var in = store.open(key)) {
			assertThat(in.readAllBytes()).isEqualTo(bytes);
		}
	}

	@Test
	void rangesAreReadWithoutWhatComesBefore() throws IOException {
		var bytes = randomBytes(100_000, 6);
		var key = sha256(bytes);
		store.put(key, bytes);
		try (var in = store.open(key, 10, 20)) {
			assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(bytes, 10, 30));
		}
		try (var in = store.open(key, 99_990, BlobStore.UNKNOWN_LENGTH)) {
			assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(bytes, 99_990, 100_000));
		}
		try (var in = store.open(key, 99_990, 1_000)) {
			assertThat(in.readAllBytes()).as("a length past the end stops at the end")
				.isEqualTo(Arrays.copyOfRange(bytes, 99_990, 100_000));
		}
		try (var in = store.open(key, 100_000, BlobStore.UNKNOWN_LENGTH)) {
			assertThat(in.readAllBytes()).as("at the end").isEmpty();
		}
		try (var in = store.open(key, 5, 0)) {
			assertThat(in.readAllBytes()).isEmpty();
		}
	}

	@Test
	void aMissingBlobIsNoSuchFileForSizeAndRanges() {
		var key = sha256(new byte[] { 7 });
		assertThatThrownBy(() -> store.size(key)).isInstanceOf(NoSuchFileException.class);
		assertThatThrownBy(() -> store.open(key).close()).isInstanceOf(NoSuchFileException.class);
		assertThatThrownBy(() -> store.open(key, 3, 4).close()).isInstanceOf(NoSuchFileException.class);
	}

	@Test
	void contentThatIsNotWhatWasAnnouncedIsNotStored() {
		var bytes = randomBytes(50_000, 7);
		var key = sha256(bytes);
		assertThatThrownBy(() -> store.put(key, new ByteArrayInputStream(bytes, 0, 40_000), bytes.length))
			.as("shorter than announced").isInstanceOf(IOException.class);
		assertThatThrownBy(() -> store.put(key, new ByteArrayInputStream(bytes), 40_000))
			.as("longer than announced").isInstanceOf(IOException.class);
		var other = randomBytes(50_000, 8);
		assertThatThrownBy(() -> store.put(key, new ByteArrayInputStream(other), other.length))
			.as("not the key's bytes").isInstanceOf(IOException.class);
		assertThatThrownBy(() -> store.put(key, generated(11L * 1024 * 1024, 9), BlobStore.UNKNOWN_LENGTH))
			.as("a large stream that is not the key's bytes").isInstanceOf(IOException.class);
		assertThat(exists(key)).isFalse();
	}

	@Test
	void everyStoredKeyIsListed() throws IOException {
		var keys = new java.util.HashSet<String>();
		for (int i = 0; i < 3; i++) {
			var bytes = randomBytes(100 + i, 10 + i);
			keys.add(sha256(bytes));
			store.put(sha256(bytes), bytes);
		}
		var listed = new ArrayList<String>();
		store.forEachKey(listed::add);
		assertThat(listed).containsExactlyInAnyOrderElementsOf(keys);
	}

	/** Whether this store signs download URLs ({@link BlobStore#presignedGet}). */
	protected boolean signsUrls() {
		return false;
	}

	@Test
	void aPresignedUrlWhenOfferedServesTheBytesToAnyone() throws Exception {
		var bytes = randomBytes(30_000, 13);
		var key = sha256(bytes);
		store.put(key, bytes);
		var url = store.presignedGet(key, "video/mp4", Duration.ofMinutes(5));
		assertThat(url.isPresent()).isEqualTo(signsUrls());
		if (url.isPresent()) {
			var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url.get()).GET().build(),
					HttpResponse.BodyHandlers.ofByteArray());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("video/mp4");
			assertThat(response.body()).isEqualTo(bytes);
		}
	}

	private boolean exists(String key) {
		try {
			return store.exists(key);
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	/** {@code size} deterministic pseudo-random bytes, produced as they are read. */
	protected static InputStream generated(long size, long seed) {
		var random = new Random(seed);
		return new InputStream() {

			private long left = size;

			@Override
			public int read() {
				var one = new byte[1];
				return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
			}

			@Override
			public int read(byte[] b, int off, int len) {
				if (left <= 0) {
					return -1;
				}
				int n = (int) Math.min(Math.min(len, left), 8192);
				var chunk = new byte[n];
				random.nextBytes(chunk);
				System.arraycopy(chunk, 0, b, off, n);
				left -= n;
				return n;
			}
		};
	}

	protected static String sha256(InputStream in) throws IOException {
		try (var digest = new DigestInputStream(in, MessageDigest.getInstance("SHA-256"))) {
			digest.transferTo(OutputStream.nullOutputStream());
			return HexFormat.of().formatHex(digest.getMessageDigest().digest());
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	protected static byte[] randomBytes(int size, long seed) {
		var bytes = new byte[size];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

	protected static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
