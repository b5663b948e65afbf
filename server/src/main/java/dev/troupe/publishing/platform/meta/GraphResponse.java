package dev.troupe.publishing.platform.meta;

import java.net.http.HttpHeaders;

import tools.jackson.databind.JsonNode;

/** One Graph API answer: status, headers (usage headers are read from them) and the JSON body. */
public record GraphResponse(int status, HttpHeaders headers, JsonNode body) {

	public boolean ok() {
		return status / 100 == 2 && !body.has("error");
	}

	public JsonNode error() {
		return body.path("error");
	}

	public int code() {
		return error().path("code").asInt(0);
	}

	public int subcode() {
		return error().path("error_subcode").asInt(0);
	}

	/** What a person can read: Meta's message for users when there is one, else its developer message. */
	public String message() {
		var error = error();
		if (error.hasNonNull("error_user_msg")) {
			return error.path("error_user_msg").asString();
		}
		if (error.hasNonNull("message")) {
			return error.path("message").asString();
		}
		return body.path("error_message").asString("HTTP " + status);
	}
}
