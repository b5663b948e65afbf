package dev.troupe.publishing.platform.meta;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.OAuthApp;
import dev.troupe.publishing.spi.OAuthGrant;
import dev.troupe.publishing.spi.OAuthHttp;
import dev.troupe.publishing.spi.PlatformException;
import tools.jackson.databind.JsonNode;

/**
 * The token shape Instagram and Threads logins share: the code (Meta appends {@code #_}) exchanged for a one-hour
 * token, that exchanged at {@code /access_token} for a 60-day one, refreshed at {@code /refresh_access_token}; each
 * API names its own grant types.
 */
public final class MetaLogin {

	private MetaLogin() {
	}

	/** The short-lived token response of the code exchange. */
	public static JsonNode exchangeCode(OAuthApp app, String code, URI redirectUri) throws PlatformException {
		return OAuthHttp.postForm(app.tokenUrl(), Map.of("client_id", app.clientId(), "client_secret", app.clientSecret(),
				"grant_type", "authorization_code", "redirect_uri", redirectUri.toString(), "code", code.replaceAll("#_$", "")));
	}

	/** The 60-day grant for a short-lived token. */
	public static OAuthGrant longLived(OAuthApp app, JsonNode shortLived, String grantType) throws PlatformException {
		var body = OAuthHttp.get(app.apiBaseUrl().resolve("/access_token"), Map.of("grant_type", grantType, "client_secret",
				app.clientSecret(), "access_token", shortLived.path("access_token").asString()));
		return grant(body, shortLived.path("user_id").asString());
	}

	public static OAuthGrant refresh(ChannelContext channel, String grantType) throws PlatformException {
		var body = OAuthHttp.get(channel.baseUrl().resolve("/refresh_access_token"), Map.of("grant_type", grantType,
				"access_token", channel.credential("accessToken")));
		return grant(body, channel.credential("userId"));
	}

	/** The {@code me} node of the freshly granted account, read with {@code fields}. */
	public static JsonNode me(OAuthApp app, String version, OAuthGrant grant, String fields, String platform)
			throws PlatformException {
		try {
			var me = new GraphClient(app.apiBaseUrl(), version, grant.credential("accessToken"), Duration.ofSeconds(30))
				.get("me", Map.of("fields", fields));
			if (!me.ok()) {
				throw new PlatformException(me.message(), me.status() < 500);
			}
			return me.body();
		}
		catch (IOException e) {
			throw new PlatformException("could not reach " + platform + " (" + e.getClass().getSimpleName() + ")", false, e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new PlatformException("interrupted", false, e);
		}
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
