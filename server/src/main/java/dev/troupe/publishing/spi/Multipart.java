package dev.troupe.publishing.spi;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A multipart/form-data body (RFC 7578) for java.net.http, which has none built in; shared by the adapters
 * that upload files.
 */
public final class Multipart {

	private final String boundary = "troupe-" + UUID.randomUUID();
	private final List<byte[]> parts = new ArrayList<>();

	public Multipart field(String name, String value) {
		return field(name, value, "text/plain; charset=UTF-8");
	}

	public Multipart field(String name, String value, String contentType) {
		parts.add(head(name, null, contentType));
		parts.add(value.getBytes(StandardCharsets.UTF_8));
		parts.add(crlf());
		return this;
	}

	public Multipart file(String name, String filename, String contentType, byte[] bytes) {
		parts.add(head(name, filename, contentType));
		parts.add(bytes);
		parts.add(crlf());
		return this;
	}

	public String contentType() {
		return "multipart/form-data; boundary=" + boundary;
	}

	public HttpRequest.BodyPublisher publisher() {
		var all = new ArrayList<>(parts);
		all.add(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return HttpRequest.BodyPublishers.ofByteArrays(all);
	}

	private byte[] head(String name, String filename, String contentType) {
		var head = new StringBuilder("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
			.append(quoted(name)).append('"');
		if (filename != null) {
			head.append("; filename=\"").append(quoted(filename)).append('"');
		}
		head.append("\r\nContent-Type: ").append(contentType).append("\r\n\r\n");
		return head.toString().getBytes(StandardCharsets.UTF_8);
	}

	/** A quote or line break in a file name would end the header early and corrupt the body. */
	private static String quoted(String value) {
		return value.replace("\"", "%22").replace("\r", "").replace("\n", "");
	}

	private static byte[] crlf() {
		return "\r\n".getBytes(StandardCharsets.UTF_8);
	}
}
