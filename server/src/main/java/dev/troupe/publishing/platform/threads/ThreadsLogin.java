package dev.troupe.publishing.platform.threads;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
 * Threads login: consent at threads.net, the code exchanged at graph.threads.net for a one-hour token, that
 * exchanged ({@code th_exchange_token}) for a 60-day one, refreshed ({@code th_refresh_token}) once it is at least
 * 24 hours old. One login is one profile.
 */
@Component
class ThreadsLogin implements OAuthProvider {

	static final String VERSION = "v1.0";

	@Override
	public String platform() {
		return "threads";
	}

	@Override
	public URI authorizeUrl() {
		return URI.create("https://threads.net/oauth/authorize");
	}

	@Override
	public URI tokenUrl() {
		return URI.create("https://graph.threads.net/oauth/access_token");
	}

	@Override
	public URI apiBaseUrl() {
		return URI.create("https://graph.threads.net");
	}

	@Override
	public List<String> defaultScopes() {
		return List.of("threads_basic", "threads_content_publish");
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
		return List.of("At developers.facebook.com, create an app with the \"Access the Threads API\" use case.",
				"Under Use cases → Threads API → Settings, add the redirect URI shown here and note the Threads app ID and secret.",
				"Add the permissions threads_basic and threads_content_publish.",
				"Add your Threads profile as a Threads tester until the app passes App Review.",
				"Troupe must be reachable at TROUPE_PUBLIC_URL from the internet: Threads fetches every image and video.");
	}

	@Override
	public OAuthGrant exchange(OAuthApp app, String code, URI redirectUri, String codeVerifier) throws PlatformException {
		var shortLived = OAuthHttp.postForm(app.tokenUrl(), Map.of("client_id", app.clientId(), "client_secret",
				app.clientSecret(), "grant_type", "authorization_code", "redirect_uri", redirectUri.toString(), "code",
				code.replaceAll("#_$", "")));
		var longLived = OAuthHttp.get(app.apiBaseUrl().resolve("/access_token"), Map.of("grant_type", "th_exchange_token",
				"client_secret", app.clientSecret(), "access_token", shortLived.path("access_token").asString()));
		return grant(longLived, shortLived.path("user_id").asString());
	}

	@Override
	public List<OAuthAccount> accounts(OAuthApp app, OAuthGrant grant) throws PlatformException {
		try {
			var me = new GraphClient(app.apiBaseUrl(), VERSION, grant.credential("accessToken"), Duration.ofSeconds(30))
				.get("me", Map.of("fields", "id,username,name,threads_profile_picture_url"));
			if (!me.ok()) {
				throw new PlatformException(me.message(), me.status() < 500);
			}
			var body = me.body();
			var credentials = new HashMap<>(grant.credentials());
			credentials.put("userId", body.path("id").asString());
			var username = body.path("username").asString();
			return List.of(new OAuthAccount(body.path("id").asString(), body.path("name").asString(username), "@" + username,
					body.path("threads_profile_picture_url").asString(null), new OAuthGrant(credentials, grant.expiresAt()),
					Map.of()));
		}
		catch (IOException e) {
			throw new PlatformException("could not reach Threads (" + e.getClass().getSimpleName() + ")", false, e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new PlatformException("interrupted", false, e);
		}
	}

	@Override
	public OAuthGrant refresh(OAuthApp app, ChannelContext channel) throws PlatformException {
		var body = OAuthHttp.get(channel.baseUrl().resolve("/refresh_access_token"), Map.of("grant_type", "th_refresh_token",
				"access_token", channel.credential("accessToken")));
		return grant(body, channel.credential("userId"));
	}

	private static OAuthGrant grant(JsonNode body, String userId) {
		var credentials = new HashMap<String, String>();
		credentials.put("accessToken", body.path("access_token").asString());
		if (userId != null && !userId.isBlank()) {
			credentials.put("userId", userId);
		}
		return new OAuthGrant(credentials, Instant.now().plusSeconds(body.path("expires_in").asLong(60L * 24 * 3600)));
	}
}
