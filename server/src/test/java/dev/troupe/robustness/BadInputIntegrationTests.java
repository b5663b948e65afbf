package dev.troupe.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import dev.troupe.support.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The standing bad-input suite: walks the live OpenAPI document and sends every operation malformed requests
 * (wrong types, missing and null fields, 1 MB strings, invalid ids, wrong content types and Accept headers,
 * broken multipart, truncated and oversized PNG/JSON cards, ComfyUI workflows of the wrong shape), as the owner
 * and without credentials. Nothing may answer 5xx; every 4xx must be application/problem+json; a 400/422 caused
 * by one field or parameter must name it. The counts are printed (README "Robustness", docs/benchmarks.md).
 */
class BadInputIntegrationTests extends IntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
	private static final String MEGABYTE = "x".repeat(1024 * 1024);
	private static final Set<String> PUBLIC = Set.of("POST /api/v1/auth/token", "POST /api/v1/auth/login",
			"POST /api/v1/setup/owner", "GET /api/v1/setup");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
	private final List<String> failures = new ArrayList<>();
	private final Set<String> operations = new HashSet<>();
	/** Pages a person's browser lands on (the OAuth callback): their errors are pages too, for a person to read. */
	private final Set<String> htmlPages = new HashSet<>();
	private int requests;

	/** Valid ids of real objects, by path parameter and path prefix; filled by {@link #fixtures()}. */
	private final Map<String, String> ids = new LinkedHashMap<>();

	@Test
	void everyOperationAnswersMalformedRequestsWithAProblemNamingTheField() throws Exception {
		long started = System.nanoTime();
		fixtures();
		var docs = JSON.readTree(anonymous.get("/v3/api-docs").bytes());
		var paths = docs.get("paths");
		for (var path : paths.propertyNames()) {
			var item = paths.get(path);
			for (var method : item.propertyNames()) {
				var op = new Operation(method.toUpperCase(), path, item.get(method));
				if (op.method.equals("GET") && path.endsWith("/events")) {
					// an event stream stays open by design; only its id is probed
					probeIds(op);
					continue;
				}
				operations.add(op.key());
				if (op.node.path("responses").toString().contains("text/html") || path.startsWith("/oauth/callback/")) {
					htmlPages.add(op.key());
				}
				probeIds(op);
				probeQuery(op);
				probeHeaders(op);
				probeJsonBody(op);
				probeMultipart(op);
				probeAccept(op);
				probeAnonymous(op);
			}
			probeWrongMethod(path, item);
		}
		probeUnknownRoutes();
		probeWorkflows();
		var seconds = (System.nanoTime() - started) / 1e9;
		System.out.printf("Bad-input suite: %d requests over %d operations (%d paths) in %.1f s, %d problems%n", requests,
				operations.size(), paths.size(), seconds, failures.size());
		assertThat(failures).as("requests answered wrongly").isEmpty();
		assertThat(operations.size()).as("operations covered").isGreaterThanOrEqualTo(70);
	}

	// ---- fixtures: one real object of each kind, so bodies are checked against existing ids

	private void fixtures() throws IOException {
		var suffix = UUID.randomUUID().toString().substring(0, 8);
		var character = ok(owner.post("/api/v1/characters", Map.of("name", "Bad Input " + suffix, "handle", "bad-" + suffix,
				"voice", Map.of("consent", Map.of("speaker", "Bad Input", "statement", "I agree to my voice being used")))));
		ids.put("characters", character.get("id").asString());
		var channel = ok(owner.post("/api/v1/channels", Map.of("characterId", ids.get("characters"), "platform",
				"fake-social", "name", "bad input", "credentials", Map.of("token", "t"), "settings", Map.of())));
		ids.put("channels", channel.get("id").asString());
		var post = ok(owner.post("/api/v1/posts", Map.of("characterId", ids.get("characters"), "caption", "bad input",
				"channelIds", List.of(ids.get("channels")))));
		ids.put("posts", post.get("id").asString());
		var job = ok(owner.post("/api/v1/generations", Map.of("characterId", ids.get("characters"), "kind", "CAPTION",
				"input", Map.of("idea", "hello", "platforms", List.of("mastodon")))));
		ids.put("generations", job.get("id").asString());
		var backend = ok(owner.post("/api/v1/backends",
				Map.of("id", "bad-" + suffix, "type", "fake", "baseUrl", "http://bad-input:1")));
		ids.put("backends", backend.get("id").asString());
		var user = ok(owner.post("/api/v1/users", Map.of("email", "bad-" + suffix + "@troupe.test", "password",
				"correct horse battery", "displayName", "Bad", "role", "VIEWER")));
		ids.put("users", user.get("id").asString());
		ids.put("signIn", "bad-" + suffix + "@troupe.test");
		var token = ok(owner.post("/api/v1/tokens", Map.of("name", "bad input " + suffix)));
		ids.put("tokens", token.get("id").asString());
		var webhook = ok(owner.post("/api/v1/webhooks", Map.of("url", "http://receiver.invalid/hook", "secret", "a signing secret of 16+", "events",
				List.of("post.published"))));
		ids.put("webhooks", webhook.get("id").asString());
		var avatar = ok(owner.upload("/api/v1/characters/" + ids.get("characters") + "/references", "face.png", png()));
		ids.put("media", avatar.at("/visual/referenceAssetIds/0").asString());
		ids.put("publications", UUID.randomUUID().toString());
		ids.put("notifications", "1");
		ids.put("templates", "bad-" + suffix);
		ids.put("feeds", "bad-" + suffix);
	}

	private static JsonNode ok(dev.troupe.support.Api.Response response) {
		assertThat(response.status()).as(response.toString()).isBetween(200, 299);
		return response.json();
	}

	// ---- path parameters: non-UUID, unknown UUID, negative and overflowing numbers, injection

	private void probeIds(Operation op) {
		for (var param : op.params("path")) {
			var uuid = "uuid".equals(param.at("/schema/format").asString(""));
			var integer = "integer".equals(param.at("/schema/type").asString(""));
			var values = new ArrayList<>(List.of("not-a-uuid", UUID.randomUUID().toString(), "-1",
					"99999999999999999999999", "1'%20OR%20'1'='1", "%E2%98%83"));
			if (!uuid && !integer) {
				values.add("x".repeat(2000));
			}
			for (var value : values) {
				var path = op.path(this::validId, Map.of(param.get("name").asString(), value));
				send(op.describe("path " + param.get("name").asString() + "=" + abbreviate(value)), op.method, path,
						op.jsonBaseline(ids).map(JsonNode::toString).orElse(null), op.jsonBaseline(ids).isPresent()
								? "application/json" : null, null, param.get("name").asString(), true);
			}
		}
	}

	// ---- query parameters of the wrong type or out of range, and missing required ones

	private void probeQuery(Operation op) {
		var path = op.path(this::validId, Map.of());
		for (var param : op.params("query")) {
			var name = param.get("name").asString();
			for (var value : List.of("not-a-uuid", "-1", "99999999999999999999999", "maybe", "2026-13-45T99:99",
					"x".repeat(3000), "%00")) {
				send(op.describe("query " + name + "=" + abbreviate(value)), op.method,
						path + "?" + name + "=" + value + requiredQuery(op, name), (byte[]) null, null, null, name, true);
			}
		}
		if (op.params("query").stream().anyMatch(p -> p.path("required").asBoolean(false))) {
			send(op.describe("required query parameters missing"), op.method, path, (byte[]) null, null, null, null, true);
		}
	}

	/** Valid values of the other required query parameters, so the probed one is the only one at fault. */
	private String requiredQuery(Operation op, String except) {
		var query = new StringBuilder();
		for (var param : op.params("query")) {
			var name = param.get("name").asString();
			if (!name.equals(except) && param.path("required").asBoolean(false)) {
				var value = name.equals("postId") ? ids.get("posts") : name.equals("from") ? "2026-01-01T00:00:00Z"
						: name.equals("to") ? "2026-02-01T00:00:00Z" : "x";
				query.append('&').append(name).append('=').append(value);
			}
		}
		return query.toString();
	}

	private void probeHeaders(Operation op) {
		for (var param : op.params("header")) {
			var name = param.get("name").asString();
			for (var value : List.of("not-a-version", "\"-1\"", "W/\"abc\"", "x".repeat(4000))) {
				var body = op.jsonBaseline(ids).map(JsonNode::toString).orElse(null);
				send(op.describe("header " + name + "=" + abbreviate(value)), op.method, op.path(this::validId, Map.of()),
						body, body == null ? null : "application/json", Map.of(name, value), name, true);
			}
		}
	}

	// ---- JSON bodies: broken documents, wrong content types, and every field null, missing, mistyped or 1 MB

	private void probeJsonBody(Operation op) {
		var content = op.node.at("/requestBody/content");
		if (!content.has("application/json")) {
			return;
		}
		var path = op.path(this::validId, Map.of());
		for (var broken : List.of("", "null", "{", "{\"a\":", "[]", "\"text\"", "42", "{\"a\":1}garbage", "\u0000\u0001",
				"[".repeat(5000) + "]".repeat(5000), "{\"a\":" + "{\"a\":".repeat(3000) + "1" + "}".repeat(3001))) {
			send(op.describe("body " + abbreviate(broken)), op.method, path, broken, "application/json", null, "body", true);
		}
		var baseline = op.jsonBaseline(ids).orElse(null);
		var text = baseline == null ? "{}" : baseline.toString();
		for (var type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
				"multipart/form-data; boundary=x", "application/json; charset=klingon")) {
			send(op.describe("content type " + type), op.method, path, text, type, null, null, true);
		}
		send(op.describe("no content type"), op.method, path, text, null, null, null, true);
		if (!(baseline instanceof ObjectNode object)) {
			return;
		}
		for (var field : fields(object, "")) {
			for (var mutation : mutations(field.value())) {
				var copy = object.deepCopy();
				set(copy, field.path(), mutation.value());
				send(op.describe(field.path() + " " + mutation.name()), op.method, path, copy.toString(),
						"application/json", null, field.path(), true);
			}
		}
	}

	private record Field(String path, JsonNode value) {
	}

	private record Mutation(String name, JsonNode value) {
	}

	/** Top-level fields and one level of nested object fields, e.g. {@code visual.seed}. */
	private static List<Field> fields(ObjectNode object, String prefix) {
		var result = new ArrayList<Field>();
		for (var name : object.propertyNames()) {
			var value = object.get(name);
			result.add(new Field(prefix + name, value));
			if (value instanceof ObjectNode nested && prefix.isEmpty()) {
				result.addAll(fields(nested, name + "."));
			}
		}
		return result;
	}

	private static List<Mutation> mutations(JsonNode value) {
		var result = new ArrayList<Mutation>();
		result.add(new Mutation("null", NODES.nullNode()));
		result.add(new Mutation("missing", null));
		result.add(new Mutation("1 MB string", NODES.stringNode(MEGABYTE)));
		if (value.isString()) {
			result.add(new Mutation("object instead of text", NODES.objectNode().put("a", 1)));
			result.add(new Mutation("array instead of text", NODES.arrayNode().add(1)));
			result.add(new Mutation("empty", NODES.stringNode("")));
			result.add(new Mutation("control characters", NODES.stringNode("\u0000\u0007\u001b[31m")));
		}
		else if (value.isNumber()) {
			result.add(new Mutation("text instead of number", NODES.stringNode("abc")));
			result.add(new Mutation("negative", NODES.numberNode(-1)));
			result.add(new Mutation("huge", NODES.numberNode(new java.math.BigInteger("9".repeat(40)))));
			result.add(new Mutation("fraction", NODES.numberNode(0.5)));
		}
		else if (value.isBoolean()) {
			result.add(new Mutation("text instead of boolean", NODES.stringNode("maybe")));
		}
		else if (value.isArray()) {
			result.add(new Mutation("text instead of array", NODES.stringNode("x")));
			result.add(new Mutation("array of nulls", NODES.arrayNode().addNull()));
			result.add(new Mutation("array of objects", NODES.arrayNode().add(NODES.objectNode().put("a", 1))));
			result.add(new Mutation("array of invalid ids", NODES.arrayNode().add("not-a-uuid").add(UUID.randomUUID().toString())));
		}
		else if (value.isObject()) {
			result.add(new Mutation("text instead of object", NODES.stringNode("x")));
			result.add(new Mutation("array instead of object", NODES.arrayNode()));
		}
		return result;
	}

	private static void set(ObjectNode root, String path, JsonNode value) {
		var parts = path.split("\\.");
		var target = root;
		for (int i = 0; i < parts.length - 1; i++) {
			target = (ObjectNode) target.get(parts[i]);
		}
		if (value == null) {
			target.remove(parts[parts.length - 1]);
		}
		else {
			target.set(parts[parts.length - 1], value);
		}
	}

	// ---- multipart uploads: broken framing, missing part, truncated/oversized/foreign files, bad cards

	private void probeMultipart(Operation op) {
		if (!op.node.at("/requestBody/content").has("multipart/form-data")) {
			return;
		}
		var path = op.path(this::validId, Map.of());
		var png = png();
		var card = "{\"spec\":\"chara_card_v2\",\"spec_version\":\"2.0\",\"data\":{\"name\":\"Bad\",\"description\":\"d\"}}"
			.getBytes(StandardCharsets.UTF_8);
		var files = new LinkedHashMap<String, byte[]>();
		files.put("empty file", new byte[0]);
		files.put("png signature only", java.util.Arrays.copyOf(png, 8));
		files.put("truncated png", java.util.Arrays.copyOf(png, png.length / 2));
		files.put("png without a card", png);
		files.put("png with a broken card chunk", pngWithText("chara", "%%%not base64%%%"));
		files.put("png with a card of the wrong shape", pngWithText("chara",
				java.util.Base64.getEncoder().encodeToString("[1,2,3]".getBytes(StandardCharsets.UTF_8))));
		files.put("png with huge dimensions", pngHeaderOnly(1_000_000, 1_000_000));
		files.put("oversized png", oversized(png));
		files.put("truncated json card", java.util.Arrays.copyOf(card, card.length / 2));
		files.put("json card of the wrong shape", "{\"spec\":\"chara_card_v2\",\"data\":\"x\"}".getBytes(StandardCharsets.UTF_8));
		files.put("json card with a 1 MB name", ("{\"spec\":\"chara_card_v2\",\"data\":{\"name\":\"" + MEGABYTE + "\"}}")
			.getBytes(StandardCharsets.UTF_8));
		files.put("json array", "[]".getBytes(StandardCharsets.UTF_8));
		files.put("oversized json card", oversizedJson());
		files.put("random bytes", randomBytes(4096));
		files.put("html", "<html><body>hello</body></html>".getBytes(StandardCharsets.UTF_8));
		for (var file : files.entrySet()) {
			for (var name : List.of("card.png", "card.json")) {
				var body = multipart("b0undary", "file", name, file.getValue(), true);
				send(op.describe("file " + file.getKey() + " as " + name), op.method, path, body,
						"multipart/form-data; boundary=b0undary", null, "file", true);
			}
		}
		var good = multipart("b0undary", "file", "card.png", png, true);
		send(op.describe("no file part"), op.method, path, multipart("b0undary", "other", "x.png", png, true),
				"multipart/form-data; boundary=b0undary", null, "file", true);
		send(op.describe("unterminated multipart"), op.method, path, multipart("b0undary", "file", "x.png", png, false),
				"multipart/form-data; boundary=b0undary", null, "file", true);
		send(op.describe("multipart without boundary"), op.method, path, good, "multipart/form-data", null, "file", true);
		send(op.describe("multipart with another boundary"), op.method, path, good,
				"multipart/form-data; boundary=elsewhere", null, "file", true);
		send(op.describe("multipart that is JSON"), op.method, path, "{}".getBytes(StandardCharsets.UTF_8),
				"multipart/form-data; boundary=b0undary", null, "file", true);
		send(op.describe("multipart as JSON"), op.method, path, good, "application/json", null, "file", true);
		send(op.describe("multipart as octet-stream"), op.method, path, png, "application/octet-stream", null, "file", true);
		send(op.describe("no body"), op.method, path, new byte[0], null, null, "file", true);
	}

	private void probeWorkflows() {
		var path = "/api/v1/comfyui/templates";
		var shapes = new LinkedHashMap<String, String>();
		shapes.put("workflow array", "{\"name\":\"w1\",\"modality\":\"IMAGE\",\"bindings\":{},\"workflow\":[1,2]}");
		shapes.put("node is text", "{\"name\":\"w2\",\"modality\":\"IMAGE\",\"bindings\":{},\"workflow\":{\"1\":\"x\"}}");
		shapes.put("class_type is a number", "{\"name\":\"w3\",\"modality\":\"IMAGE\",\"bindings\":{},"
				+ "\"workflow\":{\"1\":{\"class_type\":5,\"inputs\":{}}}}");
		shapes.put("inputs is text", "{\"name\":\"w4\",\"modality\":\"IMAGE\",\"bindings\":{},"
				+ "\"workflow\":{\"1\":{\"class_type\":\"KSampler\",\"inputs\":\"x\"}}}");
		shapes.put("link to a missing node", "{\"name\":\"w5\",\"modality\":\"IMAGE\",\"bindings\":{},"
				+ "\"workflow\":{\"1\":{\"class_type\":\"KSampler\",\"inputs\":{\"model\":[\"9\",0]}}}}");
		shapes.put("UI format", "{\"name\":\"w6\",\"modality\":\"IMAGE\",\"bindings\":{},\"workflow\":{\"nodes\":[],\"links\":[]}}");
		shapes.put("bindings is an array", "{\"name\":\"w7\",\"modality\":\"IMAGE\",\"bindings\":[],\"workflow\":{}}");
		shapes.put("binding is text", "{\"name\":\"w8\",\"modality\":\"IMAGE\",\"bindings\":{\"prompt\":\"x\"},"
				+ "\"workflow\":{\"1\":{\"class_type\":\"CLIPTextEncode\",\"inputs\":{\"text\":\"\"}}}}");
		shapes.put("binding without node", "{\"name\":\"w9\",\"modality\":\"IMAGE\",\"bindings\":{\"prompt\":[{}]},"
				+ "\"workflow\":{\"1\":{\"class_type\":\"CLIPTextEncode\",\"inputs\":{\"text\":\"\"}}}}");
		shapes.put("unknown modality", "{\"name\":\"w10\",\"modality\":\"SMELL\",\"bindings\":{},\"workflow\":{}}");
		shapes.put("name with a path", "{\"name\":\"../../etc/passwd\",\"modality\":\"IMAGE\",\"bindings\":{},\"workflow\":{}}");
		shapes.put("only a workflow", "{\"1\":{\"class_type\":\"KSampler\",\"inputs\":{}}}");
		for (var shape : shapes.entrySet()) {
			send("POST " + path + " workflow " + shape.getKey(), "POST", path, shape.getValue(), "application/json", null,
					null, true);
		}
	}

	// ---- content negotiation, methods, routes, credentials

	private void probeAccept(Operation op) {
		if (!op.method.equals("GET")) {
			return;
		}
		var path = op.path(this::validId, Map.of()) + requiredQuery(op, "").replaceFirst("^&", "?");
		send(op.describe("Accept: application/xml"), "GET", path, (byte[]) null, null, Map.of("Accept", "image/gif"),
				null, true);
	}

	private void probeWrongMethod(String path, JsonNode item) {
		for (var method : List.of("PUT", "PATCH", "DELETE", "POST")) {
			if (!item.has(method.toLowerCase())) {
				send(method + " " + path + " (not allowed)", method, substitute(path, Map.of()), "{}", "application/json",
						null, null, true);
				return;
			}
		}
	}

	private void probeUnknownRoutes() {
		for (var path : List.of("/api/v1/nothing-here", "/api/v2/characters", "/api/v1/characters/" + ids.get("characters")
				+ "/nothing", "/api/v1/posts/" + ids.get("posts") + "/publish-now", "/api/v1/", "/api", "/actuator/nothing",
				"/feeds/", "/api/v1/characters//card", "/error")) {
			send("GET " + path + " (unknown route)", "GET", path, (byte[]) null, null, null, null, true);
			send("POST " + path + " (unknown route)", "POST", path, "{}", "application/json", null, null, true);
		}
		// malformed at the HTTP level: refused by the container or the firewall before any controller
		for (var path : List.of("/api/v1/characters/%zz", "/api/v1/characters/%00", "/api/v1/characters/%2e%2e/users",
				"/api/v1/characters;jsessionid=x", "/api/v1/characters?q=" + "x".repeat(20_000))) {
			raw("GET " + abbreviate(path) + " (malformed URL)", "GET " + path + " HTTP/1.1");
		}
		send("GET /api/v1/characters with a 20 kB header", "GET", "/api/v1/characters", (byte[]) null, null,
				Map.of("X-Junk", "x".repeat(20_000)), null, true);
	}

	private void probeAnonymous(Operation op) {
		var body = op.jsonBaseline(ids).map(JsonNode::toString).orElse(null);
		send(op.describe("without credentials"), op.method, op.path(this::validId, Map.of()) + requiredQuery(op, "")
			.replaceFirst("^&", "?"), body, body == null ? null : "application/json", null, null, false);
		send(op.describe("with a forged token"), op.method, op.path(this::validId, Map.of()), body,
				body == null ? null : "application/json", Map.of("Authorization", "Bearer troupe_forged"), null, false);
	}

	// ---- sending and judging

	/** A request line java.net.http refuses to send (bad escapes): written to the socket as is. */
	private void raw(String what, String requestLine) {
		requests++;
		try (var socket = new java.net.Socket("localhost", port)) {
			socket.setSoTimeout(10_000);
			var out = socket.getOutputStream();
			out.write((requestLine + "\r\nHost: localhost\r\nAuthorization: Bearer " + ownerToken()
					+ "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			var response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
			var headerEnd = response.indexOf("\r\n\r\n");
			var head = headerEnd < 0 ? response : response.substring(0, headerEnd);
			var body = headerEnd < 0 ? "" : response.substring(headerEnd + 4);
			var status = Integer.parseInt(head.substring(9, 12));
			var contentType = head.lines().filter(l -> l.toLowerCase().startsWith("content-type:"))
				.map(l -> l.substring(13).trim()).findFirst().orElse("");
			if (head.toLowerCase().contains("transfer-encoding: chunked")) {
				body = dechunk(body);
			}
			judge(what, status, contentType, body.getBytes(StandardCharsets.ISO_8859_1), null);
		}
		catch (IOException | RuntimeException e) {
			failures.add(what + ": " + e);
		}
	}

	private static String dechunk(String chunked) {
		var out = new StringBuilder();
		var at = 0;
		while (at < chunked.length()) {
			var lineEnd = chunked.indexOf("\r\n", at);
			var size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
			if (size == 0) {
				break;
			}
			out.append(chunked, lineEnd + 2, lineEnd + 2 + size);
			at = lineEnd + 2 + size + 2;
		}
		return out.toString();
	}

	private void send(String what, String method, String path, String body, String contentType,
			Map<String, String> headers, String field, boolean authenticated) {
		send(what, method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), contentType, headers, field,
				authenticated);
	}

	private void send(String what, String method, String path, byte[] body, String contentType,
			Map<String, String> headers, String field, boolean authenticated) {
		var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30))
			.method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body));
		if (contentType != null) {
			builder.header("Content-Type", contentType);
		}
		if (authenticated) {
			builder.header("Authorization", "Bearer " + ownerToken());
		}
		// each request from its own (private) client address, and sign-in probes on their own account: the
		// failed sign-ins this suite makes must not throttle other tests sharing the application (loopback is a
		// trusted proxy, so Troupe takes the address from X-Forwarded-For)
		builder.header("X-Forwarded-For", "10." + (requests >> 16 & 255) + "." + (requests >> 8 & 255) + "."
				+ (requests & 255));
		if (headers != null) {
			headers.forEach(builder::header);
		}
		requests++;
		try {
			var response = http.send(builder.build(), BodyHandlers.ofByteArray());
			judge(what, response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.body(), field);
		}
		catch (IOException e) {
			failures.add(what + ": connection failed: " + e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private void judge(String what, int status, String contentType, byte[] body, String field) {
		var text = new String(body, StandardCharsets.UTF_8);
		if (status >= 500) {
			failures.add(what + ": " + status + " " + abbreviate(text));
			return;
		}
		if (status < 400) {
			return;
		}
		if (contentType.startsWith("text/html") && htmlPages.stream().anyMatch(what::startsWith)) {
			return; // a page for a person, not an API answer
		}
		if (!contentType.startsWith("application/problem+json")) {
			failures.add(what + ": " + status + " as '" + contentType + "' " + abbreviate(text));
			return;
		}
		JsonNode problem;
		try {
			problem = JSON.readTree(body);
		}
		catch (RuntimeException e) {
			failures.add(what + ": " + status + " unreadable problem " + abbreviate(text));
			return;
		}
		if (problem.path("status").asInt() != status || problem.path("title").asString("").isBlank()) {
			failures.add(what + ": " + status + " problem without status or title " + abbreviate(text));
			return;
		}
		if (field != null && (status == 400 || status == 422) && !names(problem, field)) {
			failures.add(what + ": " + status + " does not name '" + field + "': " + abbreviate(text));
		}
	}

	/**
	 * The problem names the field (or a part of it, e.g. {@code visual.seed} for {@code visual}) or parameter. A
	 * broken whole body or file may be reported by any field inside it (the card's {@code data}, the template's
	 * {@code workflow}); a nested field by any field of the same object (a missing workflow node is reported where it
	 * is linked from).
	 */
	private static boolean names(JsonNode problem, String field) {
		var last = field.substring(field.lastIndexOf('.') + 1);
		var top = field.contains(".") ? field.substring(0, field.indexOf('.')) : null;
		for (var error : problem.path("errors")) {
			var named = error.path("field").asString("");
			if (named.isBlank()) {
				continue;
			}
			if (field.equals("body") || field.equals("file") || top != null && named.startsWith(top + ".")) {
				return true;
			}
			if (named.equals(field) || named.startsWith(field + ".") || named.startsWith(field + "[")
					|| field.startsWith(named + ".") || named.equals(last) || named.endsWith("." + last)
					|| named.startsWith(last + "[") || named.equals("body") && field.equals("body")) {
				return true;
			}
		}
		return false;
	}

	private String validId(String prefixAndName) {
		return ids.getOrDefault(prefixAndName, UUID.randomUUID().toString());
	}

	private static String abbreviate(String text) {
		var clean = text.replaceAll("[\\p{Cntrl}]", "?");
		return clean.length() > 160 ? clean.substring(0, 160) + "…(" + clean.length() + ")" : clean;
	}

	private static String substitute(String path, Map<String, String> values) {
		var result = path;
		for (var value : values.entrySet()) {
			result = result.replace("{" + value.getKey() + "}", value.getValue());
		}
		return result.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
	}

	/** One operation of the OpenAPI document. */
	private static final class Operation {

		final String method;
		final String template;
		final JsonNode node;

		Operation(String method, String template, JsonNode node) {
			this.method = method;
			this.template = template;
			this.node = node;
		}

		String key() {
			return method + " " + template;
		}

		String describe(String what) {
			return key() + " " + what;
		}

		List<JsonNode> params(String in) {
			var result = new ArrayList<JsonNode>();
			for (var param : node.path("parameters")) {
				if (in.equals(param.path("in").asString())) {
					result.add(param);
				}
			}
			return result;
		}

		/** The path with valid ids of existing objects, except the overridden parameters (raw, already encoded). */
		String path(Function<String, String> valid, Map<String, String> overrides) {
			var segments = template.split("/");
			var result = new StringBuilder();
			for (int i = 1; i < segments.length; i++) {
				var segment = segments[i];
				result.append('/');
				if (segment.startsWith("{")) {
					var name = segment.substring(1, segment.length() - 1);
					if (overrides.containsKey(name)) {
						result.append(overrides.get(name));
					}
					else {
						var owner = name.equals("assetId") ? "media" : segments[i - 1].equals("comfyui") ? "templates"
								: segments[i - 1].equals("templates") ? "templates" : segments[i - 1];
						result.append(URLEncoder.encode(valid.apply(owner), StandardCharsets.UTF_8));
					}
				}
				else {
					result.append(segment);
				}
			}
			return result.toString();
		}

		/** A valid body for the operation, as a client would send it; empty when it takes none. */
		java.util.Optional<JsonNode> jsonBaseline(Map<String, String> ids) {
			if (!node.at("/requestBody/content").has("application/json")) {
				return java.util.Optional.empty();
			}
			var suffix = UUID.randomUUID().toString().substring(0, 8);
			ObjectNode body = NODES.objectNode();
			switch (key()) {
				case "POST /api/v1/characters" -> body.put("name", "Probe " + suffix).put("handle", "probe-" + suffix)
					.put("bio", "b").put("timeZone", "Europe/Paris").set("visual", NODES.objectNode().put("seed", 7)
						.put("basePrompt", "p").put("seedPolicy", "FIXED").set("loras", NODES.arrayNode()
							.add(NODES.objectNode().put("name", "l").put("weight", 0.5))));
				case "PATCH /api/v1/characters/{id}" -> body.put("bio", "changed").put("timeZone", "Asia/Tokyo")
					.set("visual", NODES.objectNode().put("seed", 8).put("negativePrompt", "n"));
				case "POST /api/v1/posts", "PATCH /api/v1/posts/{id}" -> body.put("characterId", ids.get("characters"))
					.put("caption", "probe " + suffix).set("channelIds", NODES.arrayNode().add(ids.get("channels")));
				case "POST /api/v1/posts/bulk" -> body.put("action", "approve").put("comment", "c")
					.set("ids", NODES.arrayNode().add(ids.get("posts")));
				case "POST /api/v1/posts/{id}/schedule" -> body.put("at", "2099-01-01T00:00:00Z");
				case "POST /api/v1/posts/{id}/approve", "POST /api/v1/posts/{id}/reject" -> body.put("comment", "c");
				case "POST /api/v1/publications/{id}/mark-published" -> body.put("url", "https://example.invalid/p/1");
				case "POST /api/v1/generations" -> body.put("characterId", ids.get("characters")).put("kind", "CAPTION")
					.set("input", NODES.objectNode().put("idea", "p").set("platforms", NODES.arrayNode().add("mastodon")));
				case "POST /api/v1/generations/{id}/again" -> body.put("varySeed", true);
				case "POST /api/v1/backends" -> body.put("id", "probe-" + suffix).put("type", "fake")
					.put("baseUrl", "http://probe:1").put("maxConcurrent", 1).put("enabled", false)
					.set("options", NODES.objectNode().put("model", "m"));
				case "PATCH /api/v1/backends/{id}" -> body.put("baseUrl", "http://probe:2").put("maxConcurrent", 2)
					.put("enabled", false);
				case "POST /api/v1/channels", "PATCH /api/v1/channels/{id}" -> {
					body.put("characterId", ids.get("characters")).put("platform", "fake-social").put("name", "c " + suffix)
						.put("autoApprove", false).set("credentials", NODES.objectNode().put("token", "t"));
					body.set("settings", NODES.objectNode());
					body.set("queueSlots", NODES.arrayNode().add(NODES.objectNode().put("day", "MONDAY").put("time", "09:00")));
				}
				case "POST /api/v1/users" -> body.put("email", "probe-" + suffix + "@troupe.test")
					.put("password", "correct horse battery").put("displayName", "P").put("role", "VIEWER");
				case "PATCH /api/v1/users/{id}" -> body.put("displayName", "Renamed").put("role", "REVIEWER")
					.put("disabled", false);
				case "POST /api/v1/setup/owner" -> body.put("email", "second-owner@troupe.test")
					.put("password", "correct horse battery").put("displayName", "O").put("role", "OWNER");
				case "POST /api/v1/tokens" -> body.put("name", "probe " + suffix);
				case "POST /api/v1/auth/token", "POST /api/v1/auth/login" -> body.put("email", ids.get("signIn"))
					.put("password", "correct horse battery").put("name", "probe");
				case "POST /api/v1/webhooks" -> body.put("url", "http://receiver.invalid/" + suffix).put("secret", "a signing secret of 16+")
					.set("events", NODES.arrayNode().add("post.published"));
				case "POST /api/v1/comfyui/templates" -> {
					return java.util.Optional.of(workflow(ids.get("templates") + "-" + suffix));
				}
				default -> {
				}
			}
			return java.util.Optional.of(body);
		}
	}

	private static JsonNode workflow(String name) {
		try (var in = BadInputIntegrationTests.class.getResourceAsStream("/comfyui/templates/sdxl-txt2img.json")) {
			var template = (ObjectNode) JSON.readTree(in);
			return template.put("name", name).put("description", "probe");
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	// ---- files

	private static byte[] multipart(String boundary, String part, String filename, byte[] content, boolean terminated) {
		var out = new ByteArrayOutputStream();
		out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\"" + filename
				+ "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		out.writeBytes(content);
		if (terminated) {
			out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		}
		return out.toByteArray();
	}

	static byte[] png() {
		var image = new java.awt.image.BufferedImage(64, 64, java.awt.image.BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < 64; y++) {
			for (int x = 0; x < 64; x++) {
				image.setRGB(x, y, (x * 4) << 16 | (y * 4) << 8 | ((x + y) * 2));
			}
		}
		var out = new ByteArrayOutputStream();
		try {
			javax.imageio.ImageIO.write(image, "png", out);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return out.toByteArray();
	}

	/** A PNG with one extra tEXt chunk (keyword, text) before IEND, as SillyTavern writes cards. */
	private static byte[] pngWithText(String keyword, String text) {
		var png = png();
		var data = new ByteArrayOutputStream();
		data.writeBytes(keyword.getBytes(StandardCharsets.ISO_8859_1));
		data.write(0);
		data.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
		var out = new ByteArrayOutputStream();
		out.write(png, 0, png.length - 12);
		chunk(out, "tEXt", data.toByteArray());
		out.write(png, png.length - 12, 12);
		return out.toByteArray();
	}

	/** A PNG whose header claims enormous dimensions (a decompression bomb's calling card) and has no pixels. */
	private static byte[] pngHeaderOnly(int width, int height) {
		var out = new ByteArrayOutputStream();
		out.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' });
		var header = java.nio.ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
			.put((byte) 0).put((byte) 0).put((byte) 0).array();
		chunk(out, "IHDR", header);
		chunk(out, "IEND", new byte[0]);
		return out.toByteArray();
	}

	private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
		var crc = new java.util.zip.CRC32();
		crc.update(type.getBytes(StandardCharsets.ISO_8859_1));
		crc.update(data);
		out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
		out.writeBytes(type.getBytes(StandardCharsets.ISO_8859_1));
		out.writeBytes(data);
		out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
	}

	/** Larger than the test's 2 MB upload limit. */
	private static byte[] oversized(byte[] png) {
		var out = new ByteArrayOutputStream();
		out.writeBytes(png);
		out.writeBytes(randomBytes(3 * 1024 * 1024));
		return out.toByteArray();
	}

	/** A well-formed JSON card larger than the test's 2 MB upload limit. */
	private static byte[] oversizedJson() {
		return ("{\"spec\":\"chara_card_v2\",\"data\":{\"name\":\"Big\",\"description\":\"" + "y".repeat(3 * 1024 * 1024)
				+ "\"}}").getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] randomBytes(int size) {
		var bytes = new byte[size];
		new java.util.Random(7).nextBytes(bytes);
		return bytes;
	}

	@SuppressWarnings("unused")
	private static ArrayNode unused() {
		return NODES.arrayNode();
	}
}
