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
import org.springframework.core.io.InputStreamSource;
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
		refuseUnexpected(type, filename, expected, field);
		Integer width = null;
		Integer height = null;
		String thumbnailSha = null;
		try {
			if (type.startsWith("image/")) {
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
	 * As {@link #store(byte[], String, MediaKind, String)} for content read from a source that can be opened more
	 * than once (an upload spooled to disk): an image is checked and thumbnailed in memory as before (images are
	 * bounded by the decoder's canvas limit), anything else (a video, a long audio clip) is hashed in one pass and
	 * streamed to the store in a second one, never held whole in the heap.
	 */
	public MediaAsset store(InputStreamSource source, long size, String filename, MediaKind expected, String field) {
		return store(source, size, filename, expected, field, Actors.current());
	}

	/** As {@link #store(InputStreamSource, long, String, MediaKind, String)}, on behalf of {@code createdBy}. */
	public MediaAsset store(InputStreamSource source, long size, String filename, MediaKind expected, String field,
			String createdBy) {
		if (size <= 0) {
			throw ApiProblem.badRequest(field, "the file is empty");
		}
		byte[] head;
		try (var in = source.getInputStream()) {
			head = in.readNBytes(64);
		}
		catch (IOException e) {
			throw new UncheckedIOException("Could not read the upload", e);
		}
		var type = ContentSniffer.contentType(head).orElse("application/octet-stream");
		if (type.startsWith("image/") || expected == MediaKind.IMAGE) {
			try (var in = source.getInputStream()) {
				return store(in.readAllBytes(), filename, expected, field, createdBy);
			}
			catch (IOException e) {
				throw new UncheckedIOException("Could not read the upload", e);
			}
		}
		refuseUnexpected(type, filename, expected, field);
		String sha;
		try (var in = new java.security.DigestInputStream(source.getInputStream(), digest())) {
			in.transferTo(java.io.OutputStream.nullOutputStream());
			sha = HexFormat.of().formatHex(in.getMessageDigest().digest());
		}
		catch (IOException e) {
			throw new UncheckedIOException("Could not read the upload", e);
		}
		try (var in = source.getInputStream()) {
			blobs.put(sha, in, size);
		}
		catch (IOException e) {
			throw unwritable(field, e);
		}
		var asset = new MediaAsset(UUID.randomUUID(), sha, type, size, null, null, createdBy, Instant.now());
		return assets.insertOrGet(asset, null, filename);
	}

	/**
	 * Stores content that is no asset (a transcoded rendition a platform fetches by URL) as a blob, hashing it in one
	 * pass and streaming it to the store in a second; never in memory. Remove it with {@link #deleteBlobUnlessAsset}.
	 *
	 * @return the blob's key
	 */
	public String putBlob(InputStreamSource source, long size) throws IOException {
		String sha;
		try (var in = new java.security.DigestInputStream(source.getInputStream(), digest())) {
			in.transferTo(java.io.OutputStream.nullOutputStream());
			sha = HexFormat.of().formatHex(in.getMessageDigest().digest());
		}
		try (var in = source.getInputStream()) {
			blobs.put(sha, in, size);
		}
		return sha;
	}

	/** Removes a blob stored with {@link #putBlob} unless an asset (or its thumbnail) has the same bytes. */
	public void deleteBlobUnlessAsset(String sha256) throws IOException {
		if (!assets.references(sha256)) {
			blobs.delete(sha256);
		}
	}

	/**
	 * Part of a blob ({@code length -1}: to the end), streamed from the store without reading what comes before:
	 * renditions are sent to platforms from here, chunk by chunk.
	 */
	public InputStream openBlob(String sha256, long offset, long length) throws IOException {
		return blobs.open(sha256, offset, length);
	}

	/** A blob's size in bytes. */
	public long blobSize(String sha256) throws IOException {
		return blobs.size(sha256);
	}

	private static void refuseUnexpected(String type, String filename, MediaKind expected, String field) {
		if (expected == MediaKind.IMAGE && !type.startsWith("image/")) {
			throw ApiProblem.unsupportedMedia(field, "'" + name(filename) + "' is not an image: upload a PNG, JPEG, WebP or GIF");
		}
		if (expected == MediaKind.VISUAL && !type.startsWith("image/") && !type.startsWith("video/")
				&& !type.startsWith("audio/")) {
			throw ApiProblem.unsupportedMedia(field, "'" + name(filename)
					+ "' is neither an image, a video nor audio: upload a PNG, JPEG, WebP, GIF, MP4, WebM, WAV, MP3 or OGG");
		}
		if (expected == MediaKind.AUDIO && !type.startsWith("audio/")) {
			throw ApiProblem.unsupportedMedia(field,
					"'" + name(filename) + "' is not an audio clip: upload WAV, MP3, OGG or FLAC");
		}
	}

	/** A stamped copy of an uploaded file that a person marks as made by an AI tool elsewhere. */
	public MediaAsset markGenerated(UUID id, String tool) {
		var asset = get(id);
		var bytes = bytes(id);
		var stamped = Provenance.stamp(bytes, asset.contentType(),
				new ProvenanceInfo(tool + " (marked as AI-generated by " + Actors.current() + ")", null, null, Instant.now()));
		if (stamped == bytes) {
			throw ApiProblem.unprocessable("id", asset.contentType() + " files cannot carry the provenance label: "
					+ "use PNG, JPEG, WebP, MP4 or WAV");
		}
		return store(stamped, "generated-" + asset.sha256().substring(0, 12), MediaKind.ANY, "id");
	}

	/** Removes an asset and its bytes (e.g. a voice clip whose speaker withdrew consent). */
	public void delete(UUID id) {
		var asset = get(id);
		var thumbnail = assets.thumbnailOf(id);
		assets.delete(id);
		try {
			blobs.delete(asset.sha256());
			if (thumbnail.isPresent()) {
				blobs.delete(thumbnail.get());
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("Could not delete from the media store", e);
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

	/**
	 * The asset's bytes as a stream from the blob store, for serving large files without holding them in memory.
	 * Opened at the first read, so a {@code skip} before it (a Range request) starts the read at that offset.
	 */
	public InputStream stream(MediaAsset asset) throws IOException {
		return new LazyBlobInput(blobs, asset.sha256(), asset.size());
	}

	/**
	 * The asset as a resource Spring can answer Range (206) and conditional requests from, streamed from the blob
	 * store: the dashboard's media and the Feed's public media are served through it.
	 */
	public org.springframework.core.io.Resource resource(MediaAsset asset) {
		return new BlobResource(blobs, asset);
	}

	/**
	 * The key of these exact bytes when the blob store holds them and can sign download URLs for them (S3);
	 * empty otherwise. With it, {@link #presignedUrl} lets platforms that fetch media by URL download straight
	 * from the store instead of through Troupe.
	 */
	public Optional<String> signableKey(byte[] bytes) {
		var sha = sha256(bytes);
		try {
			return blobs.exists(sha) && blobs.presignedGet(sha, "application/octet-stream", java.time.Duration.ofMinutes(1))
				.isPresent() ? Optional.of(sha) : Optional.empty();
		}
		catch (IOException e) {
			log.warn("Could not look up a blob in the media store: {}", e.getMessage());
			return Optional.empty();
		}
	}

	/** A download URL the store signs for the blob, answering with {@code contentType}; empty for stores that cannot. */
	public Optional<java.net.URI> presignedUrl(String sha256, String contentType, java.time.Duration validFor) {
		return blobs.presignedGet(sha256, contentType, validFor);
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
		return HexFormat.of().formatHex(digest().digest(bytes));
	}

	static MessageDigest digest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
