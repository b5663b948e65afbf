package dev.troupe.publishing.platform.x;

import java.net.http.HttpHeaders;

import tools.jackson.databind.JsonNode;

/** One X API answer: status, headers (rate limits live there) and the JSON body (an empty object when none). */
record XResponse(int status, HttpHeaders headers, JsonNode body) {

	boolean ok() {
		return status / 100 == 2 && (body.has("data") || !body.has("errors"));
	}

	/** X's own words: the problem {@code detail} of v2 errors, or the first entry of {@code errors}. */
	String message() {
		if (body.hasNonNull("detail")) {
			return body.path("detail").asString();
		}
		var first = body.path("errors").path(0);
		if (first.hasNonNull("message")) {
			return first.path("message").asString();
		}
		if (first.hasNonNull("detail")) {
			return first.path("detail").asString();
		}
		return body.path("title").asString("HTTP " + status);
	}

	String header(String name) {
		return headers.firstValue(name).orElse(null);
	}
}
