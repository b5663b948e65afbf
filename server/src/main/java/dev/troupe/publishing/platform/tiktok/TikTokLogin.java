package dev.troupe.publishing.platform.tiktok;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

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
 * TikTok Login Kit, OAuth v2: the app id is {@code client_key}, scopes are comma separated, PKCE (S256). Access
 * tokens last 24 hours, refresh tokens a year; a refresh may return a new refresh token, which then replaces the old.
 */
@Component
class TikTokLogin implements OAuthProvider {

	@Override
	public String platform() {
		return "tiktok";
	}

	@Override
	public URI authorizeUrl() {
		return URI.create("https://www.tiktok.com/v2/auth/authorize/");
	}

	@Override
	public URI tokenUrl() {
		return URI.create("https://open.tiktokapis.com/v2/oauth/token/");
	}

	@Override
	public URI apiBaseUrl() {
		return URI.create("https://open.tiktokapis.com");
	}

	@Override
	public List<String> defaultScopes() {
		// video.list and user.info.stats: the numbers of the account's own videos and its followers (Analytics)
		return List.of("user.info.basic", "video.publish", "video.upload", "video.list", "user.info.stats");
	}

	@Override
	public String scopeDelimiter() {
		return ",";
	}

	@Override
	public String clientIdParameter() {
		return "client_key";
	}

	@Override
	public boolean pkce() {
		return true;
	}

	@Override
	public List<String> setupGuide() {
		return List.of("At developers.tiktok.com, create an app; note its Client key and Client secret.",
				"Add the products Login Kit and Content Posting API; in Content Posting API turn on Direct Post.",
				"Add the redirect URI shown here to Login Kit, and verify the domain of TROUPE_PUBLIC_URL (TikTok fetches "
						+ "photos from it).",
				"Request the scopes user.info.basic, video.publish, video.upload, video.list and user.info.stats and submit the app "
						+ "for review.",
				"Until TikTok's audit of Direct Post passes, posts can only be SELF_ONLY, from at most 5 accounts a day, and "
						+ "the accounts must be private; the inbox mode sends drafts instead.");
	}

	@Override
	public OAuthGrant exchange(OAuthApp app, String code, URI redirectUri, String codeVerifier) throws PlatformException {
		var form = OAuthTokens.codeForm("client_key", app.clientId(), app.clientSecret(), code, redirectUri, codeVerifier);
		return grant(OAuthHttp.postForm(app.tokenUrl(), form), Map.of());
	}

	@Override
	public List<OAuthAccount> accounts(OAuthApp app, OAuthGrant grant) throws PlatformException {
		var answer = OAuthTokens.reach("TikTok", () -> new TikTokApi(app.apiBaseUrl(), grant.credential("accessToken"),
				Duration.ofSeconds(30)).get("/v2/user/info/?fields=open_id,avatar_url,display_name,username"));
		if (!answer.ok()) {
			throw new PlatformException("TikTok: " + answer.message(), answer.status() / 100 == 4);
		}
		var user = answer.data().path("user");
		var openId = user.path("open_id").asString(grant.credential("openId"));
		var credentials = new HashMap<>(grant.credentials());
		credentials.put("openId", openId);
		credentials.put("username", user.path("username").asString());
		return List.of(new OAuthAccount(openId, user.path("display_name").asString(),
				"@" + user.path("username").asString(), user.path("avatar_url").asString(null),
				new OAuthGrant(credentials, grant.expiresAt()), Map.of()));
	}

	@Override
	public OAuthGrant refresh(OAuthApp app, ChannelContext channel) throws PlatformException {
		var form = OAuthTokens.refreshForm("client_key", app.clientId(), app.clientSecret(),
				channel.credential("refreshToken"));
		return grant(OAuthHttp.postForm(app.tokenUrl(), form), channel.credentials());
	}

	/** Access tokens last 24 hours; TikTok names the account ({@code open_id}) in the token response too. */
	private static OAuthGrant grant(JsonNode body, Map<String, String> kept) {
		var withAccount = new HashMap<>(kept);
		if (body.hasNonNull("open_id")) {
			withAccount.put("openId", body.path("open_id").asString());
		}
		return OAuthTokens.grant(body, withAccount, 86_400);
	}
}
