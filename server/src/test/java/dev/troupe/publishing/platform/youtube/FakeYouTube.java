package dev.troupe.publishing.platform.youtube;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import dev.troupe.publishing.spi.PlatformFake;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Google OAuth 2.0 and the YouTube Data API v3 as documented, on one local server: the consent page redirects with a
 * code bound to the redirect URI and the S256 challenge, a refresh token only with {@code access_type=offline};
 * {@code channels?mine=true}; videos.insert with the resumable protocol: the session starts with the video resource
 * and {@code X-Upload-Content-Length}, chunks are PUT with {@code Content-Range} (every chunk but the last a multiple
 * of 256 KiB, in order), an unfinished session answers 308 with {@code Range: bytes=0-N} (none before the first byte),
 * the last chunk creates the video (200 with the video resource), a probe of a finished session answers 200 again.
 * Errors are Google's {@code {"error": {"code", "message", "errors": [{"reason"}]}}} bodies.
 */
public class FakeYouTube extends Dispatcher implements PlatformFake {

	public static final String CLIENT_ID = "1234-troupe.apps.googleusercontent.com";
	public static final String CLIENT_SECRET = "GOCSPX-fake-secret";
	public static final String CHANNEL_ID = "UCmira0000000000000000";
	public static final String ACCESS_TOKEN = "ya29.a0-mira";
	private static final JsonMapper JSON = JsonMapper.builder().build();

	public static final class Session {

		public final String id;
		public final JsonNode resource;
		public final long total;
		public final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		public final List<Integer> chunkSizes = new CopyOnWriteArrayList<>();
		public volatile String videoId;

		Session(String id, JsonNode resource, long total) {
			this.id = id;
			this.resource = resource;
			this.total = total;
		}
	}

	public record Video(String id, JsonNode resource, byte[] bytes) {
	}

	private record Code(String redirectUri, String challenge, boolean offline) {
	}

	private final MockWebServer server = new MockWebServer();
	private final Map<String, Code> codes = new ConcurrentHashMap<>();
	private final Set<String> accessTokens = ConcurrentHashMap.newKeySet();
	private final Set<String> refreshTokens = ConcurrentHashMap.newKeySet();
	public final Map<String, Session> sessions = new ConcurrentHashMap<>();
	public final List<Video> videos = new CopyOnWriteArrayList<>();
	public final List<String> requests = new CopyOnWriteArrayList<>();
	private final AtomicLong ids = new AtomicLong(1000);
	private volatile MockResponse nextStart;
	private volatile boolean hangNext;
	private volatile int hangSeconds = 3;
	private volatile long chunkDelayMillis;
	private final Map<String, Map<String, Long>> statistics = new ConcurrentHashMap<>();
	private volatile long subscribers = 640;
	private volatile boolean subscribersHidden;
	private volatile MockResponse nextRead;

	public FakeYouTube() throws IOException {
		server.setDispatcher(this);
		server.start();
		accessTokens.add(ACCESS_TOKEN);
	}

	@Override
	public URI baseUrl() {
		return server.url("/").uri();
	}

	@Override
	public void rateLimitNext(int seconds) {
		nextStart = error(403, "youtube.quota", "quotaExceeded", "The request cannot be completed because you have exceeded your "
				+ "<a href=\"/youtube/v3/getting-started#quota\">quota</a>.");
	}

	@Override
	public void failNextWith(int status) {
		nextStart = error(status, "global", status == 503 ? "backendError" : "internalError", "Backend Error");
	}

	/** The chunk that completes the next video is stored, but its answer comes late. */
	@Override
	public void hangNext() {
		hangNext = true;
	}

	public FakeYouTube hangSeconds(int seconds) {
		hangSeconds = seconds;
		return this;
	}

	/** Answer the nth chunk PUT from now (1 = the next) with 503, storing nothing of it. */
	public FakeYouTube failChunk(int nth) {
		failChunkCountdown = nth;
		return this;
	}

	private volatile int failChunkCountdown;

	/** Each chunk answer waits this long (to kill Troupe in the middle of an upload). */
	public FakeYouTube chunkDelayMillis(long millis) {
		chunkDelayMillis = millis;
		return this;
	}


	private volatile long stallAfterBytes = Long.MAX_VALUE;
	private final java.util.concurrent.CountDownLatch stalled = new java.util.concurrent.CountDownLatch(1);
	private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);

	/**
	 * The answer to the first chunk after which at least {@code bytes} have arrived is held back (the bytes are
	 * kept) until {@link #release()}: the uploader is left waiting in the middle of its upload, to be killed there.
	 */
	public FakeYouTube stallAfterBytes(long bytes) {
		stallAfterBytes = bytes;
		return this;
	}

	/** True once a chunk answer is being held back. */
	public boolean stalled() {
		return stalled.getCount() == 0;
	}

	/** Lets the held answer go (to a client that may be gone) and stalls nothing more. */
	public void release() {
		stallAfterBytes = Long.MAX_VALUE;
		released.countDown();
	}

	private void stallIfDue(long received) {
		if (received < stallAfterBytes) {
			return;
		}
		stallAfterBytes = Long.MAX_VALUE;
		stalled.countDown();
		try {
			released.await(2, TimeUnit.MINUTES);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	public long bytesReceived() {
		return sessions.values().stream().mapToLong(s -> s.bytes.size()).sum();
	}

	@Override
	public int postsCreated() {
		return videos.size();
	}

	@Override
	public void close() {
		release();
		server.close();
	}

	@Override
	public MockResponse dispatch(RecordedRequest request) {
		var path = request.getUrl().encodedPath();
		var method = request.getMethod();
		requests.add(method + " " + path + (request.getUrl().queryParameter("upload_id") != null ? " session" : ""));
		var query = new LinkedHashMap<String, String>();
		request.getUrl().queryParameterNames().forEach(n -> query.put(n, request.getUrl().queryParameter(n)));
		if (method.equals("GET") && path.equals("/o/oauth2/v2/auth")) {
			return consent(query);
		}
		if (method.equals("POST") && path.equals("/token")) {
			return token(form(request.getBody() == null ? "" : request.getBody().utf8()));
		}
		var auth = request.getHeaders().get("Authorization");
		if (auth == null || !accessTokens.contains(auth.replaceFirst("^Bearer ", ""))) {
			return json(401, "{\"error\":{\"code\":401,\"message\":\"Request had invalid authentication credentials. Expected OAuth 2 "
					+ "access token, login cookie or other valid authentication credential.\",\"errors\":[{\"message\":\"Invalid "
					+ "Credentials\",\"domain\":\"global\",\"reason\":\"authError\",\"location\":\"Authorization\",\"locationType\":"
					+ "\"header\"}],\"status\":\"UNAUTHENTICATED\"}}");
		}
		if (method.equals("GET") && nextRead != null && path.startsWith("/youtube/v3/")) {
			var response = nextRead;
			nextRead = null;
			return response;
		}
		if (method.equals("GET") && path.equals("/youtube/v3/videos") && "statistics".equals(query.get("part"))) {
			return videoStatistics(query.getOrDefault("id", ""));
		}
		if (method.equals("GET") && path.equals("/youtube/v3/channels") && "true".equals(query.get("mine"))
				&& "statistics".equals(query.get("part"))) {
			var stats = JSON.createObjectNode().put("viewCount", "48210").put("hiddenSubscriberCount", subscribersHidden)
				.put("videoCount", String.valueOf(videos.size()));
			if (!subscribersHidden) {
				stats.put("subscriberCount", String.valueOf(subscribers));
			}
			return json(200, "{\"kind\":\"youtube#channelListResponse\",\"etag\":\"e1\",\"pageInfo\":{\"totalResults\":1,"
					+ "\"resultsPerPage\":5},\"items\":[{\"kind\":\"youtube#channel\",\"etag\":\"e3\",\"id\":\"" + CHANNEL_ID
					+ "\",\"statistics\":" + stats + "}]}");
		}
		if (method.equals("GET") && path.equals("/youtube/v3/channels") && "true".equals(query.get("mine"))) {
			return json(200, "{\"kind\":\"youtube#channelListResponse\",\"etag\":\"e1\",\"pageInfo\":{\"totalResults\":1,"
					+ "\"resultsPerPage\":5},\"items\":[{\"kind\":\"youtube#channel\",\"etag\":\"e2\",\"id\":\"" + CHANNEL_ID
					+ "\",\"snippet\":{\"title\":\"Mira Sings\",\"description\":\"\",\"customUrl\":\"@mirasings\",\"thumbnails\":"
					+ "{\"default\":{\"url\":\"https://yt3.ggpht.com/mira=s88\",\"width\":88,\"height\":88}}}}]}");
		}
		if (method.equals("POST") && path.equals("/upload/youtube/v3/videos") && "resumable".equals(query.get("uploadType"))) {
			return start(request, query);
		}
		if (method.equals("PUT") && path.equals("/upload/youtube/v3/videos") && query.containsKey("upload_id")) {
			return chunk(request, sessions.get(query.get("upload_id")));
		}
		return error(404, "global", "notFound", "Not Found");
	}

	private MockResponse consent(Map<String, String> q) {
		if (!CLIENT_ID.equals(q.get("client_id")) || !"code".equals(q.get("response_type"))) {
			return new MockResponse.Builder().code(400).body("Error 400: invalid_request").build();
		}
		var code = "4/0A" + ids.incrementAndGet();
		codes.put(code, new Code(q.get("redirect_uri"), q.get("code_challenge"), "offline".equals(q.get("access_type"))));
		return new MockResponse.Builder().code(302).setHeader("Location", q.get("redirect_uri") + "?state="
				+ URLEncoder.encode(q.get("state"), StandardCharsets.UTF_8) + "&code=" + URLEncoder.encode(code, StandardCharsets.UTF_8)
				+ "&scope=" + URLEncoder.encode(String.valueOf(q.get("scope")), StandardCharsets.UTF_8)).build();
	}

	private MockResponse token(Map<String, String> f) {
		if (!CLIENT_ID.equals(f.get("client_id")) || !CLIENT_SECRET.equals(f.get("client_secret"))) {
			return json(401, "{\"error\":\"invalid_client\",\"error_description\":\"Unauthorized\"}");
		}
		if ("authorization_code".equals(f.get("grant_type"))) {
			var code = codes.remove(String.valueOf(f.get("code")));
			if (code == null || !code.redirectUri().equals(f.get("redirect_uri"))
					|| code.challenge() != null && !code.challenge().equals(s256(f.get("code_verifier")))) {
				return json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Bad Request\"}");
			}
			var access = "ya29." + ids.incrementAndGet();
			accessTokens.add(access);
			var body = JSON.createObjectNode().put("access_token", access).put("expires_in", 3599)
				.put("scope", "https://www.googleapis.com/auth/youtube.upload https://www.googleapis.com/auth/youtube.readonly")
				.put("token_type", "Bearer");
			if (code.offline()) {
				var refresh = "1//0g" + ids.incrementAndGet();
				refreshTokens.add(refresh);
				body.put("refresh_token", refresh);
			}
			return json(200, body.toString());
		}
		if ("refresh_token".equals(f.get("grant_type"))) {
			if (!refreshTokens.contains(String.valueOf(f.get("refresh_token")))) {
				return json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired or revoked.\"}");
			}
			var access = "ya29." + ids.incrementAndGet();
			accessTokens.add(access);
			return json(200, "{\"access_token\":\"" + access + "\",\"expires_in\":3599,\"scope\":\"https://www.googleapis.com/auth/"
					+ "youtube.upload\",\"token_type\":\"Bearer\"}");
		}
		return json(400, "{\"error\":\"unsupported_grant_type\",\"error_description\":\"Invalid grant_type\"}");
	}

	/** Revokes every refresh token (the person removed the app's access). */
	public void revokeRefreshTokens() {
		refreshTokens.clear();
	}

	private MockResponse start(RecordedRequest request, Map<String, String> q) {
		var preset = nextStart;
		if (preset != null) {
			nextStart = null;
			return preset;
		}
		var length = request.getHeaders().get("X-Upload-Content-Length");
		JsonNode resource = JSON.readTree(request.getBody().utf8());
		if (length == null || !q.getOrDefault("part", "").contains("snippet")) {
			return error(400, "global", "badRequest", "Bad Request");
		}
		if (resource.path("snippet").path("title").asString("").isBlank()) {
			return error(400, "youtube.video", "invalidTitle", "The request metadata specifies an invalid or empty video title.");
		}
		var id = "ADPycdu" + ids.incrementAndGet();
		sessions.put(id, new Session(id, resource, Long.parseLong(length)));
		return new MockResponse.Builder().code(200).setHeader("Location", server.url("/upload/youtube/v3/videos?uploadType="
				+ "resumable&part=snippet,status&upload_id=" + id).toString()).setHeader("X-GUploader-UploadID", id).build();
	}

	private MockResponse chunk(RecordedRequest request, Session session) {
		if (session == null) {
			return error(404, "global", "notFound", "Not Found");
		}
		var range = String.valueOf(request.getHeaders().get("Content-Range"));
		var body = request.getBody() == null ? new byte[0] : request.getBody().toByteArray();
		if (range.startsWith("bytes */")) {
			return session.videoId != null ? video(session) : incomplete(session, 0);
		}
		if (failChunkCountdown > 0 && --failChunkCountdown == 0) {
			return error(503, "global", "backendError", "Backend Error");
		}
		var m = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)").matcher(range);
		if (!m.matches() || Long.parseLong(m.group(1)) != session.bytes.size() || Long.parseLong(m.group(3)) != session.total
				|| Long.parseLong(m.group(2)) - Long.parseLong(m.group(1)) + 1 != body.length) {
			return error(400, "global", "badContent", "Content-Range does not match what was received");
		}
		var last = Long.parseLong(m.group(2)) + 1 == session.total;
		if (!last && body.length % (256 * 1024) != 0) {
			return error(400, "global", "badContent", "Chunk size must be a multiple of 256 KiB");
		}
		session.bytes.writeBytes(body);
		session.chunkSizes.add(body.length);
		if (!last) {
			stallIfDue(session.bytes.size());
			return incomplete(session, chunkDelayMillis);
		}
		session.videoId = "dQw" + ids.incrementAndGet();
		videos.add(new Video(session.videoId, session.resource, session.bytes.toByteArray()));
		var answer = video(session);
		if (hangNext) {
			hangNext = false;
			return answer.newBuilder().headersDelay(hangSeconds, TimeUnit.SECONDS).build();
		}
		return answer;
	}

	private static MockResponse incomplete(Session session, long delay) {
		var builder = new MockResponse.Builder().code(308).setHeader("X-GUploader-UploadID", session.id);
		if (session.bytes.size() > 0) {
			builder.setHeader("Range", "bytes=0-" + (session.bytes.size() - 1));
		}
		if (delay > 0) {
			builder.headersDelay(delay, TimeUnit.MILLISECONDS);
		}
		return builder.build();
	}

	/**
	 * videos.list part=statistics: one item per existing id (unknown or deleted ids are silently left out, as
	 * YouTube does), counts as strings, likeCount absent when the owner hides likes; more than 50 ids is refused.
	 */
	private MockResponse videoStatistics(String idList) {
		var ids = List.of(idList.split(","));
		if (ids.size() > 50) {
			return error(400, "youtube.parameter", "badRequest", "The request specifies more than 50 video IDs.");
		}
		var items = JSON.createArrayNode();
		for (var id : ids) {
			if (videos.stream().noneMatch(v -> v.id().equals(id))) {
				continue;
			}
			var item = items.addObject().put("kind", "youtube#video").put("etag", "s" + id).put("id", id);
			var stats = item.putObject("statistics");
			statistics.getOrDefault(id, Map.of()).forEach((name, value) -> stats.put(name, String.valueOf(value)));
			stats.put("favoriteCount", "0");
		}
		var body = JSON.createObjectNode().put("kind", "youtube#videoListResponse").put("etag", "l1");
		body.set("items", items);
		body.putObject("pageInfo").put("totalResults", items.size()).put("resultsPerPage", items.size());
		return json(200, body.toString());
	}

	/** A video as if uploaded earlier, with the statistics YouTube reports for it (omit likeCount to hide likes). */
	public String seedVideo(Map<String, Long> stats) {
		var id = "vid" + ids.incrementAndGet();
		videos.add(new Video(id, JSON.createObjectNode(), new byte[0]));
		statistics.put(id, Map.copyOf(stats));
		return id;
	}

	public void deleteVideo(String id) {
		videos.removeIf(v -> v.id().equals(id));
	}

	public FakeYouTube subscribers(long count, boolean hidden) {
		subscribers = count;
		subscribersHidden = hidden;
		return this;
	}

	/** The next Data API read finds the project's daily quota spent (403 quotaExceeded). */
	public void quotaExceededNextRead() {
		nextRead = error(403, "youtube.quota", "quotaExceeded", "The request cannot be completed because you have exceeded your "
				+ "<a href=\"/youtube/v3/getting-started#quota\">quota</a>.");
	}

	/** The next read is refused because the token lacks a scope (403 insufficientPermissions). */
	public void insufficientScopeNextRead() {
		nextRead = error(403, "global", "insufficientPermissions", "Request had insufficient authentication scopes.");
	}

	private static MockResponse video(Session session) {
		var video = JSON.createObjectNode().put("kind", "youtube#video").put("etag", "v1").put("id", session.videoId);
		video.set("snippet", session.resource.path("snippet"));
		var status = video.putObject("status").put("uploadStatus", "uploaded");
		session.resource.path("status").properties().forEach(e -> status.set(e.getKey(), e.getValue()));
		return json(200, video.toString());
	}

	private static MockResponse error(int status, String domain, String reason, String message) {
		var body = JSON.createObjectNode();
		var error = body.putObject("error").put("code", status).put("message", message);
		error.putArray("errors").addObject().put("message", message).put("domain", domain).put("reason", reason);
		return json(status, body.toString());
	}

	private static MockResponse json(int status, String body) {
		return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json; charset=UTF-8").body(body).build();
	}

	private static Map<String, String> form(String body) {
		var map = new LinkedHashMap<String, String>();
		for (var pair : body.split("&")) {
			var eq = pair.indexOf('=');
			if (eq > 0) {
				map.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
			}
		}
		return map;
	}

	private static String s256(String verifier) {
		try {
			return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
				.digest(String.valueOf(verifier).getBytes(StandardCharsets.US_ASCII)));
		}
		catch (java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
