package dev.troupe.publishing.spi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okio.Buffer;
import tools.jackson.databind.json.JsonMapper;

/** A recorded request's form as platforms read it: JSON, multipart/form-data (fields and files) or the query string. */
public record RecordedForm(String method, Map<String, String> fields, Map<String, Part> files) {

	public record Part(String filename, String contentType, byte[] bytes) {
	}

	private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

	public static RecordedForm of(String method, RecordedRequest request) {
		var fields = new LinkedHashMap<String, String>();
		var files = new LinkedHashMap<String, Part>();
		var url = request.getUrl();
		url.queryParameterNames().forEach(name -> fields.put(name, url.queryParameter(name)));
		var contentType = request.getHeaders().get("Content-Type");
		var body = request.getBody();
		if (contentType != null && body != null && contentType.startsWith("application/json")) {
			JsonMapper.shared().readTree(body.utf8()).properties()
				.forEach(e -> fields.put(e.getKey(), e.getValue().isString() ? e.getValue().asString() : e.getValue().toString()));
		}
		else if (contentType != null && body != null && contentType.startsWith("multipart/form-data")) {
			readMultipart(MediaType.get(contentType).parameter("boundary"), body.toByteArray(), fields, files);
		}
		return new RecordedForm(method, fields, files);
	}

	private static void readMultipart(String boundary, byte[] body, Map<String, String> fields, Map<String, Part> files) {
		try (var reader = new MultipartReader(new Buffer().write(body), boundary)) {
			MultipartReader.Part part;
			while ((part = reader.nextPart()) != null) {
				var disposition = part.headers().get("Content-Disposition");
				var params = new LinkedHashMap<String, String>();
				var matcher = PARAM.matcher(disposition);
				while (matcher.find()) {
					params.put(matcher.group(1), matcher.group(2));
				}
				var bytes = part.body().readByteArray();
				if (params.containsKey("filename")) {
					files.put(params.get("name"), new Part(params.get("filename"), part.headers().get("Content-Type"), bytes));
				}
				else {
					fields.put(params.get("name"), new String(bytes, StandardCharsets.UTF_8));
				}
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
