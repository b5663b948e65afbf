package dev.troupe.media;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.env.Environment;

import dev.troupe.media.spi.BlobStore;

/**
 * {@code ./troupe media migrate --to s3|local}: copies every blob of the other store into the named one, reading
 * the same configuration as Troupe ({@code TROUPE_DATA_DIR}, {@code TROUPE_S3_*}). Each copy streams (a video is
 * never held whole), is checked on its way in by the target (length and sha256), and is then read back and hashed
 * again before it counts. Blobs the target already holds with the right size are skipped, so a run that was
 * interrupted, or a second run after stopping Troupe, only copies what is missing. Nothing is deleted from the
 * source. The database only names blobs by their sha256, so it needs no change: set {@code TROUPE_MEDIA_STORE} to
 * the target afterwards.
 * <p>
 * Starts no web server, database or scheduler: a Spring application with no beans, for the configuration and
 * logging alone.
 */
public final class MediaMigration {

	private static final Logger log = LoggerFactory.getLogger(MediaMigration.class);

	record Result(int copied, int skipped, List<String> failed) {
	}

	private MediaMigration() {
	}

	public static void main(String[] args) {
		var context = new SpringApplicationBuilder(MediaMigration.class).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF).logStartupInfo(false).run();
		int code;
		try {
			code = run(args, context.getEnvironment());
		}
		finally {
			context.close();
		}
		System.exit(code);
	}

	/** @return the process exit code: 0 all copied, 1 some blobs failed, 2 bad arguments or configuration */
	static int run(String[] args, Environment env) {
		var to = args.length == 2 && args[0].equals("--to") ? args[1] : null;
		if (!MediaStores.S3.equals(to) && !MediaStores.LOCAL.equals(to)) {
			log.error("usage: ./troupe media migrate --to s3|local  (copies every blob from the other store)");
			return 2;
		}
		var from = to.equals(MediaStores.S3) ? MediaStores.LOCAL : MediaStores.S3;
		BlobStore source;
		BlobStore target;
		try {
			source = MediaStores.create(from, env);
			target = MediaStores.create(to, env);
		}
		catch (RuntimeException e) {
			log.error("Cannot migrate the media: {}", e.getMessage());
			return 2;
		}
		try {
			log.info("Copying every media blob from {} to {}", source, target);
			var result = copy(source, target);
			log.info("{} blobs copied, {} already there, {} failed", result.copied(), result.skipped(),
					result.failed().size());
			if (!result.failed().isEmpty()) {
				log.error("Not copied (see the warnings above; run the migration again to retry): {}", result.failed());
				return 1;
			}
			log.info("Done. Set TROUPE_MEDIA_STORE={} and restart Troupe; the {} store was left as it was.", to, from);
			return 0;
		}
		catch (IOException | UncheckedIOException e) {
			log.error("Could not list the {} store: {}", from, e.getMessage());
			return 1;
		}
		finally {
			close(source);
			close(target);
		}
	}

	static Result copy(BlobStore from, BlobStore to) throws IOException {
		var copied = new int[1];
		var skipped = new int[1];
		var failed = new ArrayList<String>();
		from.forEachKey(key -> {
			try {
				if (copyOne(from, to, key)) {
					copied[0]++;
				}
				else {
					skipped[0]++;
				}
			}
			catch (IOException | RuntimeException e) {
				log.warn("Could not copy blob {}: {}", key, e.getMessage());
				failed.add(key);
			}
			if ((copied[0] + skipped[0]) % 500 == 0 && copied[0] + skipped[0] > 0) {
				log.info("... {} copied, {} already there", copied[0], skipped[0]);
			}
		});
		return new Result(copied[0], skipped[0], List.copyOf(failed));
	}

	/** @return false when the target already held the blob */
	private static boolean copyOne(BlobStore from, BlobStore to, String key) throws IOException {
		long size = from.size(key);
		if (to.exists(key)) {
			if (to.size(key) == size) {
				return false;
			}
			to.delete(key); // stores never keep a partial blob, but another tool might have left one
		}
		try (var in = from.open(key)) {
			to.put(key, in, size);
		}
		long stored = to.size(key);
		String hash;
		try (var in = new DigestInputStream(to.open(key), MediaManagement.digest())) {
			in.transferTo(OutputStream.nullOutputStream());
			hash = HexFormat.of().formatHex(in.getMessageDigest().digest());
		}
		if (stored != size || !hash.equals(key)) {
			to.delete(key);
			throw new IOException("the copy read back as " + stored + " bytes with sha256 " + hash + "; removed it");
		}
		return true;
	}

	private static void close(BlobStore store) {
		if (store instanceof AutoCloseable closeable) {
			try {
				closeable.close();
			}
			catch (Exception e) {
				log.debug("Closing {}: {}", store, e.getMessage());
			}
		}
	}
}
