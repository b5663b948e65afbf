package dev.troupe.publishing.platform.x;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
import okio.ByteString;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * X API v2 as docs.x.com documents it, with its OAuth 2.0 server, on one local server: the authorize page
 * redirects back with a code bound to the redirect URI and the S256 challenge; the token endpoint wants HTTP Basic
 * client credentials, codes are single use, refresh tokens rotate (a used one is refused with
 * {@code invalid_request}); {@code POST /2/tweets} (201, or 403 for duplicate text, 400 for unknown or expired media
 * ids), the v2 media upload (simple, initialize/append/finalize, STATUS with {@code check_after_secs}), media
 * metadata, {@code /2/users/me} and the user's posts ({@code start_time}); errors are v2 problem bodies; every answer
 * carries {@code x-rate-limit-*} headers. Like X, the returned text has links as t.co and a media link appended.
 * The mentions timeline ({@code GET /2/users/:id/mentions}): newest first, {@code since_id}, {@code max_results} 5–100,
 * {@code pagination_token}/{@code meta.next_token}, {@code meta.newest_id}, authors in {@code includes.users} with
 * {@code expansions=author_id}; a reply may answer any post the fake knows, the account's or a mention.
 */
public class FakeX extends Dispatcher implements PlatformFake {

	public static final String CLIENT_ID = "M1M5R3BMVy13QmpScXkzTUt5OE46MTpjaQ";
	public static final String CLIENT_SECRET = "x-client-secret";
	public static final String USER_ID = "1587654321098765432";
	public static final String ACCESS_TOKEN = "bWlyYS1hY2Nlc3MtdG9rZW4";
	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final Pattern URL = Pattern.compile("https?://\\S+");

	public record Post(String id, String text, String sentText, Instant createdAt, String inReplyTo, List<String> mediaIds) {
	}

	public static final class Upload {

		public final String id;
		public final String mediaType;
		public final String category;
		public final long totalBytes;
		public final List<Integer> segments = new CopyOnWriteArrayList<>();
		/** The appended segments, in order: the file as X assembles it. */
		public final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
		public volatile long received;
		public volatile boolean finalized;
		public volatile int pollsLeft;
		public volatile String altText;
		public volatile Instant expiresAt;

		Upload(String id, String mediaType, String category, long totalBytes, Instant expiresAt) {
			this.id = id;
			this.mediaType = mediaType;
			this.category = category;
			this.totalBytes = totalBytes;
			this.expiresAt = expiresAt;
		}
	}

	private record Code(String redirectUri, String challenge) {
	}

	/** A post by someone else that mentions the account; {@code repliedTo} when it answers one of its posts. */
	public record Mention(String id, String authorId, String username, String text, Instant createdAt, String repliedTo) {
	}

	public final List<Mention> mentions = new CopyOnWriteArrayList<>();
	private volatile MockResponse nextRead;

	/** Someone mentions the account (or replies to {@code repliedTo}, one of its posts). */
	public String mention(String username, String text, String repliedTo) {
		var id = String.valueOf(ids.incrementAndGet());
		mentions.add(new Mention(id, String.valueOf(1000 + Math.abs(username.hashCode() % 100_000)), username, text,
				Instant.now().truncatedTo(ChronoUnit.MILLIS), repliedTo));
		return id;
	}

	/** The next mentions read answers 429 with the 15-minute window's reset. */
	public void rateLimitNextRead(int seconds) {
		nextRead = limited("x-rate-limit-reset", seconds);
	}

	private MockResponse mentionsTimeline(Map<String, String> q) {
		if (nextRead != null) {
			var answer = nextRead;
			nextRead = null;
			return answer;
		}
		var max = Integer.parseInt(q.getOrDefault("max_results", "10"));
		if (max < 5 || max > 100) {
			return json(400, "{\"errors\":[{\"parameters\":{\"max_results\":[\"" + max + "\"]},\"message\":\"The `max_results` "
					+ "query parameter value [" + max + "] is not between 5 and 100\"}],\"title\":\"Invalid Request\",\"detail\":"
					+ "\"One or more parameters to your request was invalid.\",\"type\":\"https://api.twitter.com/2/problems/invalid-request\"}");
		}
		var since = q.containsKey("since_id") ? Long.parseLong(q.get("since_id")) : 0L;
		var list = mentions.stream().filter(m -> Long.parseLong(m.id()) > since)
			.sorted(java.util.Comparator.comparing((Mention m) -> Long.parseLong(m.id())).reversed()).toList();
		var from = q.containsKey("pagination_token") ? Integer.parseInt(q.get("pagination_token").substring(1)) : 0;
		var page = list.subList(Math.min(from, list.size()), Math.min(from + max, list.size()));
		var root = JSON.createObjectNode();
		var meta = root.putObject("meta").put("result_count", page.size());
		if (!page.isEmpty()) {
			var data = root.putArray("data");
			var users = root.putObject("includes").putArray("users");
			var seen = new java.util.HashSet<String>();
			for (var m : page) {
				var node = data.addObject().put("id", m.id()).put("text", m.text()).put("author_id", m.authorId())
					.put("created_at", m.createdAt().toString());
				node.putArray("edit_history_tweet_ids").add(m.id());
				if (m.repliedTo() != null) {
					node.put("conversation_id", m.repliedTo()).put("in_reply_to_user_id", USER_ID);
					node.putArray("referenced_tweets").addObject().put("type", "replied_to").put("id", m.repliedTo());
				}
				else {
					node.put("conversation_id", m.id());
				}
				if (seen.add(m.authorId())) {
					users.addObject().put("id", m.authorId()).put("name", m.username()).put("username", m.username());
				}
			}
			meta.put("newest_id", page.get(0).id()).put("oldest_id", page.get(page.size() - 1).id());
			if (from + max < list.size()) {
				meta.put("next_token", "p" + (from + max));
			}
		}
		return json(200, root.toString());
	}

	private final MockWebServer server = new MockWebServer();
	private final Map<String, Code> codes = new ConcurrentHashMap<>();
	private final Set<String> accessTokens = ConcurrentHashMap.newKeySet();
	private final Set<String> refreshTokens = ConcurrentHashMap.newKeySet();
	public final Map<String, Upload> uploads = new ConcurrentHashMap<>();
	public final List<Post> posts = new CopyOnWriteArrayList<>();
	public final List<String> requests = new CopyOnWriteArrayList<>();
	private final AtomicLong ids = new AtomicLong(1_860_000_000_000_000_000L);
	private volatile MockResponse nextCreate;
	private volatile boolean hangNext;
	private volatile int hangSeconds = 3;
	private volatile int videoPolls = 2;
	private volatile int mediaLifetime = 86_400;
	private volatile int hangAt;
	public volatile int createAttempts;
	private final Map<String, Map<String, Long>> metrics = new ConcurrentHashMap<>();
	private volatile long followers = 812;
	private volatile MockResponse nextMetricsRead;

	public FakeX() throws IOException {
		server.setDispatcher(this);
		server.start();
		accessTokens.add(ACCESS_TOKEN);
		refreshTokens.add("initial-refresh-token");
	}

	@Override
	public URI baseUrl() {
		return server.url("/").uri();
	}

	@Override
	public void rateLimitNext(int seconds) {
		nextCreate = limited("x-rate-limit-reset", seconds);
	}

	/** The account's 24-hour post limit is spent (x-user-limit-24hour-remaining: 0). */
	public void userLimitNext(int seconds) {
		nextCreate = limited("x-user-limit-24hour-reset", seconds);
	}

	/** The app's 24-hour limit is spent (x-app-limit-24hour-remaining: 0). */
	public void appLimitNext(int seconds) {
		nextCreate = limited("x-app-limit-24hour-reset", seconds);
	}

	@Override
	public void failNextWith(int status) {
		nextCreate = problem(status, status == 503 ? "Service Unavailable" : "Error", status == 503 ? "Service Unavailable"
				: "Something went wrong");
	}

	@Override
	public void hangNext() {
		hangNext = true;
	}

	/** The nth create from now (1 = the next) is stored but answered late. */
	public void hangCreate(int nth) {
		hangAt = createAttempts + nth;
	}

	/** expires_after_secs of new uploads. */
	public FakeX mediaLifetime(int seconds) {
		mediaLifetime = seconds;
		return this;
	}

	public FakeX hangSeconds(int seconds) {
		hangSeconds = seconds;
		return this;
	}

	public FakeX videoPolls(int polls) {
		videoPolls = polls;
		return this;
	}

	/** Every uploaded media id expires now, as X's do after expires_after_secs. */
	public void expireMedia() {
		uploads.values().forEach(u -> u.expiresAt = Instant.now().minusSeconds(1));
	}

	/** A refresh token the fake accepts once (as if issued earlier). */
	public String issueRefreshToken() {
		var token = "rt-" + ids.incrementAndGet();
		refreshTokens.add(token);
		return token;
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
		var method = request.getMethod();
		requests.add(method + " " + path);
		var query = new LinkedHashMap<String, String>();
		request.getUrl().queryParameterNames().forEach(n -> query.put(n, request.getUrl().queryParameter(n)));
		if (method.equals("GET") && path.equals("/i/oauth2/authorize")) {
			return authorize(query);
		}
		if (method.equals("POST") && path.equals("/2/oauth2/token")) {
			return token(request);
		}
		var auth = request.getHeaders().get("Authorization");
		if (auth == null || !auth.startsWith("Bearer ") || !accessTokens.contains(auth.substring(7))) {
			return problem(401, "Unauthorized", "Unauthorized");
		}
		if (method.equals("GET") && nextMetricsRead != null && (path.equals("/2/tweets") || path.equals("/2/users/me"))) {
			var response = nextMetricsRead;
			nextMetricsRead = null;
			return response;
		}
		if (method.equals("GET") && path.equals("/2/tweets")) {
			return lookup(query);
		}
		if (method.equals("GET") && path.equals("/2/users/me") && query.getOrDefault("user.fields", "").contains("public_metrics")) {
			return json(200, "{\"data\":{\"id\":\"" + USER_ID + "\",\"name\":\"Mira\",\"username\":\"mira_sings\","
					+ "\"public_metrics\":{\"followers_count\":" + followers + ",\"following_count\":120,\"tweet_count\":"
					+ posts.size() + ",\"listed_count\":3,\"like_count\":45,\"media_count\":2}}}");
		}
		if (method.equals("GET") && path.equals("/2/users/me")) {
			return json(200, "{\"data\":{\"id\":\"" + USER_ID + "\",\"name\":\"Mira\",\"username\":\"mira_sings\","
					+ "\"profile_image_url\":\"https://pbs.twimg.com/profile_images/1/mira_normal.jpg\"}}");
		}
		if (method.equals("GET") && path.equals("/2/users/" + USER_ID + "/tweets")) {
			return timeline(query);
		}
		if (method.equals("POST") && path.equals("/2/tweets")) {
			return create(request);
		}
		if (method.equals("GET") && path.equals("/2/users/" + USER_ID + "/mentions")) {
			return mentionsTimeline(query);
		}
		if (path.startsWith("/2/media")) {
			return media(method, path, query, request);
		}
		return problem(404, "Not Found Error", "The requested resource could not be found.");
	}

	/**
	 * Post lookup as documented: 1 to 100 ids (else 400 with the parameter's problem); found Posts in {@code data}
	 * with {@code public_metrics} when asked; unknown or deleted ones as resource-not-found entries in
	 * {@code errors} of the same 200 answer.
	 */
	private MockResponse lookup(Map<String, String> q) {
		var ids = List.of(q.getOrDefault("ids", "").split(","));
		if (ids.isEmpty() || ids.size() > 100 || ids.get(0).isEmpty()) {
			return json(400, "{\"errors\":[{\"parameters\":{\"ids\":[\"" + q.getOrDefault("ids", "") + "\"]},\"message\":"
					+ "\"The number of values in the `ids` query parameter list [" + ids.size() + "] is not between 1 and 100\"}],"
					+ "\"title\":\"Invalid Request\",\"detail\":\"One or more parameters to your request was invalid.\","
					+ "\"type\":\"https://api.twitter.com/2/problems/invalid-request\"}");
		}
		var data = new ArrayList<String>();
		var errors = new ArrayList<String>();
		var withMetrics = q.getOrDefault("tweet.fields", "").contains("public_metrics");
		for (var id : ids) {
			var post = posts.stream().filter(p -> p.id().equals(id)).findFirst();
			if (post.isEmpty()) {
				errors.add("{\"value\":\"" + id + "\",\"detail\":\"Could not find tweet with ids: [" + id + "].\","
						+ "\"title\":\"Not Found Error\",\"resource_type\":\"tweet\",\"parameter\":\"ids\",\"resource_id\":\""
						+ id + "\",\"type\":\"https://api.twitter.com/2/problems/resource-not-found\"}");
				continue;
			}
			var m = metrics.getOrDefault(id, Map.of());
			data.add("{\"id\":\"" + id + "\",\"text\":" + JSON.writeValueAsString(post.get().sentText())
					+ ",\"edit_history_tweet_ids\":[\"" + id + "\"]" + (withMetrics ? ",\"public_metrics\":{\"retweet_count\":"
							+ m.getOrDefault("retweet_count", 0L) + ",\"reply_count\":" + m.getOrDefault("reply_count", 0L)
							+ ",\"like_count\":" + m.getOrDefault("like_count", 0L) + ",\"quote_count\":"
							+ m.getOrDefault("quote_count", 0L) + ",\"bookmark_count\":" + m.getOrDefault("bookmark_count", 0L)
							+ ",\"impression_count\":" + m.getOrDefault("impression_count", 0L) + "}" : "") + "}");
		}
		return json(200, "{" + (data.isEmpty() ? "" : "\"data\":[" + String.join(",", data) + "]")
				+ (data.isEmpty() || errors.isEmpty() ? "" : ",") + (errors.isEmpty() ? "" : "\"errors\":[" + String.join(",", errors)
						+ "]") + "}");
	}

	/** A Post as if published earlier, with its public metrics. */
	public String seedPost(String text, Map<String, Long> counts) {
		var id = String.valueOf(ids.incrementAndGet());
		posts.add(new Post(id, text, text, Instant.now(), null, List.of()));
		metrics.put(id, Map.copyOf(counts));
		return id;
	}

	public void deletePost(String id) {
		posts.removeIf(p -> p.id().equals(id));
	}

	public FakeX followers(long value) {
		followers = value;
		return this;
	}

	/** The next metrics read gets a 429 with the 15-minute window's reset this many seconds away. */
	public void rateLimitNextMetricsRead(int seconds) {
		nextMetricsRead = limited("x-rate-limit-reset", seconds);
	}

	private MockResponse authorize(Map<String, String> q) {
		if (!CLIENT_ID.equals(q.get("client_id")) || !"S256".equals(q.get("code_challenge_method"))
				|| q.get("code_challenge") == null || !"code".equals(q.get("response_type"))) {
			return new MockResponse.Builder().code(400).body("Something went wrong. You weren't able to give access to the App.").build();
		}
		var code = "code-" + ids.incrementAndGet();
		codes.put(code, new Code(q.get("redirect_uri"), q.get("code_challenge")));
		return new MockResponse.Builder().code(302).setHeader("Location", q.get("redirect_uri") + "?state="
				+ URLEncoder.encode(q.get("state"), StandardCharsets.UTF_8) + "&code=" + code).build();
	}

	private MockResponse token(RecordedRequest request) {
		var basic = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
		if (!basic.equals(request.getHeaders().get("Authorization"))) {
			return json(401, "{\"error\":\"unauthorized_client\",\"error_description\":\"Missing valid authorization header\"}");
		}
		var form = form(request.getBody() == null ? "" : request.getBody().utf8());
		if ("authorization_code".equals(form.get("grant_type"))) {
			var code = codes.remove(String.valueOf(form.get("code")));
			if (code == null || !code.redirectUri().equals(form.get("redirect_uri"))
					|| !code.challenge().equals(s256(form.get("code_verifier")))) {
				return json(400, "{\"error\":\"invalid_request\",\"error_description\":\"Value passed for the authorization code was invalid.\"}");
			}
			return tokens();
		}
		if ("refresh_token".equals(form.get("grant_type"))) {
			if (!refreshTokens.remove(String.valueOf(form.get("refresh_token")))) {
				return json(400, "{\"error\":\"invalid_request\",\"error_description\":\"Value passed for the token was invalid.\"}");
			}
			return tokens();
		}
		return json(400, "{\"error\":\"unsupported_grant_type\",\"error_description\":\"Invalid grant_type\"}");
	}

	private MockResponse tokens() {
		var access = "at-" + ids.incrementAndGet();
		var refresh = "rt-" + ids.incrementAndGet();
		accessTokens.add(access);
		refreshTokens.add(refresh);
		return json(200, "{\"token_type\":\"bearer\",\"expires_in\":7200,\"access_token\":\"" + access
				+ "\",\"scope\":\"tweet.read tweet.write users.read media.write offline.access\",\"refresh_token\":\"" + refresh + "\"}");
	}

	private MockResponse create(RecordedRequest request) {
		createAttempts++;
		var preset = nextCreate;
		if (preset != null) {
			nextCreate = null;
			return preset;
		}
		JsonNode body = JSON.readTree(request.getBody().utf8());
		var text = body.path("text").asString("");
		var mediaIds = new ArrayList<String>();
		body.path("media").path("media_ids").forEach(n -> mediaIds.add(n.asString()));
		for (var id : mediaIds) {
			var upload = uploads.get(id);
			if (upload == null || upload.expiresAt.isBefore(Instant.now()) || !upload.finalized || upload.pollsLeft > 0) {
				return json(400, "{\"errors\":[{\"parameters\":{\"media.media_ids\":[\"" + id + "\"]},\"message\":\"Your media IDs are "
						+ "invalid.\"}],\"title\":\"Invalid Request\",\"detail\":\"One or more parameters to your request was invalid.\","
						+ "\"type\":\"https://api.twitter.com/2/problems/invalid-request\"}");
			}
		}
		var replyTo = body.path("reply").path("in_reply_to_tweet_id").asString(null);
		if (replyTo != null && posts.stream().noneMatch(p -> p.id().equals(replyTo))
				&& mentions.stream().noneMatch(m -> m.id().equals(replyTo))) {
			return json(400, "{\"errors\":[{\"message\":\"The post you are replying to was not found.\"}],\"title\":\"Invalid Request\","
					+ "\"detail\":\"One or more parameters to your request was invalid.\",\"type\":\"https://api.twitter.com/2/problems/invalid-request\"}");
		}
		if (text.isBlank() && mediaIds.isEmpty()) {
			return json(400, "{\"errors\":[{\"message\":\"Post text is empty.\"}],\"title\":\"Invalid Request\","
					+ "\"detail\":\"One or more parameters to your request was invalid.\",\"type\":\"https://api.twitter.com/2/problems/invalid-request\"}");
		}
		if (!text.isBlank() && posts.stream().anyMatch(p -> p.sentText().equals(text))) {
			return problem(403, "Forbidden", "You are not allowed to create a Tweet with duplicate content.");
		}
		var id = String.valueOf(ids.incrementAndGet());
		var shown = URL.matcher(text).replaceAll(m -> "https://t.co/" + Long.toString(ids.incrementAndGet(), 36))
			.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
				+ (mediaIds.isEmpty() ? "" : " https://t.co/" + Long.toString(ids.incrementAndGet(), 36));
		posts.add(new Post(id, shown, text, Instant.now(), replyTo, List.copyOf(mediaIds)));
		var response = json(201, "{\"data\":{\"id\":\"" + id + "\",\"text\":" + JSON.writeValueAsString(shown)
				+ ",\"edit_history_tweet_ids\":[\"" + id + "\"]}}");
		if (hangNext || createAttempts == hangAt) {
			hangNext = false;
			return response.newBuilder().headersDelay(hangSeconds, TimeUnit.SECONDS).build();
		}
		return response;
	}

	private MockResponse timeline(Map<String, String> q) {
		var since = q.containsKey("start_time") ? Instant.parse(q.get("start_time")) : Instant.EPOCH;
		var max = Integer.parseInt(q.getOrDefault("max_results", "10"));
		if (max < 5 || max > 100) {
			return json(400, "{\"errors\":[{\"parameters\":{\"max_results\":[\"" + max + "\"]},\"message\":\"The `max_results` "
					+ "query parameter value [" + max + "] is not between 5 and 100\"}],\"title\":\"Invalid Request\",\"detail\":"
					+ "\"One or more parameters to your request was invalid.\",\"type\":\"https://api.twitter.com/2/problems/invalid-request\"}");
		}
		var data = JSON.createArrayNode();
		var list = new ArrayList<>(posts);
		java.util.Collections.reverse(list);
		for (var p : list) {
			if (!p.createdAt().isBefore(since) && data.size() < max) {
				var node = data.addObject().put("id", p.id()).put("text", p.text())
					.put("created_at", p.createdAt().truncatedTo(ChronoUnit.MILLIS).toString());
				node.putArray("edit_history_tweet_ids").add(p.id());
			}
		}
		var root = JSON.createObjectNode();
		if (!data.isEmpty()) {
			root.set("data", data);
		}
		root.putObject("meta").put("result_count", data.size());
		return json(200, root.toString());
	}

	private MockResponse media(String method, String path, Map<String, String> q, RecordedRequest request) {
		if (method.equals("GET") && path.equals("/2/media/upload") && "STATUS".equals(q.get("command"))) {
			var upload = uploads.get(q.get("media_id"));
			if (upload == null) {
				return problem(400, "Invalid Request", "One or more parameters to your request was invalid.");
			}
			return json(200, mediaData(upload).toString());
		}
		if (method.equals("POST") && path.equals("/2/media/upload")) {
			var parts = multipart(request);
			var media = parts.get("media");
			if (media == null || !"tweet_image".equals(new String(parts.getOrDefault("media_category", new byte[0]), StandardCharsets.UTF_8))) {
				return problem(400, "Invalid Request", "One or more parameters to your request was invalid.");
			}
			var upload = new Upload(String.valueOf(ids.incrementAndGet()), "image", "tweet_image", media.length,
					Instant.now().plusSeconds(mediaLifetime));
			upload.received = media.length;
			upload.finalized = true;
			uploads.put(upload.id, upload);
			return json(200, mediaData(upload).toString());
		}
		if (method.equals("POST") && path.equals("/2/media/upload/initialize")) {
			var body = JSON.readTree(request.getBody().utf8());
			if (!body.hasNonNull("media_type") || !body.has("total_bytes") || !body.hasNonNull("media_category")) {
				return problem(400, "Invalid Request", "One or more parameters to your request was invalid.");
			}
			var upload = new Upload(String.valueOf(ids.incrementAndGet()), body.path("media_type").asString(),
					body.path("media_category").asString(), body.path("total_bytes").asLong(), Instant.now().plusSeconds(mediaLifetime));
			uploads.put(upload.id, upload);
			return json(200, "{\"data\":{\"id\":\"" + upload.id + "\",\"media_key\":\"7_" + upload.id + "\",\"expires_after_secs\":" + mediaLifetime + "}}");
		}
		var matcher = Pattern.compile("/2/media/upload/(\\d+)/(append|finalize)").matcher(path);
		if (method.equals("POST") && matcher.matches()) {
			var upload = uploads.get(matcher.group(1));
			if (upload == null) {
				return problem(400, "Invalid Request", "One or more parameters to your request was invalid.");
			}
			if (matcher.group(2).equals("append")) {
				var parts = multipart(request);
				var segment = Integer.parseInt(new String(parts.get("segment_index"), StandardCharsets.UTF_8));
				if (segment != upload.segments.size()) {
					return problem(400, "Invalid Request", "Segment index out of order.");
				}
				upload.segments.add(segment);
				upload.received += parts.get("media").length;
				upload.bytes.writeBytes(parts.get("media"));
				return json(200, "{\"data\":{\"expires_at\":" + upload.expiresAt.getEpochSecond() + "}}");
			}
			if (upload.received != upload.totalBytes) {
				return problem(400, "Invalid Request", "File size mismatch: received " + upload.received + " of " + upload.totalBytes);
			}
			upload.finalized = true;
			upload.pollsLeft = upload.mediaType.startsWith("video/") ? videoPolls : 0;
			return json(200, mediaData(upload).toString());
		}
		if (method.equals("POST") && path.equals("/2/media/metadata")) {
			var body = JSON.readTree(request.getBody().utf8());
			var upload = uploads.get(body.path("id").asString());
			if (upload == null) {
				return problem(400, "Invalid Request", "One or more parameters to your request was invalid.");
			}
			upload.altText = body.path("metadata").path("alt_text").path("text").asString();
			return json(200, "{\"data\":{\"associated_metadata\":{\"alt_text\":{\"text\":" + JSON.writeValueAsString(upload.altText)
					+ "}},\"id\":\"" + upload.id + "\"}}");
		}
		return problem(404, "Not Found Error", "The requested resource could not be found.");
	}

	/** The media object X returns from upload, finalize and STATUS; processing advances one step per STATUS read. */
	private ObjectNode mediaData(Upload upload) {
		var root = JSON.createObjectNode();
		var data = root.putObject("data").put("id", upload.id).put("media_key", "7_" + upload.id).put("size", upload.received)
			.put("expires_after_secs", Math.max(0, upload.expiresAt.getEpochSecond() - Instant.now().getEpochSecond()));
		if (upload.mediaType.startsWith("video/") && upload.finalized) {
			var info = data.putObject("processing_info");
			if (upload.pollsLeft > 0) {
				info.put("state", upload.pollsLeft == videoPolls ? "pending" : "in_progress").put("check_after_secs", 1)
					.put("progress_percent", 100 - 100 * upload.pollsLeft / Math.max(1, videoPolls));
				upload.pollsLeft--;
			}
			else {
				info.put("state", "succeeded").put("progress_percent", 100);
			}
		}
		return root;
	}

	private MockResponse limited(String resetHeader, int seconds) {
		var reset = String.valueOf(Instant.now().plusSeconds(seconds).getEpochSecond());
		var builder = new MockResponse.Builder().code(429).setHeader("Content-Type", "application/json; charset=utf-8")
			.setHeader("x-rate-limit-limit", "200").setHeader("x-rate-limit-remaining", resetHeader.startsWith("x-rate") ? "0" : "150")
			.setHeader("x-rate-limit-reset", resetHeader.startsWith("x-rate") ? reset
					: String.valueOf(Instant.now().plusSeconds(5).getEpochSecond()))
			.body("{\"title\":\"Too Many Requests\",\"detail\":\"Too Many Requests\",\"type\":\"about:blank\",\"status\":429}");
		if (resetHeader.startsWith("x-user")) {
			builder.setHeader("x-user-limit-24hour-limit", "100").setHeader("x-user-limit-24hour-remaining", "0")
				.setHeader("x-user-limit-24hour-reset", reset);
		}
		if (resetHeader.startsWith("x-app")) {
			builder.setHeader("x-app-limit-24hour-limit", "1667").setHeader("x-app-limit-24hour-remaining", "0")
				.setHeader("x-app-limit-24hour-reset", reset);
		}
		return builder.build();
	}

	private static MockResponse problem(int status, String title, String detail) {
		return json(status, "{\"title\":\"" + title + "\",\"detail\":\"" + detail + "\",\"type\":\"about:blank\",\"status\":" + status + "}");
	}

	private static MockResponse json(int status, String body) {
		return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json; charset=utf-8")
			.setHeader("x-rate-limit-limit", "200").setHeader("x-rate-limit-remaining", "199")
			.setHeader("x-rate-limit-reset", String.valueOf(Instant.now().plusSeconds(900).getEpochSecond())).body(body).build();
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

	/** The named parts of a multipart/form-data body (RFC 7578), as bytes. */
	static Map<String, byte[]> multipart(RecordedRequest request) {
		var type = String.valueOf(request.getHeaders().get("Content-Type"));
		var boundary = ("--" + type.replaceAll(".*boundary=", "")).getBytes(StandardCharsets.ISO_8859_1);
		var body = request.getBody() == null ? ByteString.EMPTY : request.getBody();
		var bytes = body.toByteArray();
		var parts = new LinkedHashMap<String, byte[]>();
		var text = new String(bytes, StandardCharsets.ISO_8859_1);
		var marker = new String(boundary, StandardCharsets.ISO_8859_1);
		int at = text.indexOf(marker);
		while (at >= 0) {
			int next = text.indexOf("\r\n" + marker, at + marker.length());
			if (next < 0) {
				break;
			}
			var part = text.substring(at + marker.length() + 2, next);
			int split = part.indexOf("\r\n\r\n");
			var head = part.substring(0, split);
			var name = head.replaceAll("(?s).*?; name=\"([^\"]+)\".*", "$1");
			parts.put(name, part.substring(split + 4).getBytes(StandardCharsets.ISO_8859_1));
			at = next + 2;
		}
		return parts;
	}
}
