package dev.troupe.publishing.platform.mastodon;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A multipart/form-data body (java.net.http has no builder for one): text fields and one file. */
final class MultipartBody {

	private final String boundary = "troupe-" + UUID.randomUUID();
	private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

	String contentType() {
		return "multipart/form-data; boundary=" + boundary;
	}

	MultipartBody field(String name, String value) {
		if (value != null && !value.isBlank()) {
			write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n"
					+ "Content-Type: text/plain; charset=UTF-8\r\n\r\n");
			write(value);
			write("\r\n");
		}
		return this;
	}

	MultipartBody file(String name, String filename, String contentType, byte[] content) {
		var safeName = filename == null || filename.isBlank() ? "upload" : filename.replaceAll("[\"\r\n]", "_");
		write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + safeName
				+ "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
		bytes.writeBytes(content);
		write("\r\n");
		return this;
	}

	byte[] toByteArray() {
		write("--" + boundary + "--\r\n");
		return bytes.toByteArray();
	}

	private void write(String text) {
		bytes.writeBytes(text.getBytes(StandardCharsets.UTF_8));
	}
}
