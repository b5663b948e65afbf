package dev.troupe.shared;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PostgreSQL cannot store a NUL character in text or jsonb, so a JSON body carrying {@code \u0000} anywhere would
 * fail deep in a repository with a 500. It is refused here, before any controller, naming the field it is in.
 * Bodies that are not valid JSON pass through untouched: their converter reports them.
 */
@RestControllerAdvice
class NulCharacterGuard extends RequestBodyAdviceAdapter {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Override
	public boolean supports(MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public HttpInputMessage beforeBodyRead(HttpInputMessage message, MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
		var type = message.getHeaders().getContentType();
		if (type == null || !(type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"))) {
			return message;
		}
		var bytes = message.getBody().readAllBytes();
		if (contains(bytes, "\\u0000")) {
			try {
				check(JSON.readTree(bytes), "");
			}
			catch (JacksonException notJson) {
				// the converter reports it with its position
			}
		}
		return new HttpInputMessage() {

			@Override
			public InputStream getBody() {
				return new ByteArrayInputStream(bytes);
			}

			@Override
			public HttpHeaders getHeaders() {
				return message.getHeaders();
			}
		};
	}

	private static void check(JsonNode node, String path) {
		if (node.isString() && node.asString().indexOf('\0') >= 0) {
			throw ApiProblem.badRequest(path.isEmpty() ? "body" : path, "must not contain NUL (\\u0000) characters");
		}
		if (node.isObject()) {
			for (var name : node.propertyNames()) {
				if (name.indexOf('\0') >= 0) {
					throw ApiProblem.badRequest(path.isEmpty() ? "body" : path, "has a field name with a NUL character");
				}
				check(node.get(name), path.isEmpty() ? name : path + "." + name);
			}
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				check(node.get(i), path + "[" + i + "]");
			}
		}
	}

	/** Cheap pre-check: only bodies that spell the escape are parsed a second time. */
	private static boolean contains(byte[] haystack, String needle) {
		var n = needle.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
		outer: for (int i = 0; i <= haystack.length - n.length; i++) {
			for (int j = 0; j < n.length; j++) {
				if (haystack[i + j] != n[j]) {
					continue outer;
				}
			}
			return true;
		}
		return false;
	}
}
