package dev.troupe.publishing.spi;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A multipart/form-data body (RFC 7578) for java.net.http, which has none built in; shared by the adapters
 * that upload files. The body is a sequence of publishers: a file part streams from its source as the request is
 * sent, so a video is never copied into memory, and the whole body still has a known Content-Length.
 */
public final class Multipart {

	private final String boundary = "troupe-" + UUID.randomUUID();
	private final List<BodyPublisher> parts = new ArrayList<>();

	public Multipart field(String name, String value) {
		return field(name, value, "text/plain; charset=UTF-8");
	}

	public Multipart field(String name, String value, String contentType) {
		parts.add(text(head(name, null, contentType) + value + "\r\n"));
		return this;
	}

	public Multipart file(String name, String filename, String contentType, byte[] bytes) {
		return file(name, filename, contentType, BodyPublishers.ofByteArray(bytes));
	}

	/** The whole medium as a file part, streamed from its source. */
	public Multipart file(String name, String filename, String contentType, PublishRequest.Media media) {
		return file(name, filename, contentType, media.body());
	}

	/** {@code length} bytes of the medium from {@code offset} as a file part: one segment of a chunked upload. */
	public Multipart file(String name, String filename, String contentType, PublishRequest.Media media, long offset,
			long length) {
		return file(name, filename, contentType, media.body(offset, length));
	}

	/** A file part whose content comes from a publisher of known length (e.g. a range of a medium). */
	public Multipart file(String name, String filename, String contentType, BodyPublisher content) {
		parts.add(text(head(name, filename, contentType)));
		parts.add(content);
		parts.add(text("\r\n"));
		return this;
	}

	public String contentType() {
		return "multipart/form-data; boundary=" + boundary;
	}

	/** The body; it can be sent more than once (a retried request reads the files again). */
	public HttpRequest.BodyPublisher publisher() {
		var all = new ArrayList<>(parts);
		all.add(text("--" + boundary + "--\r\n"));
		return BodyPublishers.concat(all.toArray(BodyPublisher[]::new));
	}

	private String head(String name, String filename, String contentType) {
		var head = new StringBuilder("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
			.append(quoted(name)).append('"');
		if (filename != null) {
			head.append("; filename=\"").append(quoted(filename)).append('"');
		}
		head.append("\r\nContent-Type: ").append(contentType).append("\r\n\r\n");
		return head.toString();
	}

	/** A quote or line break in a file name would end the header early and corrupt the body. */
	private static String quoted(String value) {
		return value.replace("\"", "%22").replace("\r", "").replace("\n", "");
	}

	private static BodyPublisher text(String text) {
		return BodyPublishers.ofByteArray(text.getBytes(StandardCharsets.UTF_8));
	}
}
