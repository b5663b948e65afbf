package dev.troupe.publishing.platform.bluesky;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.PublishRequest.Media;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The XRPC calls Troupe needs against one PDS. XRPC is plain HTTP + JSON: procedures are POSTs to
 * {@code /xrpc/<nsid>}, queries are GETs. Transport failures are thrown: the caller knows what they may mean.
 */
final class BlueskyClient {

	static final String POST_COLLECTION = "app.bsky.feed.post";

	// HTTP/1.1: self-hosted PDSes often sit behind simple proxies; h2c upgrade attempts only cost a round trip
	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10)).build();

	private final JsonMapper json;
	private final String base;
	private final Duration timeout;

	BlueskyClient(ChannelContext channel, JsonMapper json) {
		this.json = json;
		this.base = channel.baseUrl().toString().replaceAll("/+$", "");
		this.timeout = Duration.ofMillis(Long.parseLong(channel.setting("timeoutMillis", "30000")));
	}

	XrpcResponse createSession(String identifier, String password) throws IOException, InterruptedException {
		var body = json.createObjectNode().put("identifier", identifier).put("password", password);
		return post("com.atproto.server.createSession", null, body);
	}

	/** Authenticated with the refresh token, not the access token. */
	XrpcResponse refreshSession(String refreshJwt) throws IOException, InterruptedException {
		return send(request("com.atproto.server.refreshSession", refreshJwt).POST(BodyPublishers.noBody()));
	}

	/** The PDS proxies this to the AppView. */
	XrpcResponse getProfile(BlueskySession session) throws IOException, InterruptedException {
		return send(request("app.bsky.actor.getProfile?actor=" + encode(session.did()), session.accessJwt()).GET());
	}

	/** Raw bytes; the answer's {@code blob} is what a record embeds. */
	XrpcResponse uploadBlob(BlueskySession session, Media media) throws IOException, InterruptedException {
		return send(request("com.atproto.repo.uploadBlob", session.accessJwt()).header("Content-Type", media.contentType())
			.POST(media.body()));
	}

	XrpcResponse createRecord(BlueskySession session, String rkey, JsonNode record)
			throws IOException, InterruptedException {
		var body = json.createObjectNode().put("repo", session.did()).put("collection", POST_COLLECTION)
			.put("rkey", rkey);
		body.set("record", record);
		return post("com.atproto.repo.createRecord", session.accessJwt(), body);
	}

	/** 200 with the record, or 400 {@code RecordNotFound}. */
	XrpcResponse getRecord(BlueskySession session, String rkey) throws IOException, InterruptedException {
		return send(request("com.atproto.repo.getRecord?repo=" + encode(session.did()) + "&collection="
				+ POST_COLLECTION + "&rkey=" + encode(rkey), session.accessJwt()).GET());
	}

	/** Newest first; {@code cursor} pages to older notifications. */
	XrpcResponse listNotifications(BlueskySession session, String cursor, int limit)
			throws IOException, InterruptedException {
		var query = "app.bsky.notification.listNotifications?limit=" + limit
				+ "&reasons=reply&reasons=mention&reasons=quote" + (cursor == null ? "" : "&cursor=" + encode(cursor));
		return send(request(query, session.accessJwt()).GET());
	}

	/** The post with its parents (root last in the nesting); no replies below it. */
	XrpcResponse getPostThread(BlueskySession session, String uri) throws IOException, InterruptedException {
		return send(request("app.bsky.feed.getPostThread?depth=0&parentHeight=20&uri=" + encode(uri), session.accessJwt())
			.GET());
	}

	private XrpcResponse post(String nsid, String token, JsonNode body) throws IOException, InterruptedException {
		return send(request(nsid, token).header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(json.writeValueAsString(body))));
	}

	private HttpRequest.Builder request(String nsidAndQuery, String token) {
		var builder = HttpRequest.newBuilder(URI.create(base + "/xrpc/" + nsidAndQuery)).timeout(timeout)
			.header("Accept", "application/json").header("User-Agent", "Troupe");
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		return builder;
	}

	private XrpcResponse send(HttpRequest.Builder request) throws IOException, InterruptedException {
		var response = HTTP.send(request.build(), dev.troupe.security.ResponseLimits.ofString());
		return new XrpcResponse(response.statusCode(), response.headers(), parse(response.body()));
	}

	private JsonNode parse(String body) {
		try {
			var node = json.readTree(body == null || body.isBlank() ? "{}" : body);
			return node.isObject() ? node : json.createObjectNode();
		}
		catch (JacksonException notJson) {
			return json.createObjectNode();
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
