package dev.troupe.publishing.spi;

import java.util.Map;
import java.util.UUID;

/**
 * Lets an adapter commit what it must never lose in the middle of one publish call, before its next request:
 * a container id before {@code media_publish}, an upload session before the upload. Merged into the
 * publication's handle at once (its own transaction); the next attempt or reconciliation finds it in
 * {@link PublishRequest#previousState()}.
 */
public interface PublicationHandles {

	void remember(UUID publicationId, Map<String, String> values);
}
