package dev.troupe.publishing.platform.bluesky;

/** A PDS session: {@code accessJwt} lives minutes, {@code refreshJwt} renews it for weeks. */
record BlueskySession(String accessJwt, String refreshJwt, String did, String handle) {

	static BlueskySession from(XrpcResponse response) {
		return new BlueskySession(response.text("accessJwt"), response.text("refreshJwt"), response.text("did"),
				response.text("handle"));
	}

	@Override
	public String toString() {
		return "BlueskySession[" + did + ", " + handle + "]"; // never the tokens
	}
}
