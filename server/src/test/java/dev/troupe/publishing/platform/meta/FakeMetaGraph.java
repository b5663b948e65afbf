package dev.troupe.publishing.platform.meta;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * A Meta container API as documented, in the dialect of Instagram (Instagram API with Instagram Login: Business
 * Login, access_token and refresh_access_token references, ig-user/media, ig-container, media_publish,
 * content_publishing_limit) or Threads (threads, threads_publish, threads_publishing_limit, th_exchange_token),
 * with the Graph API's error handling, on one server for all hosts: the authorize page redirects back with a code (with
 * Instagram's trailing {@code #_}), codes are single use; containers fetch their media by URL at creation, as
 * Meta does (a link that does not answer is error 9004/2207052); videos stay IN_PROGRESS for a few polls; a
 * container is published at most once; errors are Graph error objects with their codes.
 * <p>
 * The inbox side: Instagram's comments on media ({@code GET /{media}/comments} with {@code replies}), replies to a
 * top-level comment ({@code POST /{comment}/replies}; a reply to a reply lands under its top-level comment, as the
 * ig-comment/replies reference says) and their listing; Threads' {@code GET /{media}/conversation} (flattened, with
 * {@code replied_to}, {@code root_post}, {@code is_reply_owned_by_me}) and containers with {@code reply_to_id}, which
 * count against {@code reply_quota_usage} of 1,000. Without the comment permission (instagram_business_manage_comments,
 * threads_read_replies / threads_manage_replies) these answer Graph error #10.
 */
public class FakeMetaGraph extends Dispatcher implements PlatformFake {

	public static final String CLIENT_ID = "990602627938098";
	public static final String CLIENT_SECRET = "meta-app-secret";
	public static final String USER_ID = "17841400000000001";

	/** How one API names things; see {@link #INSTAGRAM} and {@link #THREADS}. */
	public record Dialect(String version, String createPath, String publishPath, String statusField, String errorField,
			String limitPath, String exchangeGrant, String refreshGrant, String textField, boolean wrappedCodeExchange,
			boolean textPosts, int maxItems) {
	}

	public static final Dialect INSTAGRAM = new Dialect("v25.0", "media", "media_publish", "status_code", "status",
			"content_publishing_limit", "ig_exchange_token", "ig_refresh_token", "caption", true, false, 10);
	public static final Dialect THREADS = new Dialect("v1.0", "threads", "threads_publish", "status", "error_message",
			"threads_publishing_limit", "th_exchange_token", "th_refresh_token", "text", false, true, 20);

	private final Dialect dialect;

	public record Container(String id, String kind, String url, String caption, String altText, List<String> children,
			int[] pollsLeft, boolean[] published) {
	}

	public record Media(String id, String containerId, String caption, String kind, int items) {
	}

	/**
	 * A comment (Instagram) or reply (Threads) under media {@code rootId}; {@code parentId} is the top-level comment
	 * (Instagram) or the post or reply it answers (Threads); {@code own} when the account itself wrote it.
	 */
	public record Comment(String id, String rootId, String parentId, String text, String username, String fromId,
			java.time.Instant createdAt, boolean own) {
	}

	public final List<Comment> comments = new CopyOnWriteArrayList<>();
	private final Map<String, String> containerReplyTo = new ConcurrentHashMap<>();
	private volatile boolean commentPermission = true;
	private volatile int replyQuotaUsage;
	private volatile int replyQuotaTotal = 1000;
	private volatile MockResponse nextRead;
	private volatile MockResponse nextReply;

	private final MockWebServer server = new MockWebServer();
	private final HttpClient fetcher = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
	private final Map<String, String> codes = new ConcurrentHashMap<>();
	private final Set<String> tokens = ConcurrentHashMap.newKeySet();
	private final Map<String, Container> containers = new ConcurrentHashMap<>();
	public final List<Media> media = new CopyOnWriteArrayList<>();
	public final List<String> fetched = new CopyOnWriteArrayList<>();
	public final List<String> requests = new CopyOnWriteArrayList<>();
	private final AtomicLong ids = new AtomicLong(17_900_000_000_000_000L);
	private volatile MockResponse nextPublish;
	private volatile MockResponse nextMetricsRead;
	private final Map<String, Map<String, Long>> stats = new ConcurrentHashMap<>();
	private volatile long followers = 1280;
	private volatile boolean insightsGranted = true;
	private volatile boolean hangNext;
	private volatile int videoPolls;
	private volatile int quotaTotal = 100;
	private volatile int quotaUsage;
	private volatile boolean refuseRefresh;
	private volatile int slowContainers;
	private volatile int hangSeconds = 3;
	final java.util.concurrent.atomic.AtomicInteger statusPolls = new java.util.concurrent.atomic.AtomicInteger();

	public FakeMetaGraph(Dialect dialect) throws IOException {
		this.dialect = dialect;
		server.setDispatcher(this);
		server.start();
		tokens.add(validToken());
	}

	/** The long-lived token a channel of this fake holds. */
	public static String validToken() {
		return "IGAAlongLived" + USER_ID;
	}

	public FakeMetaGraph videoPolls(int polls) {
		videoPolls = polls;
		return this;
	}

	public FakeMetaGraph quota(int used, int total) {
		quotaUsage = used;
		quotaTotal = total;
		return this;
	}

	/** Every new container (images too) stays IN_PROGRESS for this many status reads. */
	public FakeMetaGraph slowContainers(int polls) {
		slowContainers = polls;
		containers.values().forEach(c -> c.pollsLeft()[0] = Math.min(c.pollsLeft()[0], polls));
		return this;
	}

	/** How long a hanging media_publish keeps the answer back (the media exists at once). */
	public FakeMetaGraph hangSeconds(int seconds) {
		hangSeconds = seconds;
		return this;
	}

	public int statusPolls() {
		return statusPolls.get();
	}

	public FakeMetaGraph refuseRefresh(boolean value) {
		refuseRefresh = value;
		return this;
	}

	/** Answer the next media_publish with a Graph error. */
	public FakeMetaGraph failNextPublish(int status, String errorJson) {
		nextPublish = json(status, errorJson);
		return this;
	}

	/** A post of the account that people can comment on (as if published earlier). */
	public String seedMedia(String caption) {
		var id = String.valueOf(ids.incrementAndGet());
		media.add(new Media(id, "seed", caption, dialect == THREADS ? "TEXT" : "IMAGE", 1));
		return id;
	}

	/** Someone else comments on (replies to) {@code parentId}, a media or a comment, at {@code at}. */
	public String comment(String parentId, String username, String text, java.time.Instant at) {
		var id = String.valueOf(ids.incrementAndGet());
		comments.add(newComment(id, parentId, text, username, "1789" + Math.abs(username.hashCode()), at, false));
		return id;
	}

	private Comment newComment(String id, String parentId, String text, String username, String fromId,
			java.time.Instant at, boolean own) {
		var parent = comments.stream().filter(c -> c.id().equals(parentId)).findFirst().orElse(null);
		if (parent == null) {
			return new Comment(id, parentId, dialect == THREADS ? parentId : null, text, username, fromId, at, own);
		}
		// Instagram nests one level: a reply to a reply goes under the top-level comment
		var top = dialect == THREADS || parent.parentId() == null ? parent.id() : parent.parentId();
		return new Comment(id, parent.rootId(), top, text, username, fromId, at, own);
	}

	/** The account's own comments and replies (what Troupe sent). */
	public List<Comment> ownReplies() {
		return comments.stream().filter(Comment::own).toList();
	}

	/** Takes away the comment permission: comment reads and replies answer Graph error #10. */
	public FakeMetaGraph withoutCommentPermission() {
		commentPermission = false;
		return this;
	}

	public FakeMetaGraph replyQuota(int used, int total) {
		replyQuotaUsage = used;
		replyQuotaTotal = total;
		return this;
	}

	/** The next comment read (a comments, replies or conversation list) is throttled as Graph does. */
	public FakeMetaGraph throttleNextRead(int minutes) {
		nextRead = throttled(minutes);
		return this;
	}

	/** The next reply is created, but its answer never arrives in time. */
	public FakeMetaGraph hangNextReply() {
		nextReply = json(200, "{}").newBuilder().headersDelay(hangSeconds, TimeUnit.SECONDS).build();
		return this;
	}

	private MockResponse throttled(int minutes) {
		return json(400, "{\"error\":{\"message\":\"Application request limit reached\",\"type\":\"OAuthException\","
				+ "\"is_transient\":true,\"code\":80002,\"fbtrace_id\":\"AbCdEf\"}}").newBuilder()
			.setHeader("X-Business-Use-Case-Usage", "{\"" + USER_ID + "\":[{\"type\":\"instagram\",\"call_count\":100,"
					+ "\"total_cputime\":12,\"total_time\":20,\"estimated_time_to_regain_access\":" + minutes + "}]}")
			.build();
	}

	private MockResponse inbox(String method, String rest, Map<String, String> params) {
		var slash = rest.lastIndexOf('/');
		var target = rest.substring(0, slash);
		var edge = rest.substring(slash + 1);
		if (!commentPermission) {
			return graphError(400, 10, 0, "(#10) Application does not have permission for this action");
		}
		if (method.equals("GET") && nextRead != null) {
			var answer = nextRead;
			nextRead = null;
			return answer;
		}
		var exists = media.stream().anyMatch(m -> m.id().equals(target)) || comments.stream().anyMatch(c -> c.id().equals(target));
		if (!exists) {
			return graphError(400, 100, 33, "Unsupported get request. Object with ID '" + target + "' does not exist");
		}
		if (dialect == INSTAGRAM && method.equals("GET") && edge.equals("comments")) {
			var data = new ArrayList<String>();
			comments.stream().filter(c -> c.rootId().equals(target) && c.parentId() == null)
				.sorted(java.util.Comparator.comparing(Comment::createdAt).reversed())
				.forEach(c -> data.add(igComment(c, comments.stream().filter(r -> c.id().equals(r.parentId()))
					.sorted(java.util.Comparator.comparing(Comment::createdAt)).map(r -> igComment(r, null)).toList())));
			return json(200, "{\"data\":[" + String.join(",", data) + "]}");
		}
		if (dialect == INSTAGRAM && method.equals("GET") && edge.equals("replies")) {
			var data = comments.stream().filter(c -> target.equals(c.parentId())).map(c -> igComment(c, null)).toList();
			return json(200, "{\"data\":[" + String.join(",", data) + "]}");
		}
		if (dialect == INSTAGRAM && method.equals("POST") && edge.equals("replies")) {
			return igReply(target, params.get("message"));
		}
		if (dialect == THREADS && method.equals("GET") && edge.equals("conversation")) {
			var order = java.util.Comparator.comparing(Comment::createdAt);
			var data = comments.stream().filter(c -> c.rootId().equals(target))
				.sorted("false".equals(params.get("reverse")) ? order : order.reversed()).map(this::threadsReply).toList();
			return json(200, "{\"data\":[" + String.join(",", data) + "]}");
		}
		return graphError(400, 100, 0, "Unsupported " + method + " request.");
	}

	private synchronized MockResponse igReply(String commentId, String message) {
		if (message == null || message.isBlank()) {
			return graphError(400, 100, 0, "(#100) The parameter message is required");
		}
		var target = comments.stream().filter(c -> c.id().equals(commentId)).findFirst();
		if (target.isEmpty()) {
			return graphError(400, 100, 33, "Unsupported post request. Object with ID '" + commentId + "' does not exist");
		}
		var id = String.valueOf(ids.incrementAndGet());
		comments.add(newComment(id, commentId, message, "mira.studio", USER_ID, java.time.Instant.now(), true));
		if (nextReply != null) {
			var hanging = nextReply;
			nextReply = null;
			return hanging.newBuilder().body("{\"id\":\"" + id + "\"}").build();
		}
		return json(200, "{\"id\":\"" + id + "\"}");
	}

	private static String igComment(Comment c, List<String> replies) {
		var json = new StringBuilder("{\"id\":\"").append(c.id()).append("\",\"text\":").append(quote(c.text()))
			.append(",\"timestamp\":\"").append(graphTime(c.createdAt())).append("\",\"username\":\"").append(c.username())
			.append("\",\"from\":{\"id\":\"").append(c.fromId()).append("\",\"username\":\"").append(c.username()).append("\"}");
		if (c.parentId() != null) {
			json.append(",\"parent_id\":\"").append(c.parentId()).append("\"");
		}
		if (replies != null && !replies.isEmpty()) {
			json.append(",\"replies\":{\"data\":[").append(String.join(",", replies)).append("]}");
		}
		return json.append("}").toString();
	}

	private String threadsReply(Comment c) {
		return "{\"id\":\"" + c.id() + "\",\"text\":" + quote(c.text()) + ",\"username\":\"" + c.username()
				+ "\",\"timestamp\":\"" + graphTime(c.createdAt()) + "\",\"permalink\":\"https://www.threads.net/@" + c.username()
				+ "/post/" + c.id() + "\",\"replied_to\":{\"id\":\"" + c.parentId() + "\"},\"root_post\":{\"id\":\"" + c.rootId()
				+ "\"},\"is_reply_owned_by_me\":" + c.own() + "}";
	}

	/** Threads' {@code GET /{user}/replies}: the account's own replies, newest first, with what each answers. */
	private MockResponse ownReplyList() {
		var data = comments.stream().filter(Comment::own)
			.sorted(java.util.Comparator.comparing(Comment::createdAt).reversed()).map(this::threadsReply).toList();
		return json(200, "{\"data\":[" + String.join(",", data) + "],\"paging\":{\"cursors\":{\"before\":\"QVFIUk\","
				+ "\"after\":\"QVFIUl\"}}}");
	}

	static String graphTime(java.time.Instant at) {
		return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ").withZone(java.time.ZoneOffset.UTC).format(at);
	}

	public int containers() {
		return containers.size();
	}

	@Override
	public URI baseUrl() {
		return server.url("/").uri();
	}

	@Override
	public void rateLimitNext(int seconds) {
		var minutes = Math.max(1, (seconds + 59) / 60);
		nextPublish = json(400, "{\"error\":{\"message\":\"Application request limit reached\",\"type\":\"OAuthException\","
				+ "\"is_transient\":true,\"code\":80002,\"fbtrace_id\":\"AbCdEf\"}}").newBuilder()
			.setHeader("X-Business-Use-Case-Usage", "{\"" + USER_ID + "\":[{\"type\":\"instagram\",\"call_count\":100,"
					+ "\"total_cputime\":12,\"total_time\":20,\"estimated_time_to_regain_access\":" + minutes + "}]}")
			.build();
	}

	@Override
	public void failNextWith(int status) {
		nextPublish = json(status, status >= 500
				? "{\"error\":{\"message\":\"An unexpected error has occurred. Please retry your request later.\","
						+ "\"type\":\"OAuthException\",\"is_transient\":true,\"code\":2,\"fbtrace_id\":\"AbCdEf\"}}"
				: "{\"error\":{\"message\":\"Invalid parameter\",\"type\":\"OAuthException\",\"code\":100,\"fbtrace_id\":\"AbCdEf\"}}");
	}

	@Override
	public void hangNext() {
		hangNext = true;
	}

	@Override
	public int postsCreated() {
		return media.size();
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
		if (request.getBody() != null && request.getBody().size() > 0) {
			params.putAll(form(request.getBody().utf8()));
		}
		requests.add(request.getMethod() + " " + path);
		switch (request.getMethod() + " " + path) {
			case "GET /oauth/authorize":
				return authorize(params);
			case "POST /oauth/access_token":
				return exchangeCode(params);
			case "GET /access_token":
				return longLived(params);
			case "GET /refresh_access_token":
				return refresh(params);
			default:
				break;
		}
		if (!path.startsWith("/" + dialect.version() + "/")) {
			return graphError(400, 2500, 0, "Unknown path components: " + path);
		}
		if (!tokens.contains(params.getOrDefault("access_token", ""))) {
			return graphError(400, 190, 463, "Error validating access token: Session has expired or the token is invalid.");
		}
		var rest = path.substring(dialect.version().length() + 2);
		if (request.getMethod().equals("GET") && nextMetricsRead != null) {
			var response = nextMetricsRead;
			nextMetricsRead = null;
			return response;
		}
		if (rest.equals("me") && params.getOrDefault("fields", "").contains("followers_count") && dialect == INSTAGRAM) {
			return json(200, "{\"followers_count\":" + followers + ",\"follows_count\":87,\"media_count\":" + media.size()
					+ ",\"id\":\"" + USER_ID + "\"}");
		}
		if (rest.equals(USER_ID + "/threads_insights") && dialect == THREADS) {
			return threadsUserInsights(params);
		}
		if (rest.endsWith("/insights") && request.getMethod().equals("GET")) {
			return mediaInsights(rest.substring(0, rest.length() - "/insights".length()), params);
		}
		if (rest.equals("me")) {
			return json(200, dialect == THREADS
					? "{\"id\":\"" + USER_ID + "\",\"username\":\"mira.studio\",\"name\":\"Mira Studio\","
							+ "\"threads_profile_picture_url\":\"https://scontent.cdninstagram.com/mira.jpg\"}"
					: "{\"user_id\":\"" + USER_ID + "\",\"username\":\"mira.studio\",\"name\":\"Mira Studio\","
							+ "\"profile_picture_url\":\"https://scontent.cdninstagram.com/mira.jpg\",\"id\":\"2679\"}");
		}
		if (rest.equals(USER_ID + "/" + dialect.limitPath()) && params.getOrDefault("fields", "").contains("reply_")) {
			if (!commentPermission) {
				return graphError(400, 10, 0, "(#10) Application does not have permission for this action");
			}
			return json(200, "{\"data\":[{\"reply_quota_usage\":" + replyQuotaUsage + ",\"reply_config\":{\"quota_total\":"
					+ replyQuotaTotal + ",\"quota_duration\":86400}}]}");
		}
		if (rest.equals(USER_ID + "/" + dialect.limitPath())) {
			return json(200, "{\"data\":[{\"quota_usage\":" + quotaUsage + ",\"config\":{\"quota_total\":" + quotaTotal
					+ ",\"quota_duration\":86400}}]}");
		}
		if (dialect == THREADS && rest.equals(USER_ID + "/replies") && request.getMethod().equals("GET")) {
			return ownReplyList();
		}
		if (rest.equals(USER_ID + "/" + dialect.createPath()) && request.getMethod().equals("POST")) {
			return createContainer(params);
		}
		if (rest.equals(USER_ID + "/" + dialect.createPath())) {
			var data = new ArrayList<String>();
			for (int i = media.size() - 1; i >= 0; i--) {
				var m = media.get(i);
				data.add("{\"id\":\"" + m.id() + "\",\"" + dialect.textField() + "\":" + quote(m.caption()) + ",\"permalink\":\"https://www.instagram.com/p/"
						+ m.id() + "/\"}");
			}
			return json(200, "{\"data\":[" + String.join(",", data) + "]}");
		}
		if (rest.equals(USER_ID + "/" + dialect.publishPath())) {
			return mediaPublish(params);
		}
		if (rest.matches("\\d+/(comments|replies|conversation)")) {
			return inbox(request.getMethod(), rest, params);
		}
		var container = containers.get(rest);
		if (container != null) {
			return status(container);
		}
		var published = media.stream().filter(m -> m.id().equals(rest)).findFirst();
		if (published.isPresent() && dialect == INSTAGRAM && params.getOrDefault("fields", "").contains("like_count")) {
			var counts = stats.getOrDefault(rest, Map.of());
			return json(200, "{\"like_count\":" + counts.getOrDefault("like_count", 0L) + ",\"comments_count\":"
					+ counts.getOrDefault("comments_count", 0L) + ",\"id\":\"" + rest + "\"}");
		}
		if (published.isPresent()) {
			return json(200, "{\"permalink\":\"https://www.instagram.com/p/" + rest + "/\",\"id\":\"" + rest + "\"}");
		}
		return graphError(400, 100, 33, "Unsupported get request. Object with ID '" + rest + "' does not exist");
	}

	/**
	 * Media insights as documented: each requested metric as {@code {name, period: lifetime, values: [{value}]}};
	 * an unknown metric is error 100, a token without the insights permission error 10.
	 */
	private MockResponse mediaInsights(String id, Map<String, String> params) {
		if (media.stream().noneMatch(m -> m.id().equals(id))) {
			return graphError(400, 100, 33, "Unsupported get request. Object with ID '" + id + "' does not exist, cannot be "
					+ "loaded due to missing permissions, or does not support this operation.");
		}
		if (!insightsGranted) {
			return graphError(403, 10, 0, "(#10) Application does not have permission for this action");
		}
		var known = dialect == THREADS ? List.of("views", "likes", "replies", "reposts", "quotes", "shares")
				: List.of("views", "reach", "saved", "shares", "likes", "comments", "total_interactions");
		var data = new ArrayList<String>();
		var counts = stats.getOrDefault(id, Map.of());
		for (var metric : params.getOrDefault("metric", "").split(",")) {
			if (!known.contains(metric)) {
				return graphError(400, 100, 0, "(#100) metric[0] must be one of the following values: " + String.join(", ", known));
			}
			data.add("{\"name\":\"" + metric + "\",\"period\":\"lifetime\",\"values\":[{\"value\":"
					+ counts.getOrDefault(metric, 0L) + "}],\"title\":\"" + metric + "\",\"description\":\"\",\"id\":\""
					+ id + "/insights/" + metric + "/lifetime\"}");
		}
		return json(200, "{\"data\":[" + String.join(",", data) + "]}");
	}

	/** Threads user insights: {@code followers_count} is a total ({@code total_value}), not a daily series. */
	private MockResponse threadsUserInsights(Map<String, String> params) {
		if (!insightsGranted) {
			return graphError(403, 10, 0, "(#10) Application does not have permission for this action");
		}
		if (!"followers_count".equals(params.get("metric"))) {
			return graphError(400, 100, 0, "(#100) Param metric must be one of the documented user metrics");
		}
		return json(200, "{\"data\":[{\"name\":\"followers_count\",\"period\":\"day\",\"title\":\"followers_count\","
				+ "\"description\":\"\",\"total_value\":{\"value\":" + followers + "},\"id\":\"" + USER_ID
				+ "/insights/followers_count/day\"}]}");
	}

	/** The counts a published media reports (its fields and insights metrics by name). */
	public FakeMetaGraph stats(String mediaId, Map<String, Long> values) {
		stats.put(mediaId, Map.copyOf(values));
		return this;
	}

	public FakeMetaGraph followers(long value) {
		followers = value;
		return this;
	}

	/** The person connected before the insights permission was asked for (or declined it). */
	public FakeMetaGraph insightsGranted(boolean value) {
		insightsGranted = value;
		return this;
	}

	/** The media is deleted on the platform. */
	public FakeMetaGraph delete(String mediaId) {
		media.removeIf(m -> m.id().equals(mediaId));
		return this;
	}

	/** The next read is throttled (code 80002 for Instagram, 4 for Threads) with the usage header's wait in minutes. */
	public FakeMetaGraph throttleNextMetricsRead(int minutes) {
		var code = dialect == THREADS ? 4 : 80002;
		nextMetricsRead = json(400, "{\"error\":{\"message\":\"" + (code == 4 ? "(#4) Application request limit reached"
				: "There have been too many calls for this Instagram account.") + "\",\"type\":\"OAuthException\","
				+ "\"is_transient\":true,\"code\":" + code + ",\"fbtrace_id\":\"AbCdEf\"}}").newBuilder()
			.setHeader("X-Business-Use-Case-Usage", "{\"" + USER_ID + "\":[{\"type\":\"" + (code == 4 ? "threads" : "instagram")
					+ "\",\"call_count\":100,\"total_cputime\":12,\"total_time\":20,\"estimated_time_to_regain_access\":"
					+ minutes + "}]}")
			.build();
		return this;
	}

	private MockResponse authorize(Map<String, String> q) {
		if (!CLIENT_ID.equals(q.get("client_id")) || q.get("redirect_uri") == null) {
			return new MockResponse.Builder().code(400).body("Invalid platform app").build();
		}
		var code = "AQ" + UUID.randomUUID().toString().replace("-", "");
		codes.put(code, q.get("redirect_uri"));
		return new MockResponse.Builder().code(302)
			.setHeader("Location", q.get("redirect_uri") + "?code=" + code + "&state=" + enc(q.get("state")) + "#_").build();
	}

	private MockResponse exchangeCode(Map<String, String> f) {
		if (!CLIENT_ID.equals(f.get("client_id")) || !CLIENT_SECRET.equals(f.get("client_secret"))) {
			return json(400, "{\"error_type\":\"OAuthException\",\"code\":400,\"error_message\":\"Invalid platform app\"}");
		}
		var redirect = codes.remove(String.valueOf(f.get("code")));
		if (redirect == null || !redirect.equals(f.get("redirect_uri"))) {
			return json(400, "{\"error_type\":\"OAuthException\",\"code\":400,\"error_message\":\"Invalid authorization code\"}");
		}
		var token = "{\"access_token\":\"IGAAshort" + UUID.randomUUID() + "\",\"user_id\":\"" + USER_ID + "\"";
		return json(200, dialect.wrappedCodeExchange()
				? "{\"data\":[" + token + ",\"permissions\":\"instagram_business_basic,instagram_business_content_publish\"}]}"
				: token + "}");
	}

	private MockResponse longLived(Map<String, String> q) {
		if (!dialect.exchangeGrant().equals(q.get("grant_type")) || !CLIENT_SECRET.equals(q.get("client_secret"))
				|| !String.valueOf(q.get("access_token")).startsWith("IGAAshort")) {
			return graphError(400, 190, 0, "Invalid OAuth access token - Cannot parse access token");
		}
		return json(200, "{\"access_token\":\"" + validToken() + "\",\"token_type\":\"bearer\",\"expires_in\":5183944}");
	}

	private MockResponse refresh(Map<String, String> q) {
		if (refuseRefresh || !dialect.refreshGrant().equals(q.get("grant_type")) || !tokens.contains(q.get("access_token"))) {
			return graphError(400, 190, 0, "Error validating access token: The session has been invalidated because the user "
					+ "changed their password or Facebook has changed the session for security reasons.");
		}
		var fresh = "IGAArefreshed" + UUID.randomUUID();
		tokens.add(fresh);
		return json(200, "{\"access_token\":\"" + fresh + "\",\"token_type\":\"bearer\",\"expires_in\":5183944}");
	}

	private MockResponse createContainer(Map<String, String> f) {
		var id = String.valueOf(ids.incrementAndGet());
		var type = f.getOrDefault("media_type", "IMAGE");
		if (type.equals("CAROUSEL")) {
			var children = List.of(f.getOrDefault("children", "").split(","));
			if (children.size() < 2 || children.size() > dialect.maxItems() || !containers.keySet().containsAll(children)) {
				return graphError(400, 100, 2207043, "The carousel needs 2 to " + dialect.maxItems() + " valid item containers");
			}
			containers.put(id, new Container(id, type, null, f.get(dialect.textField()), null, children, new int[] { 0 },
					new boolean[] { false }));
			return json(200, "{\"id\":\"" + id + "\"}");
		}
		var url = f.containsKey("video_url") ? f.get("video_url") : f.get("image_url");
		if (f.containsKey("reply_to_id")) {
			var to = f.get("reply_to_id");
			if (!commentPermission) {
				return graphError(400, 10, 0, "(#10) Application does not have permission for this action");
			}
			if (media.stream().noneMatch(m -> m.id().equals(to)) && comments.stream().noneMatch(c -> c.id().equals(to))) {
				return graphError(400, 100, 0, "(#100) Param reply_to_id is not a valid Threads media id");
			}
			containerReplyTo.put(id, to);
		}
		if (url == null && dialect.textPosts() && type.equals("TEXT")) {
			containers.put(id, new Container(id, type, null, f.get("text"), null, List.of(), new int[] { slowContainers },
					new boolean[] { false }));
			return json(200, "{\"id\":\"" + id + "\"}");
		}
		if (url == null) {
			return graphError(400, 100, 0, "The parameter image_url is required");
		}
		// Meta downloads the media from the URL now (cURL), which is why it must be public
		var contentType = fetch(url);
		if (contentType == null) {
			return graphError(400, 9004, 2207052, "Media download has failed.: The media could not be fetched from this uri: "
					+ url, "Media download failed", "The media could not be fetched from this URI. Make sure it is public.");
		}
		var video = f.containsKey("video_url");
		if (f.containsKey("cover_url") && !"image/jpeg".equals(fetch(f.get("cover_url")))) {
			return graphError(400, 9004, 2207052, "Media download has failed.: The cover could not be fetched from this uri",
					"Media download failed", "The cover image could not be fetched from this URI.");
		}
		if (!video && !contentType.equals("image/jpeg") && !(dialect == THREADS && contentType.equals("image/png"))) {
			return graphError(400, 9004, 2207083, "Only photo or video can be accepted as media type.",
					"Unsupported format", "The image format is not supported. Only JPEG images can be published.");
		}
		containers.put(id, new Container(id, type, url, f.get(dialect.textField()), f.get("alt_text"), List.of(),
				new int[] { Math.max(slowContainers, video ? videoPolls : 0) }, new boolean[] { false }));
		return json(200, "{\"id\":\"" + id + "\"}");
	}

	private MockResponse status(Container c) {
		statusPolls.incrementAndGet();
		String code;
		if (c.published()[0]) {
			code = "PUBLISHED";
		}
		else if (c.pollsLeft()[0] > 0) {
			c.pollsLeft()[0]--;
			code = "IN_PROGRESS";
		}
		else {
			code = "FINISHED";
		}
		if (dialect == THREADS) {
			return json(200, "{\"status\":\"" + code + "\",\"id\":\"" + c.id() + "\"}");
		}
		return json(200, "{\"status_code\":\"" + code + "\",\"status\":\"" + (code.equals("FINISHED") ? "Finished: Media has been "
				+ "uploaded and it is ready to be published." : code) + "\",\"id\":\"" + c.id() + "\"}");
	}

	private synchronized MockResponse mediaPublish(Map<String, String> f) {
		if (nextPublish != null) {
			var response = nextPublish;
			nextPublish = null;
			return response;
		}
		var c = containers.get(String.valueOf(f.get("creation_id")));
		if (c == null) {
			return graphError(400, 100, 2207003, "Invalid creation_id");
		}
		if (c.published()[0]) {
			return graphError(400, 9007, 2207006, "The media has already been published", "Already published",
					"This container has already been published.");
		}
		if (c.pollsLeft()[0] > 0) {
			return graphError(400, 9007, 2207027, "Media ID is not available", "Media not ready",
					"The media is not ready for publishing, please wait for a moment");
		}
		var replyTo = containerReplyTo.get(c.id());
		if (replyTo != null) {
			if (replyQuotaUsage >= replyQuotaTotal) {
				return graphError(400, 9, 2207042, "Application request limit reached", "Reply limit reached",
						"You reached the maximum number of replies that is allowed to be published.");
			}
			c.published()[0] = true;
			replyQuotaUsage++;
			var id = String.valueOf(ids.incrementAndGet());
			comments.add(newComment(id, replyTo, c.caption() == null ? "" : c.caption(), "mira.studio", USER_ID,
					java.time.Instant.now(), true));
			var answer = json(200, "{\"id\":\"" + id + "\"}");
			if (hangNext) {
				hangNext = false;
				return answer.newBuilder().headersDelay(hangSeconds, TimeUnit.SECONDS).build();
			}
			return answer;
		}
		if (quotaUsage >= quotaTotal) {
			return graphError(400, 9, 2207042, "Application request limit reached", "Publishing limit reached",
					"You reached the maximum number of posts that is allowed to be published by Content Publishing API.");
		}
		c.published()[0] = true;
		quotaUsage++;
		var id = String.valueOf(ids.incrementAndGet());
		media.add(new Media(id, c.id(), c.caption() == null ? "" : c.caption(), c.kind(), Math.max(1, c.children().size())));
		var response = json(200, "{\"id\":\"" + id + "\"}");
		if (hangNext) {
			hangNext = false;
			return response.newBuilder().headersDelay(hangSeconds, TimeUnit.SECONDS).build();
		}
		return response;
	}

	public Container container(String id) {
		return containers.get(id);
	}

	private String fetch(String url) {
		try {
			var response = fetcher.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
					BodyHandlers.ofByteArray());
			if (response.statusCode() != 200 || response.body().length == 0) {
				return null;
			}
			fetched.add(url);
			return response.headers().firstValue("Content-Type").orElse("");
		}
		catch (IOException | RuntimeException e) {
			return null;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	private static MockResponse graphError(int status, int code, int subcode, String message) {
		return graphError(status, code, subcode, message, null, null);
	}

	private static MockResponse graphError(int status, int code, int subcode, String message, String userTitle,
			String userMessage) {
		var body = new StringBuilder("{\"error\":{\"message\":").append(quote(message)).append(",\"type\":\"OAuthException\",")
			.append("\"code\":").append(code);
		if (subcode != 0) {
			body.append(",\"error_subcode\":").append(subcode);
		}
		if (userTitle != null) {
			body.append(",\"is_transient\":false,\"error_user_title\":").append(quote(userTitle))
				.append(",\"error_user_msg\":").append(quote(userMessage));
		}
		body.append(",\"fbtrace_id\":\"A").append(UUID.randomUUID().toString(), 0, 8).append("\"}}");
		return json(status, body.toString());
	}

	private static MockResponse json(int status, String body) {
		return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json; charset=UTF-8")
			.body(body).build();
	}

	private static String quote(String value) {
		return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
	}

	private static String enc(String value) {
		return java.net.URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8);
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
