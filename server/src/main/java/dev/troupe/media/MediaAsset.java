package dev.troupe.media;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored file: what it is, how big, and who made it. The bytes live in the blob store under {@code sha256}.
 */
public record MediaAsset(UUID id, String sha256, String contentType, long size, Integer width, Integer height,
		String createdBy, Instant createdAt) {

	public boolean isImage() {
		return contentType.startsWith("image/");
	}

	public boolean isAudio() {
		return contentType.startsWith("audio/");
	}
}
