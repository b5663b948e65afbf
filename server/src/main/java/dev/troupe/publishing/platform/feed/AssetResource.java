package dev.troupe.publishing.platform.feed;

import java.io.IOException;
import java.io.InputStream;

import org.springframework.core.io.AbstractResource;

import dev.troupe.media.MediaAsset;
import dev.troupe.media.MediaManagement;

/**
 * A stored asset as a Spring resource: its length is known without reading it and each read opens a new stream
 * from the blob store, so Spring can answer Range requests (206) by skipping to the range, never loading the file.
 */
final class AssetResource extends AbstractResource {

	private final MediaManagement media;
	private final MediaAsset asset;

	AssetResource(MediaManagement media, MediaAsset asset) {
		this.media = media;
		this.asset = asset;
	}

	@Override
	public InputStream getInputStream() throws IOException {
		return media.stream(asset);
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
		return other instanceof AssetResource r && r.asset.id().equals(asset.id());
	}

	@Override
	public int hashCode() {
		return asset.id().hashCode();
	}
}
