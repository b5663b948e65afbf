package dev.troupe.publishing;

import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.troupe.publishing.spi.PublicationHandles;

/** {@link PublicationHandles} on the publication row, committed before the adapter sends its next request. */
@Component
class PublicationHandleStore implements PublicationHandles {

	private final Publications publications;

	PublicationHandleStore(Publications publications) {
		this.publications = publications;
	}

	@Override
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void remember(UUID publicationId, Map<String, String> values) {
		publications.handle(publicationId, values);
	}
}
