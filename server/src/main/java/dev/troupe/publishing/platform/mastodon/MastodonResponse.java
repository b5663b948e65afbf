package dev.troupe.publishing.platform.mastodon;

import java.net.http.HttpHeaders;

import tools.jackson.databind.JsonNode;

/**
 * One answer from a Mastodon instance. {@code body} is an empty object when the answer was not JSON: a proxy in
 * front of the instance (nginx) answers 502/503 with an HTML page.
 */
record MastodonResponse(int status, HttpHeaders headers, JsonNode body) {

	boolean ok() {
		return status >= 200 && status < 300;
	}

	/** Mastodon's error bodies are {@code {"error": "…"}}, sometimes with {@code error_description}. */
	String error() {
		var error = body.path("error");
		var description = body.path("error_description");
		if (error.isString() && description.isString()) {
			return error.asString() + ": " + description.asString();
		}
		return error.isString() ? error.asString() : "HTTP " + status;
	}

	String text(String field) {
		var node = body.path(field);
		return node.isString() ? node.asString() : null;
	}
}
