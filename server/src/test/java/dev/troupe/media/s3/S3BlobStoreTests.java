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
	void largeAndUnknownLengthStreamsAreUploadedInPartsOfThePartSize() throws Exception {
		long size = 11L * 1024 * 1024;
		var key = sha256(generated(size, 22));
		try (var in = generated(size, 22)) {
			store.put(key, in, BlobStore.UNKNOWN_LENGTH);
		}
		var small = randomBytes(1000, 23);
		store.put(sha256(small), small);
		var settings = S3MockServer.get().settings("troupe-contract", "");
		try (var raw = software.amazon.awssdk.services.s3.S3Client.builder().endpointOverride(S3MockServer.get().endpoint())
			.region(software.amazon.awssdk.regions.Region.US_EAST_1).forcePathStyle(true)
			.httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
			.credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
					software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())))
			.build()) {
			var prefix = s3.toString().replaceAll(".*prefix=([^,]*),.*", "$1");
			// a multipart object's ETag ends in -<number of parts>: 11 MiB in parts of 5 MiB is three parts
			assertThat(raw.headObject(b -> b.bucket("troupe-contract").key(prefix + key)).eTag()).endsWith("-3\"");
			assertThat(raw.headObject(b -> b.bucket("troupe-contract").key(prefix + sha256(small))).eTag()).doesNotContain("-");
		}
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
