package dev.troupe.media.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.troupe.media.spi.BlobStore;
import dev.troupe.media.spi.BlobStoreContractTests;

/**
 * The S3 store against a real S3-compatible server (Adobe S3Mock in a child JVM, see {@link S3MockServer}),
 * with S3's smallest part size so that large streams take the multipart path. Each test gets its own prefix in
 * one bucket, which the first store creates.
 */
class S3BlobStoreTests extends BlobStoreContractTests {

	private static final AtomicInteger TEST = new AtomicInteger();

	private S3BlobStore s3;

	@Override
	protected BlobStore newStore() throws Exception {
		s3 = new S3BlobStore(S3MockServer.get().settings("troupe-contract", "run-" + ProcessHandle.current().pid() + "/t"
				+ TEST.incrementAndGet() + "/")).ensureBucket();
		return s3;
	}

	@Override
	protected boolean signsUrls() {
		return true;
	}

	@AfterEach
	void close() {
		s3.close();
	}

	@Test
	void storesThatShareABucketUnderPrefixesDoNotSeeEachOther() throws Exception {
		var bytes = randomBytes(1000, 21);
		var key = sha256(bytes);
		store.put(key, bytes);
		try (var other = new S3BlobStore(S3MockServer.get().settings("troupe-contract", "elsewhere-" + TEST.incrementAndGet() + "/"))) {
			assertThat(other.exists(key)).isFalse();
			var listed = new java.util.ArrayList<String>();
			other.forEachKey(listed::add);
			assertThat(listed).isEmpty();
		}
	}
}
