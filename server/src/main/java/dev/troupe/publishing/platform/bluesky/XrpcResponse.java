package dev.troupe.publishing.platform.bluesky;

import java.net.http.HttpHeaders;

import tools.jackson.databind.JsonNode;

/** One XRPC answer. Errors are {@code {"error": "ExpiredToken", "message": "…"}}; {@code body} is {} if not JSON. */
record XrpcResponse(int status, HttpHeaders headers, JsonNode body) {

	boolean ok() {
		return status >= 200 && status < 300;
	}

	/** The XRPC error name ({@code InvalidRequest}, {@code RecordNotFound}…), or "" when there is none. */
	String error() {
		var error = body.path("error");
		return error.isString() ? error.asString() : "";
	}

	String describe() {
		var message = text("message");
		var name = error().isEmpty() ? "HTTP " + status : error();
		return message == null ? name : name + ": " + message;
	}

	String text(String field) {
		var node = body.path(field);
		return node.isString() ? node.asString() : null;
	}
}
