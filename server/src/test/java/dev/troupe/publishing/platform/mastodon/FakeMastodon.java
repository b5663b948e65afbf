package dev.troupe.publishing.platform.mastodon;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.troupe.publishing.spi.FaultSwitch;
import dev.troupe.publishing.spi.PlatformFake;
import dev.troupe.publishing.spi.RecordedForm;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A Mastodon instance as the REST API documents it (docs.joinmastodon.org, mastodon/mastodon
 * {@code post_status_service.rb}): statuses are kept; an Idempotency-Key seen before returns the status it created
 * (the body is not compared) and is stored only once a status exists; media answers 202 and is ready only after a
 * few polls when {@link #slowMedia} is set; errors carry Mastodon's {@code {"error": …}} bodies, 5xx from the proxy
 * is an nginx HTML page. The key check and the store are not atomic (as before Mastodon's Redis lock): a repeat that
 * arrives while the first create still runs creates a second status.
 */
public class FakeMastodon extends Dispatcher implements PlatformFake {

	public static final String TOKEN = "valid-token";
	static final String EXPIRED_TOKEN = "expired-token";

	record Status(String id, String text, List<String> mediaIds, String visibility, String language) {
	}

	record Media(String id, String description, String contentType, int[] pollsUntilReady) {
	}

	private final MockWebServer server = new MockWebServer();
	private final List<Status> statuses = new CopyOnWriteArrayList<>();
	private final Map<String, String> idempotency = new LinkedHashMap<>();
	private final Map<String, Media> media = new LinkedHashMap<>();
	private final List<byte[]> uploadedFiles = new CopyOnWriteArrayList<>();
	private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
	private final AtomicLong ids = new AtomicLong(113_000_000_000_000_000L);
	private final FaultSwitch faults = new FaultSwitch();
	private int maxCharacters = 500;
	// counts per status id: favourites, reblogs, replies, quotes (-1: the server has no quote posts, no field)
	private final Map<String, long[]> counts = new LinkedHashMap<>();
	private long followers = 12;
	private MockResponse nextRead;
	private int slowMediaPolls;
	private boolean instanceDown;
	private volatile java.time.Duration slowCreate;
	// OAuth (docs.joinmastodon.org methods/apps, methods/oauth; Doorkeeper's error bodies)
	private final Map<String, App> apps = new LinkedHashMap<>();
	private final Map<String, Grant> codes = new LinkedHashMap<>();
	private final AtomicLong appIds = new AtomicLong(1);
	private boolean denyConsent;

	public record App(String clientId, String clientSecret, String redirectUri, String scopes) {
	}

	record Grant(String clientId, String redirectUri, String challenge) {
	}

	public FakeMastodon() throws IOException {
		server.setDispatcher(this);
		server.start();
	}

	FakeMastodon maxCharacters(int limit) {
		this.maxCharacters = limit;
		return this;
	}

	/** Media upload answers 202; the first {@code polls} GETs answer 206, the next 200. */
	FakeMastodon slowMedia(int polls) {
		this.slowMediaPolls = polls;
		return this;
	}

	/**
	 * Each status creation takes this long on the server before the status (and its Idempotency-Key) exists, as on a
	 * busy instance; the server keeps working when the client gives up. Requests meanwhile are served at once.
	 */
	public FakeMastodon slowCreate(java.time.Duration delay) {
		this.slowCreate = delay;
		return this;
	}

	/** People favourite, boost, reply to and quote a status ({@code quotes} null: a server without quote posts). */
	public synchronized FakeMastodon engage(String statusId, long favourites, long reblogs, long replies, Long quotes) {
		counts.put(statusId, new long[] { favourites, reblogs, replies, quotes == null ? -1 : quotes });
		return this;
	}

	public synchronized FakeMastodon followers(long count) {
		this.followers = count;
		return this;
	}

	/** The ids of the statuses created, in order. */
	public List<String> statusIds() {
		return statuses.stream().map(Status::id).toList();
	}

	/** Answer the next read ({@code GET}) with Mastodon's 429 and its rate-limit headers. */
	public synchronized void rateLimitNextRead(int seconds) {
		nextRead = json(429, "{\"error\":\"Too many requests\"}").newBuilder()
			.setHeader("X-RateLimit-Limit", "300").setHeader("X-RateLimit-Remaining", "0")
			.setHeader("X-RateLimit-Reset", Instant.now().plusSeconds(seconds).toString()).build();
	}

	FakeMastodon instanceDown() {
		this.instanceDown = true;
		return this;
	}

	/** The person clicks "Deny" on the instance's authorization page. */
	public synchronized FakeMastodon denyConsent() {
		this.denyConsent = true;
		return this;
	}

	/** The apps registered through {@code POST /api/v1/apps}. */
	public synchronized List<App> apps() {
		return List.copyOf(apps.values());
	}

	List<Status> statuses() {
		return List.copyOf(statuses);
	}

	/** The files as uploaded, byte for byte, in order. */
	public synchronized List<byte[]> uploadedFiles() {
		return List.copyOf(uploadedFiles);
	}

	synchronized List<Media> media() {
		return List.copyOf(media.values());
	}

	List<RecordedRequest> requests(String method, String path) {
		return requests.stream().filter(r -> r.getMethod().equals(method) && r.getUrl().encodedPath().equals(path))
			.toList();
	}

	@Override
	public URI baseUrl() {
		return server.url("/").uri();
	}

	@Override
	public synchronized void rateLimitNext(int seconds) {
		faults.failNextWith(json(429, "{\"error\":\"Too many requests\"}").newBuilder()
			.setHeader("X-RateLimit-Limit", "300").setHeader("X-RateLimit-Remaining", "0")
			.setHeader("X-RateLimit-Reset", Instant.now().plusSeconds(seconds).toString()).build());
	}

	@Override
	public synchronized void failNextWith(int status) {
		faults.failNextWith(error(status));
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
	public int postsCreated() {
		return statuses.size();
	}

	@Override
	public void close() {
		server.close();
	}

	@Override
	public MockResponse dispatch(RecordedRequest request) {
		var delay = slowCreate;
		if (delay != null && request.getMethod().equals("POST") && request.getUrl().encodedPath().equals("/api/v1/statuses")
				&& ("Bearer " + TOKEN).equals(request.getHeaders().get("Authorization"))) {
			var replay = replayOf(request); // the key is checked when the request arrives…
			if (replay != null) {
				return replay;
			}
			try {
				Thread.sleep(delay.toMillis()); // …then the server works, outside the lock: other requests are served
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			return slowlyCreated(request);
		}
		return handle(request);
	}

	private synchronized MockResponse replayOf(RecordedRequest request) {
		requests.add(request);
		var key = request.getHeaders().get("Idempotency-Key");
		if (key != null && idempotency.containsKey(key)) {
			var original = statuses.stream().filter(s -> s.id().equals(idempotency.get(key))).findFirst().orElseThrow();
			return json(200, status(original));
		}
		return null;
	}

	private synchronized MockResponse slowlyCreated(RecordedRequest request) {
		return create(request, request.getHeaders().get("Idempotency-Key"));
	}

	private synchronized MockResponse handle(RecordedRequest request) {
		requests.add(request);
		var path = request.getUrl().encodedPath();
		if (path.equals("/api/v2/instance")) {
			return instanceDown ? error(503) : json(200, instance());
		}
		switch (request.getMethod() + " " + path) {
			case "POST /api/v1/apps":
				return registerApp(request);
			case "GET /oauth/authorize":
				return authorize(request);
			case "POST /oauth/token":
				return token(request);
			default:
		}
		var auth = request.getHeaders().get("Authorization");
		if (auth == null || !auth.equals("Bearer " + TOKEN)) {
			return json(401, auth != null && auth.equals("Bearer " + EXPIRED_TOKEN)
					? "{\"error\":\"The access token expired\"}" : "{\"error\":\"The access token is invalid\"}");
		}
		if (nextRead != null && request.getMethod().equals("GET")) {
			var limited = nextRead;
			nextRead = null;
			return limited;
		}
		Matcher mediaPath = Pattern.compile("/api/v1/media/(\\w+)").matcher(path);
		Matcher statusPath = Pattern.compile("/api/v1/statuses/(\\w+)").matcher(path);
		if (request.getMethod().equals("GET") && statusPath.matches()) {
			return statuses.stream().filter(st -> st.id().equals(statusPath.group(1))).findFirst()
				.map(st -> json(200, status(st))).orElseGet(() -> json(404, "{\"error\":\"Record not found\"}"));
		}
		return switch (request.getMethod() + " " + path) {
			case "GET /api/v1/accounts/verify_credentials" -> json(200, account());
			case "POST /api/v2/media" -> upload(request);
			case "POST /api/v1/statuses" -> createStatus(request);
			default -> request.getMethod().equals("GET") && mediaPath.matches() ? poll(mediaPath.group(1))
					: json(404, "{\"error\":\"Record not found\"}");
		};
	}

	private MockResponse registerApp(RecordedRequest request) {
		var form = form(request.getBody().utf8());
		var name = first(form, "client_name");
		var redirect = first(form, "redirect_uris");
		if (name == null || name.isBlank()) {
			return json(422, "{\"error\":\"Validation failed: Application name can't be blank\"}");
		}
		if (redirect == null || redirect.isBlank()) {
			return json(422, "{\"error\":\"Validation failed: Redirect URI can't be blank\"}");
		}
		var scopes = first(form, "scopes") == null ? "read" : first(form, "scopes");
		var id = appIds.getAndIncrement();
		var app = new App("client-" + id + "-" + java.util.UUID.randomUUID(), "secret-" + java.util.UUID.randomUUID(), redirect,
				scopes);
		apps.put(app.clientId(), app);
		return json(200, """
				{"id":"%d","name":"%s","website":null,"scopes":[%s],"redirect_uri":"%s","redirect_uris":["%s"],
				 "client_id":"%s","client_secret":"%s","client_secret_expires_at":0,"vapid_key":"BCk-QqERU0q-CfYZjcuB6lnyyOYfJ2AifKqfeGIm7Z-HiTU5T9eTG5GxVA0_OH5mMlI4UkkDTpaZwozy0TzdZ2M="}"""
			.formatted(id, name, String.join(",", java.util.Arrays.stream(scopes.split(" ")).map(x -> "\"" + x + "\"").toList()),
					redirect, redirect, app.clientId(), app.clientSecret()));
	}

	/** The person is signed in and clicks "Authorize" (or "Deny"): the instance redirects to the app's redirect URI. */
	private MockResponse authorize(RecordedRequest request) {
		var url = request.getUrl();
		var app = apps.get(url.queryParameter("client_id"));
		var redirect = url.queryParameter("redirect_uri");
		if (app == null || redirect == null || !redirect.equals(app.redirectUri())) {
			// Doorkeeper shows an error page rather than redirecting to an unverified address
			return new MockResponse.Builder().code(400).setHeader("Content-Type", "text/html; charset=utf-8")
				.body("<html><body><h2>An error has occurred</h2><p>The redirect uri included is not valid.</p></body></html>")
				.build();
		}
		var state = url.queryParameter("state");
		if (denyConsent) {
			return redirect(redirect + "?error=access_denied&error_description="
					+ java.net.URLEncoder.encode("The resource owner or authorization server denied the request.", StandardCharsets.UTF_8)
					+ "&state=" + state);
		}
		var challenge = url.queryParameter("code_challenge");
		if (challenge != null && !"S256".equals(url.queryParameter("code_challenge_method"))) {
			return redirect(redirect + "?error=invalid_request&state=" + state);
		}
		var code = "code-" + java.util.UUID.randomUUID();
		codes.put(code, new Grant(app.clientId(), redirect, challenge));
		return redirect(redirect + "?code=" + code + "&state=" + state);
	}

	private MockResponse token(RecordedRequest request) {
		var form = form(request.getBody().utf8());
		var app = apps.get(first(form, "client_id"));
		if (app == null || !app.clientSecret().equals(first(form, "client_secret"))) {
			return json(401, "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed due to "
					+ "unknown client, no client authentication included, or unsupported authentication method.\"}");
		}
		if (!"authorization_code".equals(first(form, "grant_type"))) {
			return json(400, "{\"error\":\"unsupported_grant_type\",\"error_description\":\"The authorization grant type "
					+ "is not supported by the authorization server.\"}");
		}
		var grant = codes.remove(first(form, "code")); // single use
		var verifier = first(form, "code_verifier");
		if (grant == null || !grant.clientId().equals(app.clientId()) || !grant.redirectUri().equals(first(form, "redirect_uri"))
				|| (grant.challenge() != null && (verifier == null || !grant.challenge().equals(s256(verifier))))) {
			return json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"The provided authorization grant is "
					+ "invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was "
					+ "issued to another client.\"}");
		}
		return json(200, "{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"Bearer\",\"scope\":\"" + app.scopes()
				+ "\",\"created_at\":" + Instant.now().getEpochSecond() + "}");
	}

	private static String s256(String verifier) {
		try {
			return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(java.security.MessageDigest
				.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private static String first(Map<String, List<String>> form, String name) {
		var values = form.get(name);
		return values == null || values.isEmpty() ? null : values.get(0);
	}

	private static MockResponse redirect(String location) {
		return new MockResponse.Builder().code(302).setHeader("Location", location).build();
	}

	private MockResponse createStatus(RecordedRequest request) {
		var failure = faults.takeFailure();
		if (failure != null) {
			return failure;
		}
		var key = request.getHeaders().get("Idempotency-Key");
		if (key != null && idempotency.containsKey(key)) {
			var original = statuses.stream().filter(s -> s.id().equals(idempotency.get(key))).findFirst().orElseThrow();
			return json(200, status(original));
		}
		return create(request, key);
	}

	private MockResponse create(RecordedRequest request, String key) {
		var form = form(request.getBody().utf8());
		var text = form.getOrDefault("status", List.of("")).get(0);
		var mediaIds = form.getOrDefault("media_ids[]", List.of());
		if (text.codePointCount(0, text.length()) > maxCharacters) {
			return json(422, "{\"error\":\"Validation failed: Text character limit of " + maxCharacters + " exceeded\"}");
		}
		if (text.isBlank() && mediaIds.isEmpty()) {
			return json(422, "{\"error\":\"Validation failed: Text can't be blank\"}");
		}
		for (var id : mediaIds) {
			var attached = media.get(id);
			if (attached == null || attached.pollsUntilReady()[0] > 0) {
				return json(422, "{\"error\":\"Validation failed: Media attachments are still being processed\"}");
			}
		}
		var created = new Status(String.valueOf(ids.incrementAndGet()), text, mediaIds,
				form.getOrDefault("visibility", List.of("public")).get(0),
				form.getOrDefault("language", List.of("")).get(0));
		statuses.add(created);
		if (key != null) {
			idempotency.put(key, created.id()); // only once the status exists, as Mastodon does
		}
		var response = json(200, status(created));
		return faults.answer(response);
	}

	private MockResponse upload(RecordedRequest request) {
		var body = request.getBody().string(StandardCharsets.ISO_8859_1);
		var contentType = matchOrNull("name=\"file\"; filename=\"[^\"]*\"\r\nContent-Type: ([^\r\n]+)", body);
		if (contentType == null) {
			return json(422, "{\"error\":\"Validation failed: File can't be blank\"}");
		}
		var description = matchOrNull("name=\"description\"\r\n(?:Content-Type: [^\r\n]+\r\n)?\r\n(.*?)\r\n--", body);
		var descriptionUtf8 = description == null ? null
				: new String(description.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
		var created = new Media(String.valueOf(ids.incrementAndGet()), descriptionUtf8, contentType,
				new int[] { slowMediaPolls });
		media.put(created.id(), created);
		var file = RecordedForm.of("POST", request).files().get("file");
		if (file != null) {
			uploadedFiles.add(file.bytes());
		}
		return slowMediaPolls > 0 ? json(202, attachment(created, false)) : json(200, attachment(created, true));
	}

	private MockResponse poll(String id) {
		var found = media.get(id);
		if (found == null) {
			return json(404, "{\"error\":\"Record not found\"}");
		}
		if (found.pollsUntilReady()[0] > 0) {
			found.pollsUntilReady()[0]--;
			return json(206, attachment(found, false));
		}
		return json(200, attachment(found, true));
	}

	private String instance() {
		return """
				{"domain":"%s","title":"Fake Mastodon","version":"4.4.3","source_url":"https://github.com/mastodon/mastodon",
				 "configuration":{"urls":{"streaming":"wss://%1$s"},
				  "accounts":{"max_featured_tags":10,"max_pinned_statuses":5},
				  "statuses":{"max_characters":%d,"max_media_attachments":4,"characters_reserved_per_url":23},
				  "media_attachments":{"supported_mime_types":["image/jpeg","image/png","image/gif","image/heic","image/heif",
				   "image/webp","image/avif","video/webm","video/mp4","video/quicktime","video/ogg","audio/wave","audio/wav",
				   "audio/x-wav","audio/x-pn-wave","audio/vnd.wave","audio/ogg","audio/vorbis","audio/mpeg","audio/mp3",
				   "audio/webm","audio/flac","audio/aac","audio/m4a","audio/x-m4a","audio/mp4","audio/3gpp","video/x-ms-asf"],
				   "description_limit":1500,"image_size_limit":16777216,"image_matrix_limit":33177600,
				   "video_size_limit":103809024,"video_frame_rate_limit":120,"video_matrix_limit":8294400},
				  "polls":{"max_options":4,"max_characters_per_option":50,"min_expiration":300,"max_expiration":2629746},
				  "translation":{"enabled":false}},
				 "registrations":{"enabled":false,"approval_required":false,"message":null}}"""
			.formatted(server.getHostName(), maxCharacters);
	}

	private String account() {
		return """
				{"id":"109000000000000001","username":"mira","acct":"mira","display_name":"Mira ✨","locked":false,
				 "bot":true,"url":"%s@mira","avatar":"%ssystem/accounts/avatars/mira.png","followers_count":%d,
				 "following_count":3,"statuses_count":%d,
				 "source":{"privacy":"public","sensitive":false,"language":"en","note":""}}"""
			.formatted(baseUrl(), baseUrl(), followers, statuses.size());
	}

	private String status(Status status) {
		var attachments = new ArrayList<String>();
		for (var id : status.mediaIds()) {
			attachments.add(attachment(media.get(id), true));
		}
		return """
				{"id":"%s","created_at":"%s","visibility":"%s","language":%s,"sensitive":false,"spoiler_text":"",
				 "uri":"%susers/mira/statuses/%1$s","url":"%5$s@mira/%1$s","content":"<p>%s</p>",
				 "media_attachments":[%s],"account":%s,%s}"""
			.formatted(status.id(), Instant.now(), status.visibility(),
					status.language().isEmpty() ? "null" : "\"" + status.language() + "\"", baseUrl(),
					status.text().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "<br>"),
					String.join(",", attachments), account(), counts(status.id()));
	}

	private String counts(String id) {
		var c = counts.getOrDefault(id, new long[] { 0, 0, 0, -1 });
		return "\"favourites_count\":" + c[0] + ",\"reblogs_count\":" + c[1] + ",\"replies_count\":" + c[2]
				+ (c[3] < 0 ? "" : ",\"quotes_count\":" + c[3]);
	}

	private String attachment(Media media, boolean ready) {
		var type = media.contentType().startsWith("image/") ? "image" : "video";
		var url = ready ? "\"" + baseUrl() + "system/media_attachments/" + media.id() + "/original\"" : "null";
		return """
				{"id":"%s","type":"%s","url":%s,"preview_url":"%ssystem/media_attachments/%1$s/small","remote_url":null,
				 "description":%s,"blurhash":"UFBWY:8_0Jxv4mx]t8t64.%%Mxu%%M{t7ofWBt7"}"""
			.formatted(media.id(), type, url, baseUrl(),
					media.description() == null ? "null" : "\"" + media.description().replace("\"", "\\\"") + "\"");
	}

	private static MockResponse json(int status, String body) {
		return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json; charset=utf-8")
			.body(body).build();
	}

	private static MockResponse error(int status) {
		return switch (status) {
			case 401 -> json(401, "{\"error\":\"The access token is invalid\"}");
			case 403 -> json(403, "{\"error\":\"This action is not allowed\"}");
			case 404 -> json(404, "{\"error\":\"Record not found\"}");
			case 422 -> json(422, "{\"error\":\"Validation failed: Text character limit of 500 exceeded\"}");
			case 500 -> json(500, "{\"error\":\"Internal server error\"}");
			default -> new MockResponse.Builder().code(status).setHeader("Content-Type", "text/html")
				.body("<html>\r\n<head><title>" + status + " Service Temporarily Unavailable</title></head>\r\n<body>\r\n"
						+ "<center><h1>" + status + " Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx"
						+ "</center>\r\n</body>\r\n</html>\r\n")
				.build();
		};
	}

	private static Map<String, List<String>> form(String body) {
		var form = new LinkedHashMap<String, List<String>>();
		for (var pair : body.split("&")) {
			if (!pair.isEmpty()) {
				var parts = pair.split("=", 2);
				form.computeIfAbsent(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), k -> new ArrayList<>())
					.add(parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
			}
		}
		return form;
	}

	private static String matchOrNull(String regex, String text) {
		var matcher = Pattern.compile(regex, Pattern.DOTALL).matcher(text);
		return matcher.find() ? matcher.group(1) : null;
	}
}
