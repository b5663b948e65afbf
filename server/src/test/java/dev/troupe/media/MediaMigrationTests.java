package dev.troupe.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

import dev.troupe.media.s3.S3MockServer;
import dev.troupe.media.spi.BlobStore;

/**
 * {@code ./troupe media migrate}: local folder → S3 (S3Mock in a child JVM) → another local folder gives back
 * every blob byte for byte, and an interrupted run is finished by running it again.
 */
class MediaMigrationTests {

	@TempDir
	Path folder;

	@Test
	void everyBlobGoesToS3AndBackByteForByte() throws Exception {
		var bucket = "migrate-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
		var first = settings(folder.resolve("first"), bucket);
		var original = MediaStores.local(first);
		var blobs = blobs(original, 6);
		original.put(MediaManagement.sha256(big()), big()); // more than one 5 MiB part
		blobs.put(MediaManagement.sha256(big()), big());

		assertThat(MediaMigration.run(new String[] { "--to", "s3" }, first)).isZero();
		try (var s3 = MediaStores.s3(first)) {
			assertThat(contents(s3)).containsOnlyKeys(blobs.keySet());
		}

		var second = settings(folder.resolve("second"), bucket);
		assertThat(MediaMigration.run(new String[] { "--to", "local" }, second)).isZero();
		var back = contents(MediaStores.local(second));
		assertThat(back).containsOnlyKeys(blobs.keySet());
		blobs.forEach((key, bytes) -> assertThat(back.get(key)).as(key).isEqualTo(bytes));
		assertThat(Files.list(folder.resolve("second/media")).count()).isPositive();
	}

	@Test
	void anInterruptedMigrationIsFinishedByRunningItAgain() throws Exception {
		var env = settings(folder, "resume-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
		var local = MediaStores.local(env);
		var blobs = blobs(local, 8);
		try (var s3 = MediaStores.s3(env)) {
			var dying = new FailingAfter(local, 3);
			var interrupted = MediaMigration.copy(dying, s3);
			assertThat(interrupted.copied()).isEqualTo(3);
			assertThat(interrupted.failed()).hasSize(5);

			var resumed = MediaMigration.copy(local, s3);
			assertThat(resumed.copied()).isEqualTo(5);
			assertThat(resumed.skipped()).isEqualTo(3);
			assertThat(resumed.failed()).isEmpty();
			assertThat(contents(s3)).containsOnlyKeys(blobs.keySet());

			var again = MediaMigration.copy(local, s3);
			assertThat(again.copied()).isZero();
			assertThat(again.skipped()).isEqualTo(8);
		}
	}

	@Test
	void aSourceBlobThatNoLongerMatchesItsKeyIsReportedNotCopied() throws Exception {
		var env = settings(folder, "corrupt-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
		var local = MediaStores.local(env);
		var blobs = blobs(local, 2);
		var damaged = blobs.keySet().iterator().next();
		var file = folder.resolve("media").resolve(damaged.substring(0, 2)).resolve(damaged.substring(2, 4)).resolve(damaged);
		var bytes = Files.readAllBytes(file);
		bytes[0] ^= 1; // bit rot on the old disk
		Files.write(file, bytes);

		assertThat(MediaMigration.run(new String[] { "--to", "s3" }, env)).isEqualTo(1);
		try (var s3 = MediaStores.s3(env)) {
			assertThat(contents(s3)).containsOnlyKeys(blobs.keySet().stream().filter(k -> !k.equals(damaged)).toList());
		}
	}

	@Test
	void badArgumentsAndSettingsAreRefusedBeforeCopying() throws Exception {
		assertThat(MediaMigration.run(new String[] {}, settings(folder, "x"))).isEqualTo(2);
		assertThat(MediaMigration.run(new String[] { "--to", "ftp" }, settings(folder, "x"))).isEqualTo(2);
		var noBucket = new MockEnvironment().withProperty("troupe.data-dir", folder.toString());
		assertThat(MediaMigration.run(new String[] { "--to", "s3" }, noBucket)).isEqualTo(2);
	}

	private static MockEnvironment settings(Path dataDir, String bucket) throws IOException, InterruptedException {
		var server = S3MockServer.get();
		return new MockEnvironment().withProperty("troupe.data-dir", dataDir.toString())
			.withProperty("troupe.media.s3.bucket", bucket).withProperty("troupe.media.s3.endpoint", server.endpoint().toString())
			.withProperty("troupe.media.s3.path-style", "true").withProperty("troupe.media.s3.access-key", "a")
			.withProperty("troupe.media.s3.secret-key", "b").withProperty("troupe.media.s3.part-size", "5MB");
	}

	private static Map<String, byte[]> blobs(BlobStore store, int count) throws IOException {
		var blobs = new HashMap<String, byte[]>();
		var random = new Random(count);
		for (int i = 0; i < count; i++) {
			var bytes = new byte[1000 + random.nextInt(50_000)];
			random.nextBytes(bytes);
			var key = MediaManagement.sha256(bytes);
			store.put(key, bytes);
			blobs.put(key, bytes);
		}
		return blobs;
	}

	private static byte[] big() {
		var bytes = new byte[6 * 1024 * 1024 + 17];
		new Random(99).nextBytes(bytes);
		return bytes;
	}

	private static Map<String, byte[]> contents(BlobStore store) throws IOException {
		var keys = new ArrayList<String>();
		store.forEachKey(keys::add);
		var contents = new HashMap<String, byte[]>();
		for (var key : keys) {
			try (var in = store.open(key)) {
				contents.put(key, in.readAllBytes());
			}
		}
		return contents;
	}

	/** A source whose disk goes away after {@code reads} blobs were read. */
	private static final class FailingAfter implements BlobStore {

		private final BlobStore delegate;
		private int reads;

		FailingAfter(BlobStore delegate, int reads) {
			this.delegate = delegate;
			this.reads = reads;
		}

		@Override
		public InputStream open(String sha256, long offset, long length) throws IOException {
			if (reads-- <= 0) {
				throw new IOException("Input/output error");
			}
			return delegate.open(sha256, offset, length);
		}

		@Override
		public void put(String sha256, InputStream content, long length) throws IOException {
			delegate.put(sha256, content, length);
		}

		@Override
		public long size(String sha256) throws IOException {
			return delegate.size(sha256);
		}

		@Override
		public boolean exists(String sha256) throws IOException {
			return delegate.exists(sha256);
		}

		@Override
		public void delete(String sha256) throws IOException {
			delegate.delete(sha256);
		}

		@Override
		public void forEachKey(Consumer<String> key) throws IOException {
			delegate.forEachKey(key);
		}
	}
}
