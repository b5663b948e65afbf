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
	private final Map<String, Remote> remote = new LinkedHashMap<>();
	private final List<Notification> notifications = new java.util.ArrayList<>();
	private final AtomicInteger remoteIds = new AtomicInteger();
	private MockResponse notificationFailure;

	/** Someone else's post, as the AppView indexed it. */
	record Remote(String uri, String cid, String did, String handle, String text, Instant createdAt, String rootUri,
			String rootCid, String parentUri, String parentCid, String quotedUri) {
	}

	record Notification(String uri, String reason, Instant indexedAt) {
	}

	public FakeBluesky() throws IOException {
		server.setDispatcher(this);
		server.start();
	}

	/** Every access token issued so far answers ExpiredToken from now on; refresh tokens stay valid. */
	synchronized void expireAccessTokens() {
		expiredTokens.addAll(accessTokens);
		accessTokens.clear();
	}

	synchronized JsonNode record(String rkey) {
		return records.get(rkey);
	}

	/** The character's post records in order of creation, with their record keys. */
	public synchronized Map<String, JsonNode> records() {
		return new LinkedHashMap<>(records);
	}

	/**
	 * {@code handle} replies to {@code parentUri} (the character's post or someone's reply in its thread): the reply's
	 * root is the parent's root, or the parent when it starts the thread. The character gets a {@code reply}
	 * notification. Returns the reply's at-uri.
	 */
	public synchronized String reply(String handle, String text, String parentUri) {
		var parent = strongRef(parentUri);
		var parentRemote = remote.get(parentUri);
		var rootUri = parentRemote != null && parentRemote.rootUri() != null ? parentRemote.rootUri() : parentUri;
		var rootCid = parentRemote != null && parentRemote.rootCid() != null ? parentRemote.rootCid() : parent;
		return remotePost(handle, text, "reply", rootUri, rootCid, parentUri, parent, null);
	}

	/** {@code handle} mentions the character in a new post: a {@code mention} notification. */
	public synchronized String mention(String handle, String text) {
		return remotePost(handle, "@" + HANDLE + " " + text, "mention", null, null, null, null, null);
	}

	/** {@code handle} quotes one of the character's posts: a {@code quote} notification. */
	public synchronized String quote(String handle, String text, String quotedUri) {
		return remotePost(handle, text, "quote", null, null, null, null, quotedUri);
	}

	/** The next listNotifications answers 429 with the PDS's RateLimit headers. */
	public synchronized void rateLimitNotificationsNext(int seconds) {
		notificationFailure = new MockResponse.Builder().code(429).setHeader("Content-Type", "application/json")
			.setHeader("RateLimit-Limit", "3000").setHeader("RateLimit-Remaining", "0")
			.setHeader("RateLimit-Reset", String.valueOf(Instant.now().plusSeconds(seconds).getEpochSecond()))
			.setHeader("RateLimit-Policy", "3000;w=300")
			.body("{\"error\":\"RateLimitExceeded\",\"message\":\"Rate Limit Exceeded\"}").build();
	}

	private String remotePost(String handle, String text, String reason, String rootUri, String rootCid,
			String parentUri, String parentCid, String quotedUri) {
		var n = remoteIds.incrementAndGet();
		var did = "did:plc:remote" + Math.abs(handle.hashCode());
		var uri = "at://" + did + "/app.bsky.feed.post/3lremote" + n + "aa";
		// indexedAt strictly increases, as the AppView's index does
		var at = Instant.now().plusMillis(n);
		remote.put(uri, new Remote(uri, "bafyreiremote" + n, did, handle, text, at, rootUri, rootCid, parentUri, parentCid,
				quotedUri));
		notifications.add(new Notification(uri, reason, at));
		return uri;
	}

	/** The cid of a post the fake knows, or null. */
	private String strongRef(String uri) {
		var found = remote.get(uri);
		if (found != null) {
			return found.cid();
		}
		var prefix = "at://" + DID + "/app.bsky.feed.post/";
		return uri.startsWith(prefix) && records.containsKey(uri.substring(prefix.length()))
				? "bafyreicid" + uri.substring(prefix.length()) : null;
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
		var refused = checkAccess(bearer(request), nsid.equals("com.atproto.repo.getRecord"));
		if (refused != null) {
			return refused;
		}
		return switch (nsid) {
			case "app.bsky.actor.getProfile" -> ok("""
					{"did":"%s","handle":"%s","displayName":"Mira ✨","avatar":"https://cdn.bsky.app/img/avatar/plain/%1$s/bafkreiavatar@jpeg",
					 "followersCount":12,"followsCount":3,"postsCount":%d}""".formatted(DID, HANDLE, records.size()));
			case "com.atproto.repo.uploadBlob" -> uploadBlob(request);
			case "com.atproto.repo.createRecord" -> createRecord(body(request));
			case "com.atproto.repo.getRecord" -> getRecord(request.getUrl().queryParameter("rkey"));
			case "app.bsky.notification.listNotifications" -> listNotifications(request);
			case "app.bsky.feed.getPostThread" -> getPostThread(request.getUrl().queryParameter("uri"));
			default -> json(501, "MethodNotImplemented", "Method Not Implemented");
		};
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
		var reply = body.path("record").path("reply");
		if (!reply.isMissingNode()) {
			// app.bsky.feed.post#replyRef: root and parent are com.atproto.repo.strongRef (uri and cid required)
			for (var ref : List.of("root", "parent")) {
				for (var field : List.of("uri", "cid")) {
					if (!reply.path(ref).path(field).isString()) {
						return json(400, "InvalidRequest", "Invalid app.bsky.feed.post record: Record/reply/" + ref
								+ " must have the property \\\"" + field + "\\\"");
					}
				}
			}
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

	/**
	 * Newest first; {@code reasons} filters; the cursor is opaque (here the position), and absent on the last page.
	 */
	private MockResponse listNotifications(RecordedRequest request) {
		if (notificationFailure != null) {
			var failure = notificationFailure;
			notificationFailure = null;
			return failure;
		}
		var url = request.getUrl();
		var reasons = url.queryParameterValues("reasons");
		var limit = Math.min(100, url.queryParameter("limit") == null ? 50 : Integer.parseInt(url.queryParameter("limit")));
		var from = url.queryParameter("cursor") == null ? 0 : Integer.parseInt(url.queryParameter("cursor"));
		var newestFirst = new java.util.ArrayList<>(notifications.stream()
			.filter(n -> reasons.isEmpty() || reasons.contains(n.reason())).toList());
		java.util.Collections.reverse(newestFirst);
		var page = newestFirst.subList(Math.min(from, newestFirst.size()), Math.min(from + limit, newestFirst.size()));
		var answer = json.createObjectNode();
		var array = answer.putArray("notifications");
		for (var n : page) {
			var post = remote.get(n.uri());
			var item = array.addObject().put("uri", post.uri()).put("cid", post.cid());
			item.set("author", author(post));
			item.put("reason", n.reason());
			if (post.parentUri() != null || post.quotedUri() != null) {
				item.put("reasonSubject", post.parentUri() != null ? post.parentUri() : post.quotedUri());
			}
			item.set("record", record(post));
			item.put("isRead", false).put("indexedAt", n.indexedAt().toString()).putArray("labels");
		}
		if (from + limit < newestFirst.size()) {
			answer.put("cursor", String.valueOf(from + limit));
		}
		answer.put("priority", false).put("seenAt", Instant.now().toString());
		return ok(answer.toString());
	}

	/** The post as a threadViewPost with its parents nested under {@code parent}, up to the root. */
	private MockResponse getPostThread(String uri) {
		if (uri == null || strongRef(uri) == null) {
			return json(400, "NotFound", "Post not found: " + uri);
		}
		return ok(json.createObjectNode().set("thread", threadView(uri)).toString());
	}

	private ObjectNode threadView(String uri) {
		var view = json.createObjectNode().put("$type", "app.bsky.feed.defs#threadViewPost");
		var post = view.putObject("post").put("uri", uri).put("cid", strongRef(uri));
		var found = remote.get(uri);
		if (found != null) {
			post.set("author", author(found));
			post.set("record", record(found));
			post.put("indexedAt", found.createdAt().toString());
			if (found.parentUri() != null) {
				view.set("parent", threadView(found.parentUri()));
			}
		}
		else {
			post.putObject("author").put("did", DID).put("handle", HANDLE).put("displayName", "Mira ✨");
			var own = records.get(uri.substring(uri.lastIndexOf('/') + 1));
			post.set("record", own);
			post.put("indexedAt", own.path("createdAt").asString());
			if (own.path("reply").path("parent").path("uri").isString()) {
				view.set("parent", threadView(own.path("reply").path("parent").path("uri").asString()));
			}
		}
		post.put("replyCount", 0).put("repostCount", 0).put("likeCount", 0).put("quoteCount", 0);
		return view;
	}

	private ObjectNode author(Remote post) {
		return json.createObjectNode().put("did", post.did()).put("handle", post.handle())
			.put("displayName", post.handle().substring(0, post.handle().indexOf('.'))).put("createdAt", "2024-01-01T00:00:00Z");
	}

	private ObjectNode record(Remote post) {
		var record = json.createObjectNode().put("$type", "app.bsky.feed.post").put("text", post.text())
			.put("createdAt", post.createdAt().toString());
		record.putArray("langs").add("en");
		if (post.parentUri() != null) {
			var reply = record.putObject("reply");
			reply.putObject("root").put("uri", post.rootUri()).put("cid", post.rootCid());
			reply.putObject("parent").put("uri", post.parentUri()).put("cid", post.parentCid());
		}
		if (post.quotedUri() != null) {
			record.putObject("embed").put("$type", "app.bsky.embed.record").putObject("record")
				.put("uri", post.quotedUri()).put("cid", strongRef(post.quotedUri()));
		}
		return record;
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
