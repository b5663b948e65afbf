package dev.troupe.publishing.spi;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * {@link PublicMedia} and {@link PublicationHandles} for adapter tests without Spring: links served by a local
 * HTTP server (so platform fakes fetch media by URL as Meta does), handles kept in memory per publication.
 */
public class FakePublicMedia extends Dispatcher implements PublicMedia, PublicationHandles, AutoCloseable {

	private record Link(UUID publicationId, String contentType, byte[] bytes) {
	}

	private final MockWebServer server = new MockWebServer();
	private final Map<String, Link> links = new ConcurrentHashMap<>();
	private final Map<UUID, Map<String, String>> handles = new ConcurrentHashMap<>();

	public FakePublicMedia() throws IOException {
		server.setDispatcher(this);
		server.start();
	}

	@Override
	public URI share(UUID publicationId, PublishRequest.Media media, Duration validFor) {
		var token = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
		links.put(token, new Link(publicationId, media.contentType(), media.bytes()));
		return server.url("/public-media/" + token).uri();
	}

	@Override
	public void revoke(UUID publicationId) {
		links.values().removeIf(link -> link.publicationId().equals(publicationId));
	}

	@Override
	public void remember(UUID publicationId, Map<String, String> values) {
		handles.computeIfAbsent(publicationId, id -> new ConcurrentHashMap<>()).putAll(values);
	}

	/** What the adapter committed for this publication, as the runner would pass it to the next attempt. */
	public Map<String, String> handle(UUID publicationId) {
		return Map.copyOf(handles.getOrDefault(publicationId, Map.of()));
	}

	@Override
	public MockResponse dispatch(RecordedRequest request) {
		var path = request.getUrl().encodedPath();
		var link = path.startsWith("/public-media/") ? links.get(path.substring("/public-media/".length())) : null;
		if (link == null) {
			return new MockResponse.Builder().code(404).build();
		}
		return new MockResponse.Builder().code(200).setHeader("Content-Type", link.contentType())
			.body(new Buffer().write(link.bytes())).build();
	}

	@Override
	public void close() {
		server.close();
	}
}
