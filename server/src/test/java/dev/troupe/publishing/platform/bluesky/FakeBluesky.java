package dev.troupe.publishing.platform.bluesky;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import dev.troupe.publishing.spi.FaultSwitch;
import dev.troupe.publishing.spi.PlatformFake;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A PDS as the XRPC lexicons and the tested behaviour in platform-apis.md §8 describe it: sessions from an app
 * password with access tokens checked on every call (400 {@code ExpiredToken} once expired, refreshable); records
 * kept by rkey, which must be a TID; a second create under an existing rkey answers 500 InternalServerError and
 * stores nothing (atproto#3718); getRecord answers 400 {@code RecordNotFound} for missing records; 429 with the
 * {@code ratelimit-*} headers.
 */
public class FakeBluesky extends Dispatcher implements PlatformFake {

	public static final String HANDLE = "mira.bsky.social";
	static final String DID = "did:plc:z72i7hdynmk6r22z27h6tvur";
	public static final String APP_PASSWORD = "abcd-efgh-ijkl-mnop";

	private static final Pattern TID = Pattern.compile("[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}");

	private final JsonMapper json = JsonMapper.builder().build();
	private final MockWebServer server = new MockWebServer();
	private final Map<String, JsonNode> records = new LinkedHashMap<>();
	private final Map<String, byte[]> blobs = new LinkedHashMap<>();
	private final Set<String> accessTokens = new HashSet<>();
	private final Set<String> expiredTokens = new HashSet<>();
	private final Set<String> refreshTokens = new HashSet<>();
	private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
	private final AtomicInteger counter = new AtomicInteger();
	private final FaultSwitch faults = new FaultSwitch();
	// the AppView side (a PDS proxies it; the public AppView answers without a session): counts per rkey
	private final Map<String, long[]> counts = new LinkedHashMap<>();
	private long followers = 12;
	private MockResponse nextRead;

	public FakeBluesky() throws IOException {
		server.setDispatcher(this);
		server.start();
	}

	/** Every access token issued so far answers ExpiredToken from now on; refresh tokens stay valid. */
	synchronized void expireAccessTokens() {
		expiredTokens.addAll(accessTokens);
		accessTokens.clear();
	}

	/** People like, repost, reply to and quote the post under {@code rkey}. */
	public synchronized FakeBluesky engage(String rkey, long likes, long reposts, long replies, long quotes) {
		counts.put(rkey, new long[] { likes, reposts, replies, quotes });
		return this;
	}

	public synchronized FakeBluesky followers(long count) {
		this.followers = count;
		return this;
	}

	/** Answer the next AppView read with 429 and the {@code ratelimit-*} headers. */
	public synchronized void rateLimitNextRead(int seconds) {
		nextRead = json(429, "RateLimitExceeded", "Rate Limit Exceeded").newBuilder()
			.setHeader("ratelimit-limit", "3000").setHeader("ratelimit-remaining", "0")
			.setHeader("ratelimit-reset", String.valueOf(Instant.now().plusSeconds(seconds).getEpochSecond()))
			.setHeader("ratelimit-policy", "3000;w=300").build();
	}

	/** How many getPosts calls the AppView answered, and with how many uris each. */
	synchronized List<Integer> getPostsBatches() {
		return requests.stream().filter(r -> r.getUrl().encodedPath().endsWith("app.bsky.feed.getPosts"))
			.map(r -> r.getUrl().queryParameterValues("uris").size()).toList();
	}

	synchronized JsonNode record(String rkey) {
		return records.get(rkey);
	}

	public synchronized Map<String, byte[]> blobs() {
		return Map.copyOf(blobs);
	}

	List<String> calls() {
		return requests.stream().map(r -> r.getUrl().encodedPath().replace("/xrpc/", "")).toList();
	}

	@Override
	public URI baseUrl() {
		return server.url("/").uri();
	}

	@Override
	public synchronized void rateLimitNext(int seconds) {
		faults.failNextWith(json(429, "RateLimitExceeded", "Rate Limit Exceeded").newBuilder()
			.setHeader("ratelimit-limit", "5000").setHeader("ratelimit-remaining", "0")
			.setHeader("ratelimit-reset", String.valueOf(Instant.now().plusSeconds(seconds).getEpochSecond()))
			.setHeader("ratelimit-policy", "5000;w=3600").build());
	}

	@Override
	public synchronized void failNextWith(int status) {
		faults.failNextWith(switch (status) {
			case 400 -> json(400, "InvalidRequest", "Invalid app.bsky.feed.post record: Record/text must be a string");
			case 401 -> json(401, "AuthenticationRequired", "Authentication Required");
			case 500 -> json(500, "InternalServerError", "Internal Server Error");
			default -> new MockResponse.Builder().code(status).setHeader("Content-Type", "text/plain")
				.body("upstream connect error or disconnect/reset before headers. reset reason: overflow").build();
		});
	}

	/** Answer the next create with this response, whatever it is (an HTML error page, truncated JSON...). */
	public synchronized void answerNextCreateWith(MockResponse response) {
		faults.failNextWith(response);
	}

	@Override
	public void hangNext() {
		faults.hangNext();
	}

	@Override
	public synchronized int postsCreated() {
		return records.size();
	}

	@Override
	public void close() {
		server.close();
	}

	@Override
	public synchronized MockResponse dispatch(RecordedRequest request) {
		requests.add(request);
		var nsid = request.getUrl().encodedPath().replace("/xrpc/", "");
		switch (nsid) {
			case "com.atproto.server.createSession":
				return createSession(body(request));
			case "com.atproto.server.refreshSession":
				return refreshSession(bearer(request));
			default:
		}
		var appView = nsid.equals("app.bsky.feed.getPosts") || (nsid.equals("app.bsky.actor.getProfile") && bearer(request) == null);
		if (appView && nextRead != null) {
			var limited = nextRead;
			nextRead = null;
			return limited;
		}
		if (nsid.equals("app.bsky.feed.getPosts")) {
			return getPosts(request.getUrl().queryParameterValues("uris"));
		}
		if (appView) { // the public AppView: anyone may read a profile
			var actor = request.getUrl().queryParameter("actor");
			return DID.equals(actor) || HANDLE.equals(actor) ? ok(profile())
					: json(400, "InvalidRequest", "Profile not found");
		}
		var refused = checkAccess(bearer(request), nsid.equals("com.atproto.repo.getRecord"));
		if (refused != null) {
			return refused;
		}
		return switch (nsid) {
			case "app.bsky.actor.getProfile" -> ok(profile());
			case "com.atproto.repo.uploadBlob" -> uploadBlob(request);
			case "com.atproto.repo.createRecord" -> createRecord(body(request));
			case "com.atproto.repo.getRecord" -> getRecord(request.getUrl().queryParameter("rkey"));
			default -> json(501, "MethodNotImplemented", "Method Not Implemented");
		};
	}

	private String profile() {
		return """
				{"did":"%s","handle":"%s","displayName":"Mira ✨","avatar":"https://cdn.bsky.app/img/avatar/plain/%1$s/bafkreiavatar@jpeg",
				 "followersCount":%d,"followsCount":3,"postsCount":%d}""".formatted(DID, HANDLE, followers, records.size());
	}

	/** app.bsky.feed.getPosts: at most 25 at-uris; posts that do not exist are simply not in the answer. */
	private MockResponse getPosts(List<String> uris) {
		if (uris.isEmpty() || uris.size() > 25) {
			return json(400, "InvalidRequest", "Error: uris must not have more than 25 elements");
		}
		var posts = json.createArrayNode();
		for (var uri : uris) {
			var rkey = uri.substring(uri.lastIndexOf('/') + 1);
			if (!uri.startsWith("at://" + DID + "/app.bsky.feed.post/") || !records.containsKey(rkey)) {
				continue;
			}
			var c = counts.getOrDefault(rkey, new long[4]);
			var post = posts.addObject().put("uri", uri).put("cid", "bafyreicid" + rkey);
			post.putObject("author").put("did", DID).put("handle", HANDLE).put("displayName", "Mira ✨");
			post.set("record", records.get(rkey));
			post.put("replyCount", c[2]).put("repostCount", c[1]).put("likeCount", c[0]).put("quoteCount", c[3])
				.put("indexedAt", Instant.now().toString());
			post.putObject("viewer").put("threadMuted", false).put("embeddingDisabled", false);
			post.putArray("labels");
		}
		var body = json.createObjectNode();
		body.set("posts", posts);
		return ok(body.toString());
	}

	private MockResponse createSession(JsonNode body) {
		var identifier = body.path("identifier").asString("");
		if (!(identifier.equals(HANDLE) || identifier.equals(DID)) || !body.path("password").asString("").equals(APP_PASSWORD)) {
			return json(401, "AuthenticationRequired", "Invalid identifier or password");
		}
		return ok(session().toString());
	}

	private MockResponse refreshSession(String token) {
		if (token == null || !refreshTokens.remove(token)) {
			return json(400, "ExpiredToken", "Token has been revoked");
		}
		return ok(session().toString());
	}

	private ObjectNode session() {
		var n = counter.incrementAndGet();
		var access = "eyJhbGciOiJFUzI1NksifQ.access-" + n;
		var refresh = "eyJhbGciOiJFUzI1NksifQ.refresh-" + n;
		accessTokens.add(access);
		refreshTokens.add(refresh);
		return json.createObjectNode().put("did", DID).put("handle", HANDLE).put("email", "mira@example.com")
			.put("emailConfirmed", true).put("accessJwt", access).put("refreshJwt", refresh).put("active", true);
	}

	private MockResponse checkAccess(String token, boolean optional) {
		if (token == null) {
			return optional ? null : json(401, "AuthenticationRequired", "Authentication Required");
		}
		if (expiredTokens.contains(token)) {
			return json(400, "ExpiredToken", "Token has expired");
		}
		return accessTokens.contains(token) ? null : json(401, "InvalidToken", "Token could not be verified");
	}

	private MockResponse uploadBlob(RecordedRequest request) {
		var bytes = request.getBody().toByteArray();
		var cid = "bafkrei" + Integer.toHexString(Arrays.hashCode(bytes)) + "blob" + blobs.size();
		blobs.put(cid, bytes);
		return ok("""
				{"blob":{"$type":"blob","ref":{"$link":"%s"},"mimeType":"%s","size":%d}}"""
			.formatted(cid, request.getHeaders().get("Content-Type"), bytes.length));
	}

	private MockResponse createRecord(JsonNode body) {
		var failure = faults.takeFailure();
		if (failure != null) {
			return failure;
		}
		var rkey = body.path("rkey").asString("");
		if (!body.path("repo").asString("").equals(DID) && !body.path("repo").asString("").equals(HANDLE)) {
			return json(400, "InvalidRequest", "Could not find repo: " + body.path("repo").asString(""));
		}
		if (!TID.matcher(rkey).matches()) {
			return json(400, "InvalidRequest", "Invalid record key: " + rkey + " - Invalid TID string");
		}
		var text = body.path("record").path("text").asString("");
		if (text.codePoints().count() > 3000 || Pattern.compile("\\X").matcher(text).results().count() > 300) {
			return json(400, "InvalidRequest",
					"Invalid app.bsky.feed.post record: Record/text must not be longer than 300 graphemes");
		}
		if (records.containsKey(rkey)) {
			return json(500, "InternalServerError", "Internal Server Error"); // the known bug: nothing is written
		}
		records.put(rkey, body.path("record"));
		var response = ok("""
				{"uri":"%s","cid":"bafyreicid%s","commit":{"cid":"bafyreicommit%2$s","rev":"%2$s"},"validationStatus":"valid"}"""
			.formatted(uri(rkey), rkey));
		return faults.answer(response);
	}

	private MockResponse getRecord(String rkey) {
		var record = records.get(rkey);
		if (record == null) {
			return json(400, "RecordNotFound", "Could not locate record: " + uri(rkey));
		}
		var answer = json.createObjectNode().put("uri", uri(rkey)).put("cid", "bafyreicid" + rkey);
		answer.set("value", record);
		return ok(answer.toString());
	}

	private static String uri(String rkey) {
		return "at://" + DID + "/app.bsky.feed.post/" + rkey;
	}

	private JsonNode body(RecordedRequest request) {
		var body = request.getBody();
		return body == null || body.size() == 0 ? json.createObjectNode() : json.readTree(body.utf8());
	}

	private static String bearer(RecordedRequest request) {
		var header = request.getHeaders().get("Authorization");
		return header != null && header.startsWith("Bearer ") ? header.substring(7) : null;
	}

	private static MockResponse ok(String body) {
		return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json; charset=utf-8")
			.body(body).build();
	}

	private static MockResponse json(int status, String error, String message) {
		return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json; charset=utf-8")
			.body("{\"error\":\"" + error + "\",\"message\":\"" + message + "\"}").build();
	}
}
