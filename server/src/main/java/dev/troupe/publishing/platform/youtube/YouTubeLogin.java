package dev.troupe.publishing.platform.youtube;

import java.time.Duration;
import java.net.URI;
import java.util.ArrayList;
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
 * Google OAuth 2.0 for web server apps: {@code access_type=offline} and {@code prompt=consent} so a refresh token
 * comes with every consent, PKCE, scopes youtube.upload and youtube.readonly (to list the channels the person may
 * choose from after consent). Access tokens last an hour; Google's refresh tokens do not rotate, so the stored one
 * is kept.
 */
@Component
class YouTubeLogin implements OAuthProvider {

	/** Google's access tokens last an hour. */
	private static final long LIFETIME_SECONDS = 3599;

	@Override
	public String platform() {
		return "youtube";
	}

	@Override
	public URI authorizeUrl() {
		return URI.create("https://accounts.google.com/o/oauth2/v2/auth");
	}

	@Override
	public URI tokenUrl() {
		return URI.create("https://oauth2.googleapis.com/token");
	}

	@Override
	public URI apiBaseUrl() {
		return URI.create("https://www.googleapis.com");
	}

	@Override
	public List<String> defaultScopes() {
		// youtube.force-ssl reads and answers the channel's comments (commentThreads.list, comments.insert)
		return List.of("https://www.googleapis.com/auth/youtube.upload", "https://www.googleapis.com/auth/youtube.readonly",
				"https://www.googleapis.com/auth/youtube.force-ssl");
	}

	@Override
	public boolean pkce() {
		return true;
	}

	@Override
	public Map<String, String> authorizeParameters() {
		return Map.of("access_type", "offline", "prompt", "consent", "include_granted_scopes", "true");
	}

	@Override
	public List<String> setupGuide() {
		return List.of("At console.cloud.google.com, create a project and enable the YouTube Data API v3.",
				"Configure the OAuth consent screen (External), add the scopes youtube.upload, youtube.readonly and youtube.force-ssl (comments), and add "
						+ "your Google account as a test user while the app is in testing.",
				"Create an OAuth client ID of type Web application with the redirect URI shown here; copy its ID and secret.",
				"Until the project passes YouTube's API compliance audit, every uploaded video is private; request the audit "
						+ "in the YouTube API Services form, and more than 100 uploads a day through a quota extension.");
	}

	@Override
	public OAuthGrant exchange(OAuthApp app, String code, URI redirectUri, String codeVerifier) throws PlatformException {
		var form = OAuthTokens.codeForm("client_id", app.clientId(), app.clientSecret(), code, redirectUri, codeVerifier);
		return OAuthTokens.grant(OAuthHttp.postForm(app.tokenUrl(), form), Map.of(), LIFETIME_SECONDS);
	}

	@Override
	public List<OAuthAccount> accounts(OAuthApp app, OAuthGrant grant) throws PlatformException {
		var answer = OAuthTokens.reach("YouTube", () -> new YouTubeApi(app.apiBaseUrl(), grant.credential("accessToken"),
				Duration.ofSeconds(30)).get("/youtube/v3/channels", Map.of("part", "snippet", "mine", "true")));
		if (!answer.ok()) {
			throw new PlatformException("YouTube: " + answer.message(), answer.status() / 100 == 4);
		}
		var accounts = new ArrayList<OAuthAccount>();
		for (JsonNode channel : answer.body().path("items")) {
			var credentials = new HashMap<>(grant.credentials());
			credentials.put("channelId", channel.path("id").asString());
			var snippet = channel.path("snippet");
			accounts.add(new OAuthAccount(channel.path("id").asString(), snippet.path("title").asString(),
					snippet.path("customUrl").asString(channel.path("id").asString()),
					snippet.path("thumbnails").path("default").path("url").asString(null),
					new OAuthGrant(credentials, grant.expiresAt()), Map.of()));
		}
		if (accounts.isEmpty()) {
			throw new PlatformException("this Google account has no YouTube channel yet: create one at youtube.com first", false);
		}
		return accounts;
	}

	@Override
	public OAuthGrant refresh(OAuthApp app, ChannelContext channel) throws PlatformException {
		var form = OAuthTokens.refreshForm("client_id", app.clientId(), app.clientSecret(),
				String.valueOf(channel.credential("refreshToken")));
		return OAuthTokens.grant(OAuthHttp.postForm(app.tokenUrl(), form), channel.credentials(), LIFETIME_SECONDS);
	}
}
