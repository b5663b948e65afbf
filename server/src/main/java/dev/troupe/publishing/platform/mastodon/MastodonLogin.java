package dev.troupe.publishing.platform.mastodon;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.OAuthAccount;
import dev.troupe.publishing.spi.OAuthApp;
import dev.troupe.publishing.spi.OAuthGrant;
import dev.troupe.publishing.spi.OAuthHttp;
import dev.troupe.publishing.spi.OAuthProvider;
import dev.troupe.publishing.spi.PlatformException;

/**
 * "Connect account" for Mastodon (docs.joinmastodon.org, methods/apps and methods/oauth): every instance is its own
 * authorization server, so Troupe registers an app there ({@code POST /api/v1/apps}), sends the person to
 * {@code /oauth/authorize}, exchanges the code at {@code /oauth/token} (PKCE S256: Mastodon 4.3+ checks it, older
 * instances ignore the extra parameters) and reads the account with {@code verify_credentials}. The token does not
 * expire; it is stored as the same {@code accessToken} credential a pasted token uses, so both channels behave alike.
 */
@Component
class MastodonLogin implements OAuthProvider {

	// read:notifications and read:statuses: the inbox reads mentions and their threads
	static final List<String> SCOPES = List.of("read:accounts", "read:notifications", "read:statuses", "write:statuses",
			"write:media");

	@Override
	public String platform() {
		return "mastodon";
	}

	@Override
	public boolean perInstance() {
		return true;
	}

	// per instance: these are mastodon.social's, shown nowhere; register() returns the instance's own
	@Override
	public URI authorizeUrl() {
		return URI.create("https://mastodon.social/oauth/authorize");
	}

	@Override
	public URI tokenUrl() {
		return URI.create("https://mastodon.social/oauth/token");
	}

	@Override
	public URI apiBaseUrl() {
		return URI.create("https://mastodon.social");
	}

	@Override
	public List<String> defaultScopes() {
		return SCOPES;
	}

	@Override
	public boolean pkce() {
		return true;
	}

	@Override
	public List<String> setupGuide() {
		return List.of("Nothing to register: Troupe registers itself as an app on each instance the first time an "
				+ "account there is connected.", "Channels → Connect account → Mastodon, then type the instance address.");
	}

	@Override
	public OAuthApp register(URI instance, URI redirectUri) throws PlatformException {
		var form = new LinkedHashMap<String, String>();
		form.put("client_name", "Troupe");
		form.put("redirect_uris", redirectUri.toString());
		form.put("scopes", String.join(" ", SCOPES));
		var app = OAuthHttp.postForm(instance.resolve("/api/v1/apps"), form);
		var clientId = app.path("client_id").asString("");
		var clientSecret = app.path("client_secret").asString("");
		if (clientId.isBlank() || clientSecret.isBlank()) {
			throw new PlatformException("the instance registered no client id and secret", false);
		}
		return new OAuthApp(platform(), clientId, clientSecret, SCOPES, instance.resolve("/oauth/authorize"),
				instance.resolve("/oauth/token"), instance);
	}

	@Override
	public OAuthGrant exchange(OAuthApp app, String code, URI redirectUri, String codeVerifier) throws PlatformException {
		var form = new LinkedHashMap<String, String>();
		form.put("grant_type", "authorization_code");
		form.put("code", code);
		form.put("client_id", app.clientId());
		form.put("client_secret", app.clientSecret());
		form.put("redirect_uri", redirectUri.toString());
		form.put("code_verifier", codeVerifier);
		var token = OAuthHttp.postForm(app.tokenUrl(), form);
		var accessToken = token.path("access_token").asString("");
		if (accessToken.isBlank()) {
			throw new PlatformException("the instance returned no access token", false);
		}
		return new OAuthGrant(Map.of("accessToken", accessToken), null); // Mastodon tokens do not expire
	}

	@Override
	public List<OAuthAccount> accounts(OAuthApp app, OAuthGrant grant) throws PlatformException {
		var account = verify(app.apiBaseUrl(), grant.credential("accessToken"));
		var host = app.apiBaseUrl().getHost();
		var username = account.path("username").asString("");
		var name = account.path("display_name").asString("");
		// the account id is only unique on its instance: qualified, two instances never share a channel
		return List.of(new OAuthAccount(account.path("id").asString() + "@" + host, name.isBlank() ? username : name,
				"@" + username + "@" + host, account.path("avatar").asString(null), grant, Map.of()));
	}

	/** Nothing to renew: the token lives until revoked; a revoked one is reported so the channel needs a reconnect. */
	@Override
	public OAuthGrant refresh(OAuthApp app, ChannelContext channel) throws PlatformException {
		verify(channel.baseUrl(), channel.credential("accessToken"));
		return new OAuthGrant(Map.of("accessToken", channel.credential("accessToken")), null);
	}

	private static tools.jackson.databind.JsonNode verify(URI instance, String token) throws PlatformException {
		return OAuthHttp.getWithBearer(instance.resolve("/api/v1/accounts/verify_credentials"), token);
	}
}
