package dev.troupe.publishing.platform.x;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.troupe.security.ResponseLimits;
import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.OAuthAccount;
import dev.troupe.publishing.spi.OAuthApp;
import dev.troupe.publishing.spi.OAuthGrant;
import dev.troupe.publishing.spi.OAuthHttp;
import dev.troupe.publishing.spi.OAuthProvider;
import dev.troupe.publishing.spi.OAuthTokens;
import dev.troupe.publishing.spi.PlatformException;
import tools.jackson.databind.JsonNode;

/**
 * X's OAuth 2.0 Authorization Code Flow with PKCE (docs.x.com fundamentals/authentication): consent at
 * x.com/i/oauth2/authorize, tokens at api.x.com/2/oauth2/token with HTTP Basic client authentication (confidential
 * clients). Access tokens live two hours; {@code offline.access} brings a refresh token that is single use: each
 * refresh returns a new one, which the generic refresh stores in the same transaction that replaces (and so
 * retires) the old one. {@code media.write} is needed by the v2 media upload.
 */
@Component
class XLogin implements OAuthProvider {

	/** Access tokens live two hours. */
	private static final long LIFETIME_SECONDS = 7200;
	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@Override
	public String platform() {
		return "x";
	}

	@Override
	public URI authorizeUrl() {
		return URI.create("https://x.com/i/oauth2/authorize");
	}

	@Override
	public URI tokenUrl() {
		return URI.create("https://api.x.com/2/oauth2/token");
	}

	@Override
	public URI apiBaseUrl() {
		return URI.create("https://api.x.com");
	}

	@Override
	public List<String> defaultScopes() {
		return List.of("tweet.read", "tweet.write", "users.read", "media.write", "offline.access");
	}

	@Override
	public boolean pkce() {
		return true;
	}

	@Override
	public List<String> setupGuide() {
		return List.of("At developer.x.com, open the Developer Console and create a Project and an App in it.",
				"In the App's User authentication settings, turn on OAuth 2.0, type \"Web App\" (a confidential client), "
						+ "permissions \"Read and write\".",
				"Add the redirect URI shown here as a Callback URI, and your website.",
				"Under Keys and tokens, copy the OAuth 2.0 Client ID and Client Secret here.",
				"X's rules for automated accounts: turn on the \"Automated\" label on the account (Settings → Your account "
						+ "→ Account information → Automation) and name the person who runs it.");
	}

	@Override
	public OAuthGrant exchange(OAuthApp app, String code, URI redirectUri, String codeVerifier) throws PlatformException {
		var form = OAuthTokens.codeForm("client_id", app.clientId(), null, code, redirectUri, codeVerifier);
		return OAuthTokens.grant(token(app, app.tokenUrl(), form), Map.of(), LIFETIME_SECONDS);
	}

	@Override
	public List<OAuthAccount> accounts(OAuthApp app, OAuthGrant grant) throws PlatformException {
		var me = OAuthTokens.reach("X", () -> new XClient(app.apiBaseUrl(), grant.credential("accessToken"),
				Duration.ofSeconds(30)).get("/2/users/me", Map.of("user.fields", "profile_image_url")));
		if (!me.ok()) {
			throw new PlatformException(me.message(), me.status() / 100 == 4);
		}
		var user = me.body().path("data");
		var credentials = new HashMap<>(grant.credentials());
		credentials.put("userId", user.path("id").asString());
		credentials.put("username", user.path("username").asString());
		return List.of(new OAuthAccount(user.path("id").asString(), user.path("name").asString(),
				"@" + user.path("username").asString(), user.path("profile_image_url").asString(null),
				new OAuthGrant(credentials, grant.expiresAt()), Map.of()));
	}

	@Override
	public OAuthGrant refresh(OAuthApp app, ChannelContext channel) throws PlatformException {
		var form = OAuthTokens.refreshForm("client_id", app.clientId(), null, channel.credential("refreshToken"));
		var kept = new HashMap<String, String>();
		for (var name : List.of("userId", "username", "refreshToken")) {
			if (channel.credential(name) != null) {
				kept.put(name, channel.credential(name));
			}
		}
		return OAuthTokens.grant(token(app, app.tokenUrl(), form), kept, LIFETIME_SECONDS);
	}

	/** A token call with the client's Basic credentials, which X requires of confidential clients. */
	private static JsonNode token(OAuthApp app, URI url, Map<String, String> form) throws PlatformException {
		var request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(OAuthHttp.encode(form)));
		if (app.clientSecret() != null && !app.clientSecret().isBlank()) {
			request.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString((app.clientId() + ":" + app.clientSecret()).getBytes(StandardCharsets.UTF_8)));
		}
		var response = OAuthTokens.reach("X", () -> HTTP.send(request.build(), ResponseLimits.ofString()));
		var body = XClient.parse(response.body());
		if (response.statusCode() / 100 == 2 && body.hasNonNull("access_token")) {
			return body;
		}
		var status = response.statusCode();
		throw new PlatformException(status + " " + OAuthHttp.message(body), status >= 400 && status < 500);
	}
}
