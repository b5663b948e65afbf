package dev.troupe.publishing.platform.instagram;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.troupe.publishing.platform.meta.GraphClient;
import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.OAuthAccount;
import dev.troupe.publishing.spi.OAuthApp;
import dev.troupe.publishing.spi.OAuthGrant;
import dev.troupe.publishing.spi.OAuthHttp;
import dev.troupe.publishing.spi.OAuthProvider;
import dev.troupe.publishing.spi.PlatformException;
import tools.jackson.databind.JsonNode;

/**
 * Business Login for Instagram: consent at instagram.com, the code exchanged at api.instagram.com for a one-hour
 * token and the Instagram user id, that token exchanged at graph.instagram.com ({@code ig_exchange_token}) for a
 * 60-day one, refreshed ({@code ig_refresh_token}) once it is at least 24 hours old. One login is one account.
 */
@Component
class InstagramLogin implements OAuthProvider {

	private final String version;

	InstagramLogin(@Value("${troupe.meta.graph-api-version:v25.0}") String version) {
		this.version = version;
	}

	@Override
	public String platform() {
		return "instagram";
	}

	@Override
	public URI authorizeUrl() {
		return URI.create("https://www.instagram.com/oauth/authorize");
	}

	@Override
	public URI tokenUrl() {
		return URI.create("https://api.instagram.com/oauth/access_token");
	}

	@Override
	public URI apiBaseUrl() {
		return URI.create("https://graph.instagram.com");
	}

	@Override
	public List<String> defaultScopes() {
		return List.of("instagram_business_basic", "instagram_business_content_publish");
	}

	@Override
	public String scopeDelimiter() {
		return ",";
	}

	@Override
	public Duration minimumTokenAge() {
		return Duration.ofHours(24);
	}

	@Override
	public List<String> setupGuide() {
		return List.of("At developers.facebook.com, create an app of type Business and add the Instagram product.",
				"Under Instagram → API setup with Instagram login, note the Instagram app ID and secret.",
				"In Business login settings, add the redirect URI shown here as an OAuth redirect URI.",
				"Add your Instagram professional account as an Instagram tester until the app passes App Review.",
				"Troupe must be reachable at TROUPE_PUBLIC_URL from the internet: Instagram fetches every image and video.");
	}

	@Override
	public OAuthGrant exchange(OAuthApp app, String code, URI redirectUri, String codeVerifier) throws PlatformException {
		// Instagram appends "#_" to the code it sends back
		var body = OAuthHttp.postForm(app.tokenUrl(), Map.of("client_id", app.clientId(), "client_secret", app.clientSecret(),
				"grant_type", "authorization_code", "redirect_uri", redirectUri.toString(), "code", code.replaceAll("#_$", "")));
		var shortLived = body.has("data") ? body.path("data").path(0) : body;
		var longLived = OAuthHttp.get(app.apiBaseUrl().resolve("/access_token"), Map.of("grant_type", "ig_exchange_token",
				"client_secret", app.clientSecret(), "access_token", shortLived.path("access_token").asString()));
		return grant(longLived, shortLived.path("user_id").asString());
	}

	@Override
	public List<OAuthAccount> accounts(OAuthApp app, OAuthGrant grant) throws PlatformException {
		try {
			var me = new GraphClient(app.apiBaseUrl(), version, grant.credential("accessToken"), Duration.ofSeconds(30))
				.get("me", Map.of("fields", "user_id,username,name,profile_picture_url"));
			if (!me.ok()) {
				throw new PlatformException(me.message(), me.status() < 500);
			}
			var body = me.body();
			var userId = body.path("user_id").asString(grant.credential("userId"));
			var credentials = new java.util.HashMap<>(grant.credentials());
			credentials.put("userId", userId);
			return List.of(new OAuthAccount(userId, body.path("name").asString(body.path("username").asString()),
					"@" + body.path("username").asString(), body.path("profile_picture_url").asString(null),
					new OAuthGrant(credentials, grant.expiresAt()), Map.of()));
		}
		catch (IOException e) {
			throw new PlatformException("could not reach Instagram (" + e.getClass().getSimpleName() + ")", false, e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new PlatformException("interrupted", false, e);
		}
	}

	@Override
	public OAuthGrant refresh(OAuthApp app, ChannelContext channel) throws PlatformException {
		var body = OAuthHttp.get(channel.baseUrl().resolve("/refresh_access_token"), Map.of("grant_type", "ig_refresh_token",
				"access_token", channel.credential("accessToken")));
		return grant(body, channel.credential("userId"));
	}

	private static OAuthGrant grant(JsonNode body, String userId) {
		var credentials = new java.util.HashMap<String, String>();
		credentials.put("accessToken", body.path("access_token").asString());
		if (userId != null && !userId.isBlank()) {
			credentials.put("userId", userId);
		}
		return new OAuthGrant(credentials, Instant.now().plusSeconds(body.path("expires_in").asLong(60L * 24 * 3600)));
	}
}
