package dev.troupe.media.s3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Optional;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.troupe.media.spi.BlobStore;
import dev.troupe.media.spi.CheckedInput;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Blobs as objects {@code <prefix><sha256>} in one bucket of an S3-compatible server, through the AWS SDK v2 with
 * the JDK's URL connection (no Netty). Content streams in parts of {@code partSize}: a blob that fits in one part
 * is one PutObject, anything larger (or of unknown length) a multipart upload, so an upload never holds more than
 * one part in memory. Every upload is hashed on its way: a multipart upload whose bytes do not match the key is
 * aborted instead of completed, so a reader never sees a wrong or partial object (S3 makes an object visible only
 * when its PutObject or CompleteMultipartUpload succeeds).
 */
public final class S3BlobStore implements BlobStore, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(S3BlobStore.class);

	/** S3's limit for a pre-signed URL signed with SigV4. */
	private static final Duration MAX_PRESIGN = Duration.ofDays(7);

	private final S3Settings settings;
	private final S3Client s3;
	private final S3Presigner presigner;

	public S3BlobStore(S3Settings settings) {
		this.settings = settings;
		var region = Region.of(settings.region());
		AwsCredentialsProvider credentials = settings.staticCredentials()
				? StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()))
				: DefaultCredentialsProvider.builder().build();
		var client = S3Client.builder()
			.httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(10))
				.socketTimeout(Duration.ofSeconds(60)).build())
			.region(region).credentialsProvider(credentials).forcePathStyle(settings.pathStyle())
			// only the checksums S3 requires: several S3-compatible servers reject the SDK's default trailers;
			// Troupe checks every blob's sha256 itself
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
		var signer = S3Presigner.builder().region(region).credentialsProvider(credentials)
			.serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build());
		if (settings.endpointUri() != null) {
			client.endpointOverride(settings.endpointUri());
			signer.endpointOverride(settings.endpointUri());
		}
		this.s3 = client.build();
		this.presigner = signer.build();
	}

	/** Creates the bucket when it does not exist yet (a fresh MinIO); fails when it cannot be reached. */
	public S3BlobStore ensureBucket() throws IOException {
		try {
			s3.headBucket(b -> b.bucket(settings.bucket()));
		}
		catch (S3Exception e) {
			if (e.statusCode() != 404) {
				throw failure("cannot use bucket " + settings.bucket(), e);
			}
			try {
				s3.createBucket(b -> b.bucket(settings.bucket()));
				log.info("Created the media bucket {}", settings.bucket());
			}
			catch (SdkException created) {
				throw failure("bucket " + settings.bucket() + " does not exist and could not be created", created);
			}
		}
		catch (SdkException e) {
			throw failure("cannot reach " + settings.bucket(), e);
		}
		return this;
	}

	@Override
	public void put(String sha256, InputStream content, long length) throws IOException {
		var key = key(sha256);
		if (exists(sha256)) {
			return;
		}
		var checked = new CheckedInput(content, length);
		var buffer = new byte[length >= 0 ? (int) Math.min(settings.partSize(), length + 1) : settings.partSize()];
		int n = checked.readFully(buffer);
		if (n < settings.partSize()) {
			checked.verify(sha256); // the stream ended in the first part (or ran past its announced length)
			try {
				s3.putObject(b -> b.bucket(settings.bucket()).key(key).contentLength((long) n),
						RequestBody.fromInputStream(new ByteArrayInputStream(buffer, 0, n), n));
			}
			catch (SdkException e) {
				throw failure("could not store " + sha256, e);
			}
			return;
		}
		multipart(sha256, key, checked, buffer, n);
	}

	private void multipart(String sha256, String key, CheckedInput checked, byte[] buffer, int first) throws IOException {
		String upload;
		try {
			upload = s3.createMultipartUpload(b -> b.bucket(settings.bucket()).key(key)).uploadId();
		}
		catch (SdkException e) {
			throw failure("could not start uploading " + sha256, e);
		}
		var parts = new ArrayList<CompletedPart>();
		boolean completed = false;
		try {
			int n = first;
			while (n > 0) {
				int number = parts.size() + 1;
				int size = n;
				var etag = s3.uploadPart(b -> b.bucket(settings.bucket()).key(key).uploadId(upload).partNumber(number)
					.contentLength((long) size), RequestBody.fromInputStream(new ByteArrayInputStream(buffer, 0, size), size))
					.eTag();
				parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
				n = n < buffer.length ? 0 : checked.readFully(buffer);
			}
			checked.verify(sha256);
			s3.completeMultipartUpload(b -> b.bucket(settings.bucket()).key(key).uploadId(upload)
				.multipartUpload(m -> m.parts(parts)));
			completed = true;
		}
		catch (SdkException e) {
			throw failure("could not upload " + sha256, e);
		}
		finally {
			if (!completed) {
				abort(key, upload);
			}
		}
	}

	private void abort(String key, String upload) {
		try {
			s3.abortMultipartUpload(b -> b.bucket(settings.bucket()).key(key).uploadId(upload));
		}
		catch (SdkException e) {
			// the bucket's lifecycle rule for incomplete uploads (see the user guide) removes the parts later
			log.warn("Could not abort the multipart upload of {}: {}", key, e.getMessage());
		}
	}

	@Override
	public InputStream open(String sha256, long offset, long length) throws IOException {
		var key = key(sha256);
		if (offset < 0) {
			throw new IllegalArgumentException("negative offset " + offset);
		}
		if (length == 0) {
			size(sha256); // still says when the blob is missing
			return InputStream.nullInputStream();
		}
		var range = offset == 0 && length < 0 ? null
				: "bytes=" + offset + "-" + (length < 0 ? "" : String.valueOf(offset + length - 1));
		try {
			return s3.getObject(b -> b.bucket(settings.bucket()).key(key).range(range));
		}
		catch (S3Exception e) {
			if (e.statusCode() == 404) {
				throw missing(sha256);
			}
			if (e.statusCode() == 416) {
				return InputStream.nullInputStream(); // the offset is the blob's end
			}
			throw failure("could not read " + sha256, e);
		}
		catch (SdkException e) {
			throw failure("could not read " + sha256, e);
		}
	}

	@Override
	public long size(String sha256) throws IOException {
		var key = key(sha256);
		try {
			return s3.headObject(b -> b.bucket(settings.bucket()).key(key)).contentLength();
		}
		catch (S3Exception e) {
			if (e.statusCode() == 404) {
				throw missing(sha256);
			}
			throw failure("could not look up " + sha256, e);
		}
		catch (SdkException e) {
			throw failure("could not look up " + sha256, e);
		}
	}

	@Override
	public boolean exists(String sha256) throws IOException {
		try {
			size(sha256);
			return true;
		}
		catch (NoSuchFileException e) {
			return false;
		}
	}

	@Override
	public void delete(String sha256) throws IOException {
		var key = key(sha256);
		try {
			s3.deleteObject(b -> b.bucket(settings.bucket()).key(key));
		}
		catch (SdkException e) {
			throw failure("could not delete " + sha256, e);
		}
	}

	@Override
	public void forEachKey(Consumer<String> key) throws IOException {
		try {
			for (var page : s3.listObjectsV2Paginator(b -> b.bucket(settings.bucket()).prefix(settings.prefix()))) {
				for (var object : page.contents()) {
					var name = object.key().substring(settings.prefix().length());
					if (name.matches("[0-9a-f]{64}")) {
						key.accept(name);
					}
				}
			}
		}
		catch (SdkException e) {
			throw failure("could not list the bucket " + settings.bucket(), e);
		}
	}

	@Override
	public Optional<URI> presignedGet(String sha256, String contentType, Duration validFor) {
		var key = key(sha256);
		var duration = validFor.compareTo(MAX_PRESIGN) > 0 ? MAX_PRESIGN : validFor;
		var url = presigner.presignGetObject(p -> p.signatureDuration(duration)
			.getObjectRequest(g -> g.bucket(settings.bucket()).key(key).responseContentType(contentType))).url();
		try {
			return Optional.of(url.toURI());
		}
		catch (URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	@Override
	public void close() {
		presigner.close();
		s3.close();
	}

	@Override
	public String toString() {
		return "S3 " + settings;
	}

	private String key(String sha256) {
		return settings.prefix() + CheckedInput.requireKey(sha256);
	}

	private static NoSuchFileException missing(String sha256) {
		return new NoSuchFileException(sha256, null, "no such blob in the S3 bucket");
	}

	/** SDK exceptions are unchecked; callers of a blob store handle IOException (503 with the reason). */
	private static IOException failure(String what, SdkException e) {
		return new IOException("S3 " + what + ": " + e.getMessage(), e);
	}
}
