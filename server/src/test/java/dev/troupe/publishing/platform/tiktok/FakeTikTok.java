package dev.troupe.publishing.platform.tiktok;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
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
 * TikTok Login Kit (OAuth v2 with {@code client_key}) and the Content Posting API as developers.tiktok.com documents
 * them, on one local server: creator_info/query; video/init and inbox/video/init with the media transfer guide's chunk
 * rules checked (5–64 MB chunks, {@code total_chunk_count = video_size / chunk_size} rounded down, the last chunk
 * taking the rest, sent in order with {@code Content-Range}; 206 per chunk, 201 when complete); content/init for
 * photos, fetched from their URLs as TikTok does; status/fetch. Every answer has {@code error.code}, and some
 * refusals come with HTTP 200, as TikTok sends them.
 */
public class FakeTikTok extends Dispatcher implements PlatformFake {

	public static final String CLIENT_KEY = "awtroupe0000key";
	public static final String CLIENT_SECRET = "tiktok-secret";
	public static final String OPEN_ID = "-000Mira0OpenId";
	public static final String ACCESS_TOKEN = "act.mira0000";
	private static final JsonMapper JSON = JsonMapper.builder().build();
	private final Map<String, Map<String, Long>> videoCounts = new java.util.concurrent.ConcurrentHashMap<>();
	private final java.util.Set<String> missingScopes = java.util.concurrent.ConcurrentHashMap.newKeySet();
	private volatile MockResponse nextRead;
	private volatile long followers = 15300;

	public static final class Publish {

		public final String id;
		public final String kind;
		public final JsonNode init;
		public final long size;
		public final long chunkSize;
		public final int chunks;
		public final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		public final List<Integer> chunkSizes = new CopyOnWriteArrayList<>();
		public volatile String status;
		public volatile String failReason;
		public volatile int pollsLeft;

		Publish(String id, String kind, JsonNode init, long size, long chunkSize, int chunks) {
			this.id = id;
			this.kind = kind;
			this.init = init;
			this.size = size;
			this.chunkSize = chunkSize;
			this.chunks = chunks;
		}
	}

	private record Code(String redirectUri, String challenge) {
	}

	private final MockWebServer server = new MockWebServer();
	private final HttpClient fetcher = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
	private final Map<String, Code> codes = new ConcurrentHashMap<>();
	private final Set<String> accessTokens = ConcurrentHashMap.newKeySet();
	private final Set<String> refreshTokens = ConcurrentHashMap.newKeySet();
	public final Map<String, Publish> publishes = new ConcurrentHashMap<>();
	public final List<String> requests = new CopyOnWriteArrayList<>();
	public final List<String> fetched = new CopyOnWriteArrayList<>();
	private final AtomicLong ids = new AtomicLong(7_300_000_000_000_000_000L);
	private volatile MockResponse nextInit;
	private volatile boolean hangNext;
	private volatile int failChunkCountdown;
	private volatile int processingPolls = 1;
	private volatile String privacyOptions = "[\"PUBLIC_TO_EVERYONE\",\"MUTUAL_FOLLOW_FRIENDS\",\"SELF_ONLY\"]";

	public FakeTikTok() throws IOException {
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
		nextInit = json(429, "{\"error\":{\"code\":\"rate_limit_exceeded\",\"message\":\"API rate limit was exceeded, try again "
				+ "later.\",\"log_id\":\"2026120310000001\"}}");
	}

	@Override
	public void failNextWith(int status) {
		nextInit = json(status, "{\"error\":{\"code\":\"internal_error\",\"message\":\"Something went wrong. Please try again "
				+ "later.\",\"log_id\":\"2026120310000002\"}}");
	}

	/** The next init is refused with HTTP 200 and this error code, as TikTok does for spam and policy checks. */
	public void error200Next(String code) {
		nextInit = json(200, "{\"data\":{},\"error\":{\"code\":\"" + code + "\",\"message\":\"refused: " + code
				+ "\",\"log_id\":\"2026120310000003\"}}");
	}

	/** The chunk that completes the next upload is stored, but its answer comes too late. */
	@Override
	public void hangNext() {
		hangNext = true;
	}

	/** Answer the nth chunk from now with 503, storing nothing of it. */
	public FakeTikTok failChunk(int nth) {
		failChunkCountdown = nth;
		return this;
	}

	public FakeTikTok privacyOptions(String jsonArray) {
		privacyOptions = jsonArray;
		return this;
	}

	private volatile long stallAfterBytes = Long.MAX_VALUE;
	private final java.util.concurrent.CountDownLatch stalled = new java.util.concurrent.CountDownLatch(1);
	private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);

	/**
	 * The answer to the first chunk after which at least {@code bytes} have arrived is held back (the bytes are
	 * kept) until {@link #release()}: the uploader is left waiting in the middle of its upload, to be killed there.
	 */
	public FakeTikTok stallAfterBytes(long bytes) {
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

	/** Every publish still processing finishes at its next status read. */
	public void finishProcessing() {
		processingPolls = 0;
		publishes.values().forEach(p -> p.pollsLeft = 0);
	}

	public long statusReads() {
		return requests.stream().filter(r -> r.equals("POST /v2/post/publish/status/fetch/")).count();
	}

	public FakeTikTok processingPolls(int polls) {
		processingPolls = polls;
		return this;
	}

	@Override
	public int postsCreated() {
		return (int) publishes.values().stream().filter(p -> !"FAILED".equals(p.status) && "complete".equals(p.failReason)).count();
	}

	public int inits() {
		return publishes.size();
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
		requests.add(method + " " + path);
		var query = new LinkedHashMap<String, String>();
		request.getUrl().queryParameterNames().forEach(n -> query.put(n, request.getUrl().queryParameter(n)));
		if (method.equals("GET") && path.equals("/v2/auth/authorize/")) {
			return authorize(query);
		}
		if (method.equals("POST") && path.equals("/v2/oauth/token/")) {
			return token(form(request.getBody() == null ? "" : request.getBody().utf8()));
		}
		if (method.equals("PUT") && path.equals("/upload/")) {
			return chunk(request, publishes.get(query.get("upload_id")));
		}
		var auth = String.valueOf(request.getHeaders().get("Authorization"));
		if (!accessTokens.contains(auth.replaceFirst("^Bearer ", ""))) {
			return json(401, "{\"data\":{},\"error\":{\"code\":\"access_token_invalid\",\"message\":\"The access token is invalid "
					+ "or not found in the request.\",\"log_id\":\"2026120310000004\"}}");
		}
		JsonNode body = request.getBody() == null || request.getBody().size() == 0 ? JSON.createObjectNode()
				: JSON.readTree(request.getBody().utf8());
		if (nextRead != null && (path.equals("/v2/video/query/") || path.equals("/v2/user/info/"))) {
			var response = nextRead;
			nextRead = null;
			return response;
		}
		if (method.equals("POST") && path.equals("/v2/video/query/")) {
			return videoQuery(body, query.getOrDefault("fields", ""));
		}
		if (method.equals("GET") && path.equals("/v2/user/info/") && query.getOrDefault("fields", "").contains("follower_count")) {
			if (missingScopes.contains("user.info.stats")) {
				return scopeNotAuthorized("user.info.stats");
			}
			return ok("{\"user\":{\"open_id\":\"" + OPEN_ID + "\",\"follower_count\":" + followers + ",\"following_count\":31,"
					+ "\"likes_count\":90210,\"video_count\":" + videoCounts.size() + "}}");
		}
		return switch (method + " " + path) {
			case "GET /v2/user/info/" -> ok("{\"user\":{\"open_id\":\"" + OPEN_ID + "\",\"avatar_url\":\"https://p16.tiktokcdn.com/mira"
					+ ".jpeg\",\"display_name\":\"Mira\",\"username\":\"mira.sings\"}}");
			case "POST /v2/post/publish/creator_info/query/" -> ok("{\"creator_avatar_url\":\"https://p16.tiktokcdn.com/mira.jpeg\","
					+ "\"creator_username\":\"mira.sings\",\"creator_nickname\":\"Mira\",\"privacy_level_options\":" + privacyOptions
					+ ",\"comment_disabled\":false,\"duet_disabled\":false,\"stitch_disabled\":true,\"max_video_post_duration_sec\":600}");
			case "POST /v2/post/publish/video/init/" -> videoInit(body, "DIRECT_POST");
			case "POST /v2/post/publish/inbox/video/init/" -> videoInit(body, "MEDIA_UPLOAD");
			case "POST /v2/post/publish/content/init/" -> photoInit(body);
			case "POST /v2/post/publish/status/fetch/" -> status(body);
			default -> json(404, "{\"error\":{\"code\":\"not_found\",\"message\":\"Not found\",\"log_id\":\"1\"}}");
		};
	}

	private MockResponse authorize(Map<String, String> q) {
		if (!CLIENT_KEY.equals(q.get("client_key")) || !"code".equals(q.get("response_type"))) {
			return new MockResponse.Builder().code(400).body("client_key invalid").build();
		}
		var code = "code" + ids.incrementAndGet();
		codes.put(code, new Code(q.get("redirect_uri"), q.get("code_challenge")));
		return new MockResponse.Builder().code(302).setHeader("Location", q.get("redirect_uri") + "?code=" + code + "&scopes="
				+ URLEncoder.encode(String.valueOf(q.get("scope")), StandardCharsets.UTF_8) + "&state="
				+ URLEncoder.encode(q.get("state"), StandardCharsets.UTF_8)).build();
	}

	private MockResponse token(Map<String, String> f) {
		if (!CLIENT_KEY.equals(f.get("client_key")) || !CLIENT_SECRET.equals(f.get("client_secret"))) {
			return json(400, "{\"error\":\"invalid_client\",\"error_description\":\"Client key or secret is incorrect.\",\"log_id\":\"5\"}");
		}
		if ("authorization_code".equals(f.get("grant_type"))) {
			var code = codes.remove(String.valueOf(f.get("code")));
			if (code == null || !code.redirectUri().equals(f.get("redirect_uri"))
					|| code.challenge() != null && !code.challenge().equals(s256(f.get("code_verifier")))) {
				return json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Authorization code is expired.\",\"log_id\":\"6\"}");
			}
			return tokens();
		}
		if ("refresh_token".equals(f.get("grant_type"))) {
			if (!refreshTokens.remove(String.valueOf(f.get("refresh_token")))) {
				return json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Refresh token is invalid or expired.\",\"log_id\":\"7\"}");
			}
			return tokens();
		}
		return json(400, "{\"error\":\"invalid_request\",\"error_description\":\"grant_type is invalid\",\"log_id\":\"8\"}");
	}

	private MockResponse tokens() {
		var access = "act." + ids.incrementAndGet();
		var refresh = "rft." + ids.incrementAndGet();
		accessTokens.add(access);
		refreshTokens.add(refresh);
		return json(200, "{\"access_token\":\"" + access + "\",\"expires_in\":86400,\"open_id\":\"" + OPEN_ID + "\",\"refresh_expires_in\":"
				+ "31536000,\"refresh_token\":\"" + refresh + "\",\"scope\":\"user.info.basic,video.publish,video.upload,video.list,user.info.stats\",\"token_type\":\"Bearer\"}");
	}

	private MockResponse videoInit(JsonNode body, String mode) {
		var preset = nextInit;
		if (preset != null) {
			nextInit = null;
			return preset;
		}
		var source = body.path("source_info");
		if (!"FILE_UPLOAD".equals(source.path("source").asString(""))) {
			return invalid("source must be FILE_UPLOAD or PULL_FROM_URL");
		}
		long size = source.path("video_size").asLong();
		long chunk = source.path("chunk_size").asLong();
		int count = source.path("total_chunk_count").asInt();
		var mb = 1024L * 1024;
		var small = size < 5 * mb;
		if (small ? chunk != size || count != 1 : chunk < 5 * mb || chunk > 64 * mb || count != size / chunk || count > 1000
				|| size - (count - 1) * chunk > 128 * mb) {
			return invalid("The chunk size or total chunk count is invalid.");
		}
		if (mode.equals("DIRECT_POST")) {
			var post = body.path("post_info");
			if (!privacyOptions.contains("\"" + post.path("privacy_level").asString("") + "\"")) {
				return json(400, "{\"error\":{\"code\":\"privacy_level_option_mismatch\",\"message\":\"privacy_level is not one of "
						+ "the creator's options\",\"log_id\":\"9\"}}");
			}
		}
		else if (body.has("post_info")) {
			return invalid("post_info is not accepted by the inbox upload");
		}
		var id = "v_pub_file~v2-1." + ids.incrementAndGet();
		var publish = new Publish(id, mode, body, size, chunk, count);
		publish.status = "PROCESSING_UPLOAD";
		publishes.put(id, publish);
		return ok("{\"publish_id\":\"" + id + "\",\"upload_url\":\"" + server.url("/upload/?upload_id=" + id + "&upload_token=tok")
				+ "\"}");
	}

	private MockResponse chunk(RecordedRequest request, Publish publish) {
		if (publish == null) {
			return new MockResponse.Builder().code(404).build();
		}
		if (failChunkCountdown > 0 && --failChunkCountdown == 0) {
			return new MockResponse.Builder().code(503).build();
		}
		var range = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)").matcher(String.valueOf(request.getHeaders().get("Content-Range")));
		var bytes = request.getBody() == null ? new byte[0] : request.getBody().toByteArray();
		var index = publish.chunkSizes.size();
		var expectedLength = index == publish.chunks - 1 ? publish.size - index * publish.chunkSize : publish.chunkSize;
		if (!range.matches() || Long.parseLong(range.group(1)) != publish.bytes.size() || Long.parseLong(range.group(3)) != publish.size
				|| bytes.length != expectedLength || Long.parseLong(range.group(2)) != publish.bytes.size() + bytes.length - 1) {
			return new MockResponse.Builder().code(416).build(); // out of order or wrong size
		}
		publish.bytes.writeBytes(bytes);
		publish.chunkSizes.add(bytes.length);
		if (publish.bytes.size() < publish.size) {
			stallIfDue(publish.bytes.size());
			return new MockResponse.Builder().code(206).build();
		}
		publish.status = "PROCESSING_UPLOAD";
		publish.pollsLeft = processingPolls;
		publish.failReason = "complete";
		var done = new MockResponse.Builder().code(201).build();
		if (hangNext) {
			hangNext = false;
			return done.newBuilder().headersDelay(3, TimeUnit.SECONDS).build();
		}
		return done;
	}

	private MockResponse photoInit(JsonNode body) {
		var preset = nextInit;
		if (preset != null) {
			nextInit = null;
			return preset;
		}
		if (!"PHOTO".equals(body.path("media_type").asString("")) || !"PULL_FROM_URL".equals(body.at("/source_info/source").asString(""))) {
			return invalid("media_type must be PHOTO and source PULL_FROM_URL");
		}
		var id = "p_pub_url~v2." + ids.incrementAndGet();
		var mode = body.path("post_mode").asString();
		var publish = new Publish(id, mode, body, 0, 0, 0);
		publish.status = "PROCESSING_DOWNLOAD";
		publish.failReason = "complete";
		for (var url : body.at("/source_info/photo_images")) {
			try {
				var response = fetcher.send(HttpRequest.newBuilder(URI.create(url.asString())).timeout(Duration.ofSeconds(5)).build(),
						BodyHandlers.ofByteArray());
				if (response.statusCode() != 200) {
					publish.status = "FAILED";
					publish.failReason = "picture_size_check_failed";
				}
				fetched.add(url.asString());
			}
			catch (IOException | InterruptedException e) {
				publish.status = "FAILED";
				publish.failReason = "file_format_check_failed";
			}
		}
		publish.pollsLeft = processingPolls;
		publishes.put(id, publish);
		return ok("{\"publish_id\":\"" + id + "\"}");
	}

	private MockResponse status(JsonNode body) {
		var publish = publishes.get(body.path("publish_id").asString(""));
		if (publish == null) {
			return json(400, "{\"error\":{\"code\":\"invalid_publish_id\",\"message\":\"publish_id does not exist\",\"log_id\":\"10\"}}");
		}
		if (!"FAILED".equals(publish.status) && "complete".equals(publish.failReason)) {
			if (publish.pollsLeft > 0) {
				publish.pollsLeft--;
			}
			else {
				publish.status = publish.kind.equals("MEDIA_UPLOAD") ? "SEND_TO_USER_INBOX" : "PUBLISH_COMPLETE";
			}
		}
		var data = JSON.createObjectNode().put("status", publish.status).put("uploaded_bytes", publish.bytes.size());
		if ("FAILED".equals(publish.status)) {
			data.put("fail_reason", publish.failReason);
		}
		var ids = data.putArray("publicaly_available_post_id");
		if ("PUBLISH_COMPLETE".equals(publish.status)) {
			ids.add(publish.id.replaceAll("\\D", "").substring(0, 12));
		}
		return ok(data.toString());
	}

	/**
	 * Display API video query: {@code filters.video_ids} of 1 to 20 ids; only the user's own existing videos come
	 * back, with the fields asked for in the query string; needs the video.list scope.
	 */
	private MockResponse videoQuery(JsonNode body, String fields) {
		if (missingScopes.contains("video.list")) {
			return scopeNotAuthorized("video.list");
		}
		var ids = body.path("filters").path("video_ids");
		if (!ids.isArray() || ids.isEmpty() || ids.size() > 20) {
			return invalid("video_ids must hold 1 to 20 ids");
		}
		var wanted = List.of(fields.split(","));
		var videos = JSON.createArrayNode();
		for (var id : ids) {
			var counts = videoCounts.get(id.asString());
			if (counts == null) {
				continue;
			}
			var video = videos.addObject();
			if (wanted.contains("id")) {
				video.put("id", id.asString());
			}
			counts.forEach((name, value) -> {
				if (wanted.contains(name)) {
					video.put(name, value);
				}
			});
		}
		return ok("{\"videos\":" + videos + ",\"cursor\":0,\"has_more\":false}");
	}

	private static MockResponse scopeNotAuthorized(String scope) {
		return json(401, "{\"data\":{},\"error\":{\"code\":\"scope_not_authorized\",\"message\":\"The user did not authorize "
				+ "the scope required for completing this request.\",\"log_id\":\"2026120310000009\"}}");
	}

	/** A video of the user's, as if posted earlier, with its counts. */
	public String seedVideo(long likes, long comments, long shares, long views) {
		var id = String.valueOf(ids.incrementAndGet());
		videoCounts.put(id, Map.of("like_count", likes, "comment_count", comments, "share_count", shares, "view_count", views));
		return id;
	}

	public void deleteVideo(String id) {
		videoCounts.remove(id);
	}

	/** The person declined (or was never asked for) this scope. */
	public FakeTikTok withoutScope(String scope) {
		missingScopes.add(scope);
		return this;
	}

	public FakeTikTok followers(long value) {
		followers = value;
		return this;
	}

	/** The next Display API read is over TikTok's per-minute limit (429 rate_limit_exceeded). */
	public void rateLimitNextRead() {
		nextRead = json(429, "{\"error\":{\"code\":\"rate_limit_exceeded\",\"message\":\"API rate limit was exceeded, try "
				+ "again later.\",\"log_id\":\"2026120310000002\"}}");
	}

	private static MockResponse invalid(String message) {
		return json(400, "{\"error\":{\"code\":\"invalid_params\",\"message\":\"" + message + "\",\"log_id\":\"11\"}}");
	}

	private static MockResponse ok(String data) {
		return json(200, "{\"data\":" + data + ",\"error\":{\"code\":\"ok\",\"message\":\"\",\"log_id\":\"2026120310000000\"}}");
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
