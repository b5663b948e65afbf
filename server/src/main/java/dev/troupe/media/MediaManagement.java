package dev.troupe.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import dev.troupe.media.spi.BlobStore;
import dev.troupe.shared.Actors;
import dev.troupe.shared.ApiProblem;

/**
 * The media module's API: store bytes as an asset (checked, measured, thumbnailed) and read them back.
 */
@Service
public class MediaManagement {

	private static final Logger log = LoggerFactory.getLogger(MediaManagement.class);

	private final BlobStore blobs;
	private final MediaAssets assets;

	MediaManagement(BlobStore blobs, MediaAssets assets) {
		this.blobs = blobs;
		this.assets = assets;
	}

	/**
	 * Stores an upload after checking it really is what the caller expects.
	 *
	 * @param field the request field to name in an error, e.g. {@code file}
	 * @throws ApiProblem 415 when the bytes are not of the expected kind or cannot be decoded
	 */
	public MediaAsset store(byte[] bytes, String filename, MediaKind expected, String field) {
		return store(bytes, filename, expected, field, Actors.current());
	}

	/** As {@link #store(byte[], String, MediaKind, String)}, on behalf of {@code createdBy} (background work). */
	public MediaAsset store(byte[] bytes, String filename, MediaKind expected, String field, String createdBy) {
		if (bytes.length == 0) {
			throw ApiProblem.badRequest(field, "the file is empty");
		}
		var type = ContentSniffer.contentType(bytes).orElse("application/octet-stream");
		if (expected == MediaKind.IMAGE && !type.startsWith("image/")) {
			throw ApiProblem.unsupportedMedia(field, "'" + name(filename) + "' is not an image: upload a PNG, JPEG or GIF");
		}
		if (expected == MediaKind.AUDIO && !type.startsWith("audio/")) {
			throw ApiProblem.unsupportedMedia(field,
					"'" + name(filename) + "' is not an audio clip: upload WAV, MP3, OGG or FLAC");
		}
		Integer width = null;
		Integer height = null;
		String thumbnailSha = null;
		try {
			if (type.startsWith("image/")) {
				if (type.equals("image/webp")) {
					throw ApiProblem.unsupportedMedia(field, "WebP images are not supported yet: upload a PNG or JPEG");
				}
				var image = decodeOrRefuse(bytes, filename, field);
				width = image.getWidth();
				height = image.getHeight();
				var thumbnail = Images.thumbnail(image);
				thumbnailSha = sha256(thumbnail);
				blobs.put(thumbnailSha, thumbnail);
			}
			var sha = sha256(bytes);
			blobs.put(sha, bytes);
			var asset = new MediaAsset(UUID.randomUUID(), sha, type, bytes.length, width, height, createdBy,
					Instant.now());
			return assets.insertOrGet(asset, thumbnailSha, filename);
		}
		catch (IOException e) {
			throw unwritable(field, e);
		}
	}

	/**
	 * The media store refused the bytes (disk full, read-only, gone). Nothing was recorded: the asset row is only
	 * written after its bytes, and the store never leaves a partial blob. The owner must act, so the reason is
	 * spelled out; the client may retry the same upload later.
	 */
	private static ApiProblem unwritable(String field, IOException e) {
		log.error("Could not write to the media store", e);
		var reason = e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null ? fs.getReason()
				: e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
		var full = reason.toLowerCase(java.util.Locale.ROOT).contains("space")
				|| reason.toLowerCase(java.util.Locale.ROOT).contains("quota");
		return new ApiProblem(full ? HttpStatus.INSUFFICIENT_STORAGE : HttpStatus.SERVICE_UNAVAILABLE,
				full ? "Media store full" : "Media store unavailable",
				"Troupe could not save the file in its media store (" + reason + "). Nothing was saved; "
						+ (full ? "free some space" : "check that the media folder exists and is writable")
						+ ", then upload it again.",
				java.util.List.of(new ApiProblem.FieldProblem(field, "could not be stored: " + reason)));
	}

	public Optional<MediaAsset> find(UUID id) {
		return assets.findById(id);
	}

	public MediaAsset get(UUID id) {
		return find(id).orElseThrow(() -> ApiProblem.notFound("Media asset", id));
	}

	public byte[] bytes(UUID id) {
		try (var in = open(get(id))) {
			return in.readAllBytes();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The asset's bytes as a stream from the blob store, for serving large files without holding them in memory. */
	public InputStream stream(MediaAsset asset) throws IOException {
		return open(asset);
	}

	InputStream open(MediaAsset asset) throws IOException {
		return blobs.open(asset.sha256());
	}

	/** The JPEG thumbnail of an image asset, empty for assets that have none (audio, video). */
	Optional<InputStream> openThumbnail(UUID id) throws IOException {
		var sha = assets.thumbnailOf(id);
		return sha.isPresent() ? Optional.of(blobs.open(sha.get())) : Optional.empty();
	}

	private static java.awt.image.BufferedImage decodeOrRefuse(byte[] bytes, String filename, String field) {
		try {
			return Images.decode(bytes);
		}
		catch (IOException e) {
			throw ApiProblem.unsupportedMedia(field,
					"'" + name(filename) + "' could not be decoded as an image (" + e.getMessage() + ")");
		}
	}

	private static String name(String filename) {
		return filename == null || filename.isBlank() ? "the file" : filename;
	}

	static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
