package dev.troupe.media;

import java.io.IOException;
import java.io.InputStream;

import org.springframework.core.io.AbstractResource;

import dev.troupe.media.spi.BlobStore;

/**
 * An asset as a Spring resource whose length is known without reading it and whose every read opens a new,
 * lazily positioned stream ({@link LazyBlobInput}): Spring answers Range requests (206) with it, reading only the
 * requested bytes from the store.
 */
final class BlobResource extends AbstractResource {

	private final BlobStore blobs;
	private final MediaAsset asset;

	BlobResource(BlobStore blobs, MediaAsset asset) {
		this.blobs = blobs;
		this.asset = asset;
	}

	@Override
	public InputStream getInputStream() throws IOException {
		return new LazyBlobInput(blobs, asset.sha256(), asset.size());
	}

	@Override
	public long contentLength() {
		return asset.size();
	}

	@Override
	public long lastModified() {
		return asset.createdAt().toEpochMilli();
	}

	@Override
	public boolean exists() {
		return true;
	}

	@Override
	public String getDescription() {
		return "media asset " + asset.id();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof BlobResource r && r.asset.id().equals(asset.id());
	}

	@Override
	public int hashCode() {
		return asset.id().hashCode();
	}
}
