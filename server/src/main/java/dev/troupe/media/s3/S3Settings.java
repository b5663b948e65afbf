package dev.troupe.media.s3;

import java.net.URI;

/**
 * Where the S3 media store is and how to sign in to it ({@code TROUPE_S3_*}). The secret key is never logged:
 * {@link #toString()} leaves it out.
 *
 * @param endpoint empty for AWS itself; the URL of MinIO, Ceph, R2, Garage... otherwise
 * @param pathStyle {@code endpoint/bucket/key} instead of {@code bucket.endpoint/key}, which most self-hosted
 *        servers need
 * @param accessKey empty: the AWS default credentials chain (environment, profile, instance role)
 * @param prefix put before every key, e.g. {@code troupe/media/}, to share a bucket
 * @param partSize bytes per part of a multipart upload, at least 5 MiB (S3's minimum); also the most one upload
 *        holds in memory
 */
public record S3Settings(String bucket, String endpoint, String region, boolean pathStyle, String accessKey,
		String secretKey, String prefix, int partSize) {

	public static final int MIN_PART_SIZE = 5 * 1024 * 1024;

	public S3Settings {
		if (bucket == null || bucket.isBlank()) {
			throw new IllegalArgumentException("TROUPE_S3_BUCKET must name the bucket when TROUPE_MEDIA_STORE=s3");
		}
		if (endpoint != null && !endpoint.isBlank() && !endpoint.matches("https?://\\S+")) {
			throw new IllegalArgumentException("TROUPE_S3_ENDPOINT must be an http(s) URL, not '" + endpoint + "'");
		}
		if (partSize < MIN_PART_SIZE) {
			throw new IllegalArgumentException("TROUPE_S3_PART_SIZE must be at least 5MB (S3's smallest part)");
		}
		boolean hasAccess = accessKey != null && !accessKey.isBlank();
		boolean hasSecret = secretKey != null && !secretKey.isBlank();
		if (hasAccess != hasSecret) {
			throw new IllegalArgumentException(
					"set both TROUPE_S3_ACCESS_KEY and TROUPE_S3_SECRET_KEY, or neither (the default credentials chain)");
		}
		bucket = bucket.strip();
		region = region == null || region.isBlank() ? "us-east-1" : region.strip();
		prefix = prefix == null ? "" : prefix.strip().replaceAll("^/+", "");
	}

	URI endpointUri() {
		return endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint.strip());
	}

	boolean staticCredentials() {
		return accessKey != null && !accessKey.isBlank();
	}

	@Override
	public String toString() {
		return "S3Settings[bucket=" + bucket + ", endpoint=" + (endpoint == null || endpoint.isBlank() ? "AWS" : endpoint)
				+ ", region=" + region + ", pathStyle=" + pathStyle + ", credentials="
				+ (staticCredentials() ? "access key " + accessKey : "default chain") + ", prefix=" + prefix
				+ ", partSize=" + partSize + "]";
	}
}
