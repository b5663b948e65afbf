package dev.troupe.media.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
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
 * otherwise name arbitrary paths or objects). Store test classes (local folder, S3) extend this.
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
