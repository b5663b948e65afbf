package dev.troupe.publishing.platform.facebook;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import dev.troupe.publishing.spi.PlatformException;
import dev.troupe.publishing.spi.OAuthProvider;

/**
 * Facebook Login for Pages: the code becomes a user token, exchanged ({@code fb_exchange_token}) for a long-lived
 * one; {@code /me/accounts} then lists the Pages with their Page tokens. Page tokens taken from a long-lived user
 * token do not expire (they end when the password changes, the Page role is lost or the app is removed), so
 * there is nothing to refresh: a refusal later marks the channel "needs reconnect".
 */
@Component
class FacebookLogin implements OAuthProvider {

	private final String version;

	FacebookLogin(@Value("${troupe.meta.graph-api-version:v25.0}") String version) {
		this.version = version;
	}

	@Override
	public String platform() {
		return "facebook";
	}

	@Override
	public URI authorizeUrl() {
		return URI.create("https://www.facebook.com/" + version + "/dialog/oauth");
	}

	@Override
	public URI tokenUrl() {
		return URI.create("https://graph.facebook.com/" + version + "/oauth/access_token");
	}

	@Override
	public URI apiBaseUrl() {
		return URI.create("https://graph.facebook.com");
	}

	@Override
	public List<String> defaultScopes() {
		return List.of("pages_show_list", "pages_read_engagement", "pages_manage_posts", "publish_video",
				"pages_manage_engagement");
	}

	@Override
	public String scopeDelimiter() {
		return ",";
	}

	@Override
	public List<String> setupGuide() {
		return List.of("At developers.facebook.com, create a Business app and add Facebook Login for Business.",
				"In Facebook Login → Settings, add the redirect URI shown here as a valid OAuth redirect URI.",
				"Note the app ID and app secret under App settings → Basic.",
				"You need a task on each Page (create content); the Pages you pick become channels.",
				"Troupe must be reachable at TROUPE_PUBLIC_URL from the internet: Facebook fetches photos and videos.");
	}

	@Override
	public OAuthGrant exchange(OAuthApp app, String code, URI redirectUri, String codeVerifier) throws PlatformException {
		var user = OAuthHttp.get(app.tokenUrl(), Map.of("client_id", app.clientId(), "client_secret", app.clientSecret(),
				"redirect_uri", redirectUri.toString(), "code", code));
		var longLived = OAuthHttp.get(app.tokenUrl(), Map.of("grant_type", "fb_exchange_token", "client_id", app.clientId(),
				"client_secret", app.clientSecret(), "fb_exchange_token", user.path("access_token").asString()));
		return new OAuthGrant(Map.of("userToken", longLived.path("access_token").asString()),
				Instant.now().plusSeconds(longLived.path("expires_in").asLong(60L * 24 * 3600)));
	}

	@Override
	public List<OAuthAccount> accounts(OAuthApp app, OAuthGrant grant) throws PlatformException {
		try {
			var pages = new GraphClient(app.apiBaseUrl(), version, grant.credential("userToken"), Duration.ofSeconds(30))
				.get("me/accounts", Map.of("fields", "id,name,access_token,tasks,picture{url}", "limit", "100"));
			if (!pages.ok()) {
				throw new PlatformException(pages.message(), pages.status() < 500);
			}
			var accounts = new ArrayList<OAuthAccount>();
			for (var page : pages.body().path("data")) {
				var tasks = page.path("tasks").toString();
				if (!tasks.contains("CREATE_CONTENT")) {
					continue; // without the task, posting would be refused
				}
				var id = page.path("id").asString();
				accounts.add(new OAuthAccount(id, page.path("name").asString(), null,
						page.path("picture").path("data").path("url").asString(null),
						new OAuthGrant(Map.of("accessToken", page.path("access_token").asString(), "pageId", id), null), Map.of()));
			}
			return accounts;
		}
		catch (IOException e) {
			throw new PlatformException("could not reach Facebook (" + e.getClass().getSimpleName() + ")", false, e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new PlatformException("interrupted", false, e);
		}
	}

	/** Page tokens do not expire; a refresh is never scheduled, and asked anyway it keeps what is stored. */
	@Override
	public OAuthGrant refresh(OAuthApp app, ChannelContext channel) {
		return new OAuthGrant(channel.credentials(), null);
	}
}
