package dev.troupe.publishing;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * An OAuth 2.0 authorization server and a small account API as RFC 6749 and RFC 7636 describe them: the
 * authorize endpoint redirects back with a code (or {@code error=access_denied}); codes are single use, expire,
 * are bound to the redirect URI and, with PKCE, to the S256 challenge; refresh tokens rotate and the old access
 * token stops working; errors are {@code {"error": "invalid_grant", "error_description": …}} with status 400.
 */
public class FakeOAuthServer extends Dispatcher implements AutoCloseable {

	static final String CLIENT_ID = "fake-client";
	static final String CLIENT_SECRET = "fake-secret-value";

	private record Code(String redirectUri, String challenge, Instant expiresAt) {
	}

	private final MockWebServer server = new MockWebServer();
	private final Map<String, Code> codes = new ConcurrentHashMap<>();
	private final Set<String> accessTokens = ConcurrentHashMap.newKeySet();
	private final Map<String, String> refreshTokens = new ConcurrentHashMap<>(); // refresh → its access token
	final List<String> posts = new CopyOnWriteArrayList<>();
	final List<String> challenges = new CopyOnWriteArrayList<>();
	final AtomicInteger refreshes = new AtomicInteger();
	private volatile boolean deny;
	private volatile boolean codesExpired;
	private volatile boolean refuseRefresh;
	private volatile int expiresIn = 3600;

	public FakeOAuthServer() throws IOException {
		server.setDispatcher(this);
		server.start();
	}

	URI url(String path) {
		return server.url(path).uri();
	}

	FakeOAuthServer deny(boolean value) {
		deny = value;
		return this;
	}

	FakeOAuthServer codesExpired(boolean value) {
		codesExpired = value;
		return this;
	}

	FakeOAuthServer refuseRefresh(boolean value) {
		refuseRefresh = value;
		return this;
	}

	FakeOAuthServer tokenLifetimeSeconds(int seconds) {
		expiresIn = seconds;
		return this;
	}

	@Override
	public void close() {
		server.close();
	}

	@Override
	public MockResponse dispatch(RecordedRequest request) {
		var path = request.getUrl().encodedPath();
		var query = new LinkedHashMap<String, String>();
		request.getUrl().queryParameterNames().forEach(n -> query.put(n, request.getUrl().queryParameter(n)));
		return switch (request.getMethod() + " " + path) {
			case "GET /authorize" -> authorize(query);
			case "POST /token" -> token(form(request.getBody() == null ? "" : request.getBody().utf8()));
			case "GET /me/accounts" -> authorized(query, request) ? json(200, """
					{"data":[{"id":"acct-1","name":"Studio One","username":"studio.one","picture":"https://cdn.example/1.jpg"},
					{"id":"acct-2","name":"Studio Two","username":"studio.two","picture":null}]}""") : invalidToken();
			default -> path.matches("/accounts/[\\w-]+/posts") && request.getMethod().equals("POST") ? post(query, request)
					: json(404, "{\"error\":\"not_found\"}");
		};
	}

	private MockResponse authorize(Map<String, String> q) {
		if (!CLIENT_ID.equals(q.get("client_id")) || q.get("redirect_uri") == null || !"code".equals(q.get("response_type"))) {
			return new MockResponse.Builder().code(400).body("Invalid client or redirect URI").build();
		}
		var back = q.get("redirect_uri") + "?state=" + enc(q.get("state"));
		if (deny) {
			return redirect(back + "&error=access_denied&error_description=" + enc("The user denied the request"));
		}
		var code = UUID.randomUUID().toString();
		if (q.get("code_challenge") != null) {
			challenges.add(q.get("code_challenge"));
		}
		codes.put(code, new Code(q.get("redirect_uri"), "S256".equals(q.get("code_challenge_method")) ? q.get("code_challenge")
				: null, Instant.now().plusSeconds(600)));
		return redirect(back + "&code=" + enc(code));
	}

	private MockResponse token(Map<String, String> f) {
		if (!CLIENT_ID.equals(f.get("client_id")) || !CLIENT_SECRET.equals(f.get("client_secret"))) {
			return json(401, "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}");
		}
		if ("authorization_code".equals(f.get("grant_type"))) {
			var code = codes.remove(String.valueOf(f.get("code")));
			if (code == null) {
				return invalidGrant("The authorization code is invalid or was already used");
			}
			if (codesExpired || Instant.now().isAfter(code.expiresAt())) {
				return invalidGrant("The authorization code has expired");
			}
			if (!code.redirectUri().equals(f.get("redirect_uri"))) {
				return invalidGrant("redirect_uri does not match the authorization request");
			}
			if (code.challenge() != null && (f.get("code_verifier") == null
					|| !code.challenge().equals(s256(f.get("code_verifier"))))) {
				return invalidGrant("PKCE verification failed");
			}
			return tokens();
		}
		if ("refresh_token".equals(f.get("grant_type"))) {
			refreshes.incrementAndGet();
			var old = refreshTokens.remove(String.valueOf(f.get("refresh_token")));
			if (refuseRefresh || old == null) {
				return invalidGrant("The refresh token is invalid or was revoked");
			}
			accessTokens.remove(old);
			return tokens();
		}
		return json(400, "{\"error\":\"unsupported_grant_type\"}");
	}

	private MockResponse tokens() {
		var access = "at-" + UUID.randomUUID();
		var refresh = "rt-" + UUID.randomUUID();
		accessTokens.add(access);
		refreshTokens.put(refresh, access);
		return json(200, "{\"access_token\":\"" + access + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn
				+ ",\"refresh_token\":\"" + refresh + "\"}");
	}

	private MockResponse post(Map<String, String> query, RecordedRequest request) {
		if (!authorized(query, request)) {
			return invalidToken();
		}
		var id = "post-" + (posts.size() + 1);
		posts.add(id);
		return json(200, "{\"id\":\"" + id + "\"}");
	}

	private boolean authorized(Map<String, String> query, RecordedRequest request) {
		var header = request.getHeaders().get("Authorization");
		var token = header != null && header.startsWith("Bearer ") ? header.substring(7) : query.get("access_token");
		return token != null && accessTokens.contains(token);
	}

	private static MockResponse invalidToken() {
		return json(401, "{\"error\":\"invalid_token\",\"error_description\":\"The access token is invalid or expired\"}");
	}

	private static MockResponse invalidGrant(String description) {
		return json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"" + description + "\"}");
	}

	private static MockResponse redirect(String location) {
		return new MockResponse.Builder().code(302).setHeader("Location", location).build();
	}

	private static MockResponse json(int status, String body) {
		return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json")
			.setHeader("Cache-Control", "no-store").body(body).build();
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

	private static String enc(String value) {
		return java.net.URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8);
	}

	static String s256(String verifier) {
		try {
			var digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
