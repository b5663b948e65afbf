package dev.troupe.publishing.spi;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

/**
 * Serves a rendition at an unguessable, expiring URL below {@code TROUPE_PUBLIC_URL}, for platforms that fetch
 * media themselves (Meta's {@code image_url}/{@code video_url}, TikTok's pull mode). Links end when they expire
 * or when their publication is published or failed, whichever comes first.
 */
public interface PublicMedia {

	URI share(UUID publicationId, PublishRequest.Media media, Duration validFor);

	/** Ends every link of the publication now. */
	void revoke(UUID publicationId);
}
