package dev.troupe.publishing.platform.instagram;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.troupe.publishing.platform.meta.MetaLogin;
import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.OAuthAccount;
import dev.troupe.publishing.spi.OAuthApp;
import dev.troupe.publishing.spi.OAuthGrant;
import dev.troupe.publishing.spi.OAuthProvider;
import dev.troupe.publishing.spi.PlatformException;

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
		// manage_insights: views, reach, saves and shares of the account's own media (Analytics)
		return List.of("instagram_business_basic", "instagram_business_content_publish", "instagram_business_manage_insights");
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
		var body = MetaLogin.exchangeCode(app, code, redirectUri);
		return MetaLogin.longLived(app, body.has("data") ? body.path("data").path(0) : body, "ig_exchange_token");
	}

	@Override
	public List<OAuthAccount> accounts(OAuthApp app, OAuthGrant grant) throws PlatformException {
		var body = MetaLogin.me(app, version, grant, "user_id,username,name,profile_picture_url", "Instagram");
		var userId = body.path("user_id").asString(grant.credential("userId"));
		var credentials = new HashMap<>(grant.credentials());
		credentials.put("userId", userId);
		return List.of(new OAuthAccount(userId, body.path("name").asString(body.path("username").asString()),
				"@" + body.path("username").asString(), body.path("profile_picture_url").asString(null),
				new OAuthGrant(credentials, grant.expiresAt()), Map.of()));
	}

	@Override
	public OAuthGrant refresh(OAuthApp app, ChannelContext channel) throws PlatformException {
		return MetaLogin.refresh(channel, "ig_refresh_token");
	}
}
