package dev.troupe.publishing.platform.facebook;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.troupe.publishing.spi.PlatformFake;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * The Facebook Graph API for Pages as documented (Facebook Login manual flow, long-lived tokens, /me/accounts,
 * Pages API posts, photos, videos): the OAuth dialog redirects back with a code, codes are single use, the
 * long-lived exchange uses {@code fb_exchange_token}; Page tokens post to {@code /{page}/feed}, {@code /photos}
 * (fetched by URL; {@code published=false} makes no post) and {@code /videos} ({@code file_url}); posts are
 * listed at {@code /published_posts}; errors are Graph error objects.
 */
public class FakeFacebook extends Dispatcher implements PlatformFake {

	public static final String CLIENT_ID = "1234567890";
	public static final String CLIENT_SECRET = "fb-app-secret";
	public static final String PAGE_ID = "101234567890123";
	public static final String PAGE_TOKEN = "EAAGpage" + PAGE_ID;
	static final String VERSION = "v25.0";
	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");

	record Post(String id, String message, List<String> photos, String createdTime) {
	}

	private final MockWebServer server = new MockWebServer();
	private final HttpClient fetcher = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
	private final Map<String, String> codes = new ConcurrentHashMap<>();
	private final Map<String, String> photos = new ConcurrentHashMap<>(); // unpublished photo id → its URL
	final List<Post> posts = new CopyOnWriteArrayList<>();
	final List<String> fetched = new CopyOnWriteArrayList<>();
	private final AtomicLong ids = new AtomicLong(900_000_000_000L);
	private volatile MockResponse nextCreate;
	private volatile boolean hangNext;
	// videos: resumable upload (start/transfer/finish on /{page}/videos) and Reels (/{page}/video_reels + upload host)
	final Map<String, Video> videos = new ConcurrentHashMap<>();
	private final Map<String, String> sessions = new ConcurrentHashMap<>(); // upload session → video id
	private volatile int chunkSize = 4;
	private volatile MockResponse nextFinish;
	private volatile boolean finishThenFail;
	// metrics: a post's or video's reactions, comments and shares; the Page's followers
	private final Map<String, long[]> engagement = new ConcurrentHashMap<>();
	private volatile long followers = 3400;
	private volatile boolean engagementGranted = true;
	private volatile MockResponse nextRead;

	static final class Video {
		final String id;
		final long fileSize;
		final boolean reel;
		final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
		volatile boolean finished;

		Video(String id, long fileSize, boolean reel) {
			this.id = id;
			this.fileSize = fileSize;
			this.reel = reel;
		}
	}

	/** Facebook decides the chunk size of a resumable upload: this many bytes a transfer. */
	FakeFacebook chunkSize(int bytes) {
		this.chunkSize = bytes;
		return this;
	}

	/** The next finish call gets this answer and does nothing (a 5xx before the video is published). */
	FakeFacebook failNextFinish(MockResponse response) {
		this.nextFinish = response;
		return this;
	}

	/** The next finish publishes the video, then its answer is lost (a 500 from the edge). */
	FakeFacebook finishThenFail() {
		this.finishThenFail = true;
		return this;
	}

	public FakeFacebook() throws IOException {
		server.setDispatcher(this);
		server.start();
	}

	@Override
	public URI baseUrl() {
		return server.url("/").uri();
	}

	@Override
	public void rateLimitNext(int seconds) {
		nextCreate = json(400, "{\"error\":{\"message\":\"(#32) Page request limit reached\",\"type\":\"OAuthException\","
				+ "\"code\":32,\"fbtrace_id\":\"Ax1\"}}").newBuilder()
			.setHeader("X-Business-Use-Case-Usage", "{\"" + PAGE_ID + "\":[{\"type\":\"pages\",\"call_count\":100,"
					+ "\"total_cputime\":10,\"total_time\":10,\"estimated_time_to_regain_access\":" + Math.max(1, (seconds + 59) / 60)
					+ "}]}")
			.build();
	}

	@Override
	public void failNextWith(int status) {
		nextCreate = json(status, "{\"error\":{\"message\":\"An unknown error has occurred.\",\"type\":\"OAuthException\","
				+ "\"code\":1,\"is_transient\":true,\"fbtrace_id\":\"Ax2\"}}");
	}

	@Override
	public void hangNext() {
		hangNext = true;
	}

	@Override
	public int postsCreated() {
		return posts.size();
	}

	@Override
	public void close() {
		server.close();
	}

	@Override
	public MockResponse dispatch(RecordedRequest request) {
		var path = request.getUrl().encodedPath();
		var params = new LinkedHashMap<String, String>();
		request.getUrl().queryParameterNames().forEach(n -> params.put(n, request.getUrl().queryParameter(n)));
		byte[] chunk = null;
		var contentType = request.getHeaders().get("Content-Type");
		if (request.getBody() != null && request.getBody().size() > 0) {
			if (contentType != null && contentType.startsWith("multipart/form-data")) {
				chunk = multipart(request.getBody().toByteArray(), contentType.replaceAll(".*boundary=", ""), params);
			}
			else if (!path.startsWith("/video-upload/")) {
				params.putAll(form(request.getBody().utf8()));
			}
		}
		if (path.startsWith("/video-upload/" + VERSION + "/")) {
			return rupload(request, path.substring(("/video-upload/" + VERSION + "/").length()));
		}
		if (path.equals("/" + VERSION + "/dialog/oauth")) {
			var code = "AQD" + UUID.randomUUID();
			codes.put(code, params.get("redirect_uri"));
			return new MockResponse.Builder().code(302).setHeader("Location", params.get("redirect_uri") + "?code=" + code
					+ "&state=" + params.get("state") + "#_=_").build();
		}
		if (path.equals("/" + VERSION + "/oauth/access_token")) {
			return token(params);
		}
		if (!path.startsWith("/" + VERSION + "/")) {
			return error(400, 2500, "Unknown path components: " + path);
		}
		var rest = path.substring(VERSION.length() + 2);
		var token = params.getOrDefault("access_token", "");
		if (rest.equals("me/accounts") && token.startsWith("EAAGlong")) {
			return json(200, "{\"data\":[{\"id\":\"" + PAGE_ID + "\",\"name\":\"Mira's Page\",\"access_token\":\"" + PAGE_TOKEN
					+ "\",\"tasks\":[\"ANALYZE\",\"ADVERTISE\",\"MODERATE\",\"CREATE_CONTENT\",\"MANAGE\"],"
					+ "\"picture\":{\"data\":{\"url\":\"https://scontent.xx.fbcdn.net/p.jpg\"}}},"
					+ "{\"id\":\"555\",\"name\":\"Only an analyst here\",\"access_token\":\"EAAGother\",\"tasks\":[\"ANALYZE\"]}],"
					+ "\"paging\":{\"cursors\":{\"before\":\"a\",\"after\":\"b\"}}}");
		}
		if (!token.equals(PAGE_TOKEN)) {
			return error(400, 190, "Error validating access token: The session has been invalidated because the user changed "
					+ "their password or Facebook has changed the session for security reasons.");
		}
		if (request.getMethod().equals("GET") && nextRead != null) {
			var response = nextRead;
			nextRead = null;
			return response;
		}
		var fields = params.getOrDefault("fields", "");
		if (request.getMethod().equals("GET") && (fields.contains("reactions") || fields.contains("followers_count"))) {
			return metrics(rest, fields);
		}
		if (request.getMethod().equals("GET") && videos.containsKey(rest)) {
			return json(200, status(videos.get(rest)));
		}
		return switch (request.getMethod() + " " + rest) {
			case "GET " + PAGE_ID -> json(200, "{\"id\":\"" + PAGE_ID + "\",\"name\":\"Mira's Page\",\"link\":"
					+ "\"https://www.facebook.com/" + PAGE_ID + "\"}");
			case "POST " + PAGE_ID + "/feed" -> create(params.get("message"), attached(params));
			case "POST " + PAGE_ID + "/photos" -> photo(params);
			case "POST " + PAGE_ID + "/videos" -> params.containsKey("upload_phase") ? resumable(params, chunk) : video(params);
			case "POST " + PAGE_ID + "/video_reels" -> reel(params);
			case "GET " + PAGE_ID + "/published_posts" -> list();
			default -> error(400, 100, "Unsupported " + request.getMethod() + " request.");
		};
	}

	/**
	 * Engagement as the Graph API answers {@code reactions.summary(total_count).limit(0)}: an empty data list and the
	 * summary; {@code shares} only when someone shared; a Video node has no shares field (error 100). Without
	 * pages_read_engagement it is error 10; a deleted object error 100/33.
	 */
	private MockResponse metrics(String id, String fields) {
		if (!engagementGranted) {
			return error(403, 10, "(#10) This endpoint requires the 'pages_read_engagement' permission or the 'Page Public "
					+ "Content Access' feature.");
		}
		if (id.equals(PAGE_ID)) {
			return json(200, "{\"followers_count\":" + followers + ",\"fan_count\":" + (followers - 200) + ",\"id\":\"" + PAGE_ID
					+ "\"}");
		}
		var video = videos.containsKey(id);
		if (!video && posts.stream().noneMatch(p -> p.id().equals(id))) {
			return json(400, "{\"error\":{\"message\":\"Unsupported get request. Object with ID '" + id + "' does not exist, "
					+ "cannot be loaded due to missing permissions, or does not support this operation.\",\"type\":"
					+ "\"GraphMethodException\",\"code\":100,\"error_subcode\":33,\"fbtrace_id\":\"Ax9\"}}");
		}
		if (video && fields.contains("shares")) {
			return error(400, 100, "(#100) Tried accessing nonexisting field (shares) on node type (Video)");
		}
		var counts = engagement.getOrDefault(id, new long[3]);
		var body = new StringBuilder("{\"reactions\":{\"data\":[],\"summary\":{\"total_count\":").append(counts[0])
			.append(",\"viewer_reaction\":\"NONE\"}},\"comments\":{\"data\":[],\"summary\":{\"order\":\"ranked\",")
			.append("\"total_count\":").append(counts[1]).append(",\"can_comment\":true}}");
		if (fields.contains("shares") && counts[2] > 0) {
			body.append(",\"shares\":{\"count\":").append(counts[2]).append('}');
		}
		return json(200, body.append(",\"id\":\"").append(id).append("\"}").toString());
	}

	FakeFacebook engagement(String id, long reactions, long comments, long shares) {
		engagement.put(id, new long[] { reactions, comments, shares });
		return this;
	}

	FakeFacebook followers(long value) {
		followers = value;
		return this;
	}

	FakeFacebook engagementGranted(boolean value) {
		engagementGranted = value;
		return this;
	}

	/** A post or video for the metrics tests, as if published. */
	String seedPost(String message) {
		var id = PAGE_ID + "_" + ids.incrementAndGet();
		posts.add(new Post(id, message, List.of(), ZonedDateTime.now(ZoneOffset.UTC).format(TIME)));
		return id;
	}

	String seedVideo() {
		var video = new Video(String.valueOf(ids.incrementAndGet()), 4, false);
		video.finished = true;
		videos.put(video.id, video);
		return video.id;
	}

	void delete(String id) {
		posts.removeIf(p -> p.id().equals(id));
		videos.remove(id);
	}

	/** The next read hits the Page's limit (code 32) with the wait in the usage header. */
	FakeFacebook throttleNextRead(int minutes) {
		nextRead = json(400, "{\"error\":{\"message\":\"(#32) Page request limit reached\",\"type\":\"OAuthException\","
				+ "\"code\":32,\"fbtrace_id\":\"Ax1\"}}").newBuilder()
			.setHeader("X-Business-Use-Case-Usage", "{\"" + PAGE_ID + "\":[{\"type\":\"pages\",\"call_count\":100,"
					+ "\"total_cputime\":10,\"total_time\":10,\"estimated_time_to_regain_access\":" + minutes + "}]}")
			.build();
		return this;
	}

	private MockResponse token(Map<String, String> q) {
		if (!CLIENT_ID.equals(q.get("client_id")) || !CLIENT_SECRET.equals(q.get("client_secret"))) {
			return error(400, 1, "Error validating client secret.");
		}
		if ("fb_exchange_token".equals(q.get("grant_type"))) {
			return String.valueOf(q.get("fb_exchange_token")).startsWith("EAAGshort")
					? json(200, "{\"access_token\":\"EAAGlong" + UUID.randomUUID() + "\",\"token_type\":\"bearer\",\"expires_in\":5183944}")
					: error(400, 190, "Invalid OAuth access token.");
		}
		var redirect = codes.remove(String.valueOf(q.get("code")));
		if (redirect == null || !redirect.equals(q.get("redirect_uri"))) {
			return json(400, "{\"error\":{\"message\":\"This authorization code has been used.\",\"type\":\"OAuthException\","
					+ "\"code\":100,\"error_subcode\":36009,\"fbtrace_id\":\"Ax3\"}}");
		}
		return json(200, "{\"access_token\":\"EAAGshort" + UUID.randomUUID() + "\",\"token_type\":\"bearer\",\"expires_in\":5183}");
	}

	private MockResponse photo(Map<String, String> f) {
		if (!fetch(f.get("url"))) {
			return error(400, 324, "Missing or invalid image file");
		}
		var id = String.valueOf(ids.incrementAndGet());
		if ("false".equals(f.get("published"))) {
			photos.put(id, f.get("url"));
			return json(200, "{\"id\":\"" + id + "\"}");
		}
		var created = create(f.get("caption"), List.of(id));
		return created;
	}

	private MockResponse video(Map<String, String> f) {
		if (!fetch(f.get("file_url"))) {
			return error(400, 351, "Sorry, there was a problem with your video file.");
		}
		return create(f.get("description"), List.of("video"));
	}

	private synchronized MockResponse resumable(Map<String, String> f, byte[] chunk) {
		switch (f.get("upload_phase")) {
			case "start" -> {
				var size = Long.parseLong(f.getOrDefault("file_size", "0"));
				if (size <= 0) {
					return error(400, 100, "(#100) The parameter file_size is required");
				}
				var video = new Video(String.valueOf(ids.incrementAndGet()), size, false);
				var session = String.valueOf(ids.incrementAndGet());
				videos.put(video.id, video);
				sessions.put(session, video.id);
				return json(200, "{\"video_id\":\"%s\",\"upload_session_id\":\"%s\",\"start_offset\":\"0\",\"end_offset\":\"%d\"}"
					.formatted(video.id, session, Math.min(size, chunkSize)));
			}
			case "transfer" -> {
				var video = videos.get(sessions.getOrDefault(f.getOrDefault("upload_session_id", ""), ""));
				if (video == null || chunk == null) {
					return error(400, 6000, "There was a problem uploading your video file. Please try again.");
				}
				var offset = Long.parseLong(f.getOrDefault("start_offset", "-1"));
				if (offset == 0) {
					video.bytes.reset(); // a re-sent upload starts over in the same session
				}
				if (offset != video.bytes.size() || chunk.length > chunkSize) {
					return error(400, 6001, "There was a problem uploading your video. Please try again.");
				}
				video.bytes.writeBytes(chunk);
				long next = video.bytes.size();
				return json(200, "{\"start_offset\":\"%d\",\"end_offset\":\"%d\"}".formatted(next,
						Math.min(video.fileSize, next + chunkSize)));
			}
			case "finish" -> {
				var video = videos.get(sessions.getOrDefault(f.getOrDefault("upload_session_id", ""), ""));
				return finish(video, f.get("description"));
			}
			default -> {
				return error(400, 100, "(#100) Invalid upload_phase");
			}
		}
	}

	private synchronized MockResponse reel(Map<String, String> f) {
		switch (f.getOrDefault("upload_phase", "")) {
			case "start" -> {
				var video = new Video(String.valueOf(ids.incrementAndGet()), -1, true);
				videos.put(video.id, video);
				return json(200, "{\"video_id\":\"%s\",\"upload_url\":\"%svideo-upload/%s/%s\"}".formatted(video.id,
						baseUrl(), VERSION, video.id));
			}
			case "finish" -> {
				if (!"PUBLISHED".equals(f.get("video_state"))) {
					return error(400, 100, "(#100) video_state must be one of DRAFT, PUBLISHED, SCHEDULED");
				}
				return finish(videos.get(f.getOrDefault("video_id", "")), f.get("description"));
			}
			default -> {
				return error(400, 100, "(#100) Invalid upload_phase");
			}
		}
	}

	/** The upload host: raw bytes, the token as {@code Authorization: OAuth}, {@code offset} and {@code file_size}. */
	private synchronized MockResponse rupload(RecordedRequest request, String videoId) {
		if (!("OAuth " + PAGE_TOKEN).equals(request.getHeaders().get("Authorization"))) {
			return json(401, "{\"debug_info\":{\"type\":\"OAuthException\",\"message\":\"Invalid OAuth access token\"}}");
		}
		var video = videos.get(videoId);
		if (video == null || !video.reel) {
			return json(400, "{\"debug_info\":{\"type\":\"NotFoundError\",\"message\":\"Video not found\"}}");
		}
		var body = request.getBody().toByteArray();
		if (!"0".equals(request.getHeaders().get("offset"))
				|| !String.valueOf(body.length).equals(request.getHeaders().get("file_size"))) {
			return json(400, "{\"debug_info\":{\"type\":\"ProcessingFailedError\",\"message\":\"Partial upload: offset and file_size must match the body\"}}");
		}
		video.bytes.reset();
		video.bytes.writeBytes(body);
		return json(200, "{\"success\":true}");
	}

	private MockResponse finish(Video video, String description) {
		if (video == null) {
			return error(400, 100, "(#100) Invalid upload session or video id");
		}
		if (nextFinish != null) {
			var answer = nextFinish;
			nextFinish = null;
			return answer;
		}
		if (video.finished) {
			return error(400, 6000, "This video has already been published");
		}
		if (video.bytes.size() == 0 || (video.fileSize > 0 && video.bytes.size() != video.fileSize)) {
			return error(400, 6000, "There was a problem uploading your video file. Please try again.");
		}
		video.finished = true;
		posts.add(new Post(PAGE_ID + "_" + ids.incrementAndGet(), description == null ? "" : description, List.of("video:" + video.id),
				ZonedDateTime.now(ZoneOffset.UTC).format(TIME)));
		if (finishThenFail) {
			finishThenFail = false;
			return error(500, 2, "An unexpected error has occurred. Please retry your request later.");
		}
		return json(200, "{\"success\":true}");
	}

	private static String status(Video video) {
		var uploaded = video.bytes.size() > 0 && (video.fileSize < 0 || video.bytes.size() == video.fileSize);
		return ("{\"id\":\"%s\",\"status\":{\"video_status\":\"%s\",\"uploading_phase\":{\"status\":\"%s\","
				+ "\"bytes_transferred\":%d},\"processing_phase\":{\"status\":\"%s\"},\"publishing_phase\":{\"status\":\"%s\"}}}")
			.formatted(video.id, video.finished ? "ready" : uploaded ? "upload_complete" : "uploading",
					uploaded ? "complete" : "in_progress", video.bytes.size(), video.finished ? "complete" : "not_started",
					video.finished ? "complete" : "not_started");
	}

	/** Splits a multipart body: text fields into {@code params}, the file part returned. */
	private static byte[] multipart(byte[] body, String boundary, Map<String, String> params) {
		var text = new String(body, StandardCharsets.ISO_8859_1);
		byte[] file = null;
		for (var part : text.split("--" + java.util.regex.Pattern.quote(boundary))) {
			var split = part.indexOf("\r\n\r\n");
			if (split < 0) {
				continue;
			}
			var head = part.substring(0, split);
			var value = part.substring(split + 4, Math.max(split + 4, part.length() - 2)); // drops the CRLF before the boundary
			var name = head.replaceAll("(?s).*name=\"([^\"]+)\".*", "$1");
			if (head.contains("filename=")) {
				file = value.getBytes(StandardCharsets.ISO_8859_1);
			}
			else {
				params.put(name, new String(value.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
			}
		}
		return file;
	}

	private synchronized MockResponse create(String message, List<String> attached) {
		if (nextCreate != null) {
			var response = nextCreate;
			nextCreate = null;
			return response;
		}
		var postId = PAGE_ID + "_" + ids.incrementAndGet();
		posts.add(new Post(postId, message == null ? "" : message, attached,
				ZonedDateTime.now(ZoneOffset.UTC).format(TIME)));
		var response = json(200, attached.isEmpty() || attached.size() > 1 ? "{\"id\":\"" + postId + "\"}"
				: "{\"id\":\"" + attached.get(0) + "\",\"post_id\":\"" + postId + "\"}");
		if (hangNext) {
			hangNext = false;
			return response.newBuilder().headersDelay(3, TimeUnit.SECONDS).build();
		}
		return response;
	}

	private List<String> attached(Map<String, String> f) {
		var attached = new ArrayList<String>();
		f.forEach((name, value) -> {
			if (name.startsWith("attached_media[")) {
				var id = value.replaceAll(".*\"media_fbid\":\"(\\d+)\".*", "$1");
				if (photos.remove(id) != null) {
					attached.add(id);
				}
			}
		});
		return attached;
	}

	private MockResponse list() {
		var data = new ArrayList<String>();
		for (int i = posts.size() - 1; i >= 0; i--) {
			var p = posts.get(i);
			data.add("{\"id\":\"" + p.id() + "\",\"message\":\"" + p.message().replace("\"", "\\\"") + "\",\"created_time\":\""
					+ p.createdTime() + "\",\"permalink_url\":\"https://www.facebook.com/" + p.id() + "\"}");
		}
		return json(200, "{\"data\":[" + String.join(",", data) + "]}");
	}

	private boolean fetch(String url) {
		try {
			var response = fetcher.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
					BodyHandlers.ofByteArray());
			if (response.statusCode() == 200 && response.body().length > 0) {
				fetched.add(url);
				return true;
			}
			return false;
		}
		catch (IOException | RuntimeException e) {
			return false;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static MockResponse error(int status, int code, String message) {
		return json(status, "{\"error\":{\"message\":\"" + message + "\",\"type\":\"OAuthException\",\"code\":" + code
				+ ",\"fbtrace_id\":\"A" + UUID.randomUUID().toString().substring(0, 8) + "\"}}");
	}

	private static MockResponse json(int status, String body) {
		return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json; charset=UTF-8")
			.body(body).build();
	}

	private static Map<String, String> form(String body) {
		var form = new LinkedHashMap<String, String>();
		for (var pair : body.split("&")) {
			var eq = pair.indexOf('=');
			if (eq > 0) {
				form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
			}
		}
		return form;
	}
}
