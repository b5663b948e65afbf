package dev.troupe.publishing.platform.threads;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.troupe.publishing.platform.meta.MetaLogin;
import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.OAuthAccount;
import dev.troupe.publishing.spi.OAuthApp;
import dev.troupe.publishing.spi.OAuthGrant;
import dev.troupe.publishing.spi.OAuthProvider;
import dev.troupe.publishing.spi.PlatformException;

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
		// manage_insights: the numbers of the profile's own posts and its followers (Analytics)
		return List.of("threads_basic", "threads_content_publish", "threads_manage_insights");
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
		return MetaLogin.longLived(app, MetaLogin.exchangeCode(app, code, redirectUri), "th_exchange_token");
	}

	@Override
	public List<OAuthAccount> accounts(OAuthApp app, OAuthGrant grant) throws PlatformException {
		var body = MetaLogin.me(app, VERSION, grant, "id,username,name,threads_profile_picture_url", "Threads");
		var credentials = new HashMap<>(grant.credentials());
		credentials.put("userId", body.path("id").asString());
		var username = body.path("username").asString();
		return List.of(new OAuthAccount(body.path("id").asString(), body.path("name").asString(username), "@" + username,
				body.path("threads_profile_picture_url").asString(null), new OAuthGrant(credentials, grant.expiresAt()),
				Map.of()));
	}

	@Override
	public OAuthGrant refresh(OAuthApp app, ChannelContext channel) throws PlatformException {
		return MetaLogin.refresh(channel, "th_refresh_token");
	}
}
