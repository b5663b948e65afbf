package dev.troupe.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;

import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

import dev.troupe.media.s3.S3BlobStore;
import dev.troupe.media.s3.S3Settings;
import dev.troupe.media.spi.BlobStore;

/**
 * Builds the blob stores from configuration ({@code troupe.media.*}, i.e. {@code TROUPE_MEDIA_STORE},
 * {@code TROUPE_S3_*}): for the running application and for {@code ./troupe media migrate}, which needs both.
 */
final class MediaStores {

	static final String LOCAL = "local";
	static final String S3 = "s3";

	private MediaStores() {
	}

	static String configured(Environment env) {
		var kind = env.getProperty("troupe.media.store", LOCAL).strip().toLowerCase(Locale.ROOT);
		if (!kind.equals(LOCAL) && !kind.equals(S3)) {
			throw new IllegalArgumentException("TROUPE_MEDIA_STORE must be 'local' or 's3', not '" + kind + "'");
		}
		return kind;
	}

	static BlobStore create(String kind, Environment env) {
		return S3.equals(kind) ? s3(env) : local(env);
	}

	static LocalFolderBlobStore local(Environment env) {
		return new LocalFolderBlobStore(
				Path.of(env.getProperty("troupe.data-dir", "./data")).toAbsolutePath().normalize().resolve("media"));
	}

	static S3BlobStore s3(Environment env) {
		var settings = new S3Settings(env.getProperty("troupe.media.s3.bucket"), env.getProperty("troupe.media.s3.endpoint"),
				env.getProperty("troupe.media.s3.region"), env.getProperty("troupe.media.s3.path-style", Boolean.class, false),
				env.getProperty("troupe.media.s3.access-key"), env.getProperty("troupe.media.s3.secret-key"),
				env.getProperty("troupe.media.s3.prefix"),
				(int) DataSize.parse(env.getProperty("troupe.media.s3.part-size", "16MB")).toBytes());
		var store = new S3BlobStore(settings);
		try {
			return store.ensureBucket();
		}
		catch (IOException e) {
			store.close();
			throw new UncheckedIOException("The S3 media store is not usable (" + settings + ")", e);
		}
	}
}
