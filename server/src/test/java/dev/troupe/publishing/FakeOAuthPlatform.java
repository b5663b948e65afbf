package dev.troupe.publishing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.troupe.publishing.spi.AccountInfo;
import dev.troupe.publishing.spi.Capabilities;
import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.OAuthAccount;
import dev.troupe.publishing.spi.OAuthApp;
import dev.troupe.publishing.spi.OAuthGrant;
import dev.troupe.publishing.spi.OAuthHttp;
import dev.troupe.publishing.spi.OAuthProvider;
import dev.troupe.publishing.spi.PlatformDescriptor;
import dev.troupe.publishing.spi.PlatformException;
import dev.troupe.publishing.spi.PublishOutcome;
import dev.troupe.publishing.spi.PublishRequest;
import dev.troupe.publishing.spi.SocialPlatform;
import dev.troupe.publishing.spi.TestDescriptors;
import tools.jackson.databind.JsonNode;

/**
 * A plain RFC 6749 platform (type {@code fake-oauth}) for the generic connect flow's tests, talking to a
 * {@link FakeOAuthServer}: code exchange with PKCE, rotating refresh tokens, accounts at {@code /me/accounts}.
 */
class FakeOAuthPlatform implements SocialPlatform, OAuthProvider {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@Override
	public String type() {
		return "fake-oauth";
	}

	@Override
	public PlatformDescriptor descriptor() {
		var simple = TestDescriptors.simple(type(), 500, 0, false);
		return new PlatformDescriptor(simple.type(), "Fake OAuth", "globe", null,
				new PlatformDescriptor.ConnectSpec(PlatformDescriptor.ConnectKind.OAUTH, List.of()), List.of(),
				simple.capabilities());
	}

	@Override
	public String platform() {
		return type();
	}

	@Override
	public URI authorizeUrl() {
		return URI.create("https://oauth.invalid/authorize");
	}

	@Override
	public URI tokenUrl() {
		return URI.create("https://oauth.invalid/token");
	}

	@Override
	public URI apiBaseUrl() {
		return URI.create("https://oauth.invalid/");
	}

	@Override
	public List<String> defaultScopes() {
		return List.of("posts.write", "accounts.read");
	}

	@Override
	public boolean pkce() {
		return true;
	}

	@Override
	public OAuthGrant exchange(OAuthApp app, String code, URI redirectUri, String codeVerifier) throws PlatformException {
		return grant(OAuthHttp.postForm(app.tokenUrl(), Map.of("grant_type", "authorization_code", "code", code,
				"redirect_uri", redirectUri.toString(), "client_id", app.clientId(), "client_secret", app.clientSecret(),
				"code_verifier", codeVerifier)), null);
	}

	@Override
	public List<OAuthAccount> accounts(OAuthApp app, OAuthGrant grant) throws PlatformException {
		var body = OAuthHttp.get(app.apiBaseUrl().resolve("/me/accounts"), Map.of("access_token", grant.credential("accessToken")));
		var accounts = new ArrayList<OAuthAccount>();
		for (var a : body.path("data")) {
			var credentials = new java.util.HashMap<>(grant.credentials());
			credentials.put("accountId", a.path("id").asString());
			accounts.add(new OAuthAccount(a.path("id").asString(), a.path("name").asString(), "@" + a.path("username").asString(),
					a.path("picture").isNull() ? null : a.path("picture").asString(), new OAuthGrant(credentials, grant.expiresAt()),
					Map.of()));
		}
		return accounts;
	}

	@Override
	public OAuthGrant refresh(OAuthApp app, ChannelContext channel) throws PlatformException {
		return grant(OAuthHttp.postForm(app.tokenUrl(), Map.of("grant_type", "refresh_token", "refresh_token",
				channel.credential("refreshToken"), "client_id", app.clientId(), "client_secret", app.clientSecret())),
				channel.credential("accountId"));
	}

	private static OAuthGrant grant(JsonNode body, String accountId) {
		var credentials = new java.util.HashMap<String, String>();
		credentials.put("accessToken", body.path("access_token").asString());
		credentials.put("refreshToken", body.path("refresh_token").asString());
		if (accountId != null) {
			credentials.put("accountId", accountId);
		}
		return new OAuthGrant(credentials, Instant.now().plusSeconds(body.path("expires_in").asLong()));
	}

	@Override
	public Capabilities capabilities(ChannelContext channel) {
		return new Capabilities(500, 0, List.of(), false, 0, 0, 0, 0, false);
	}

	@Override
	public AccountInfo verify(ChannelContext channel) throws PlatformException {
		OAuthHttp.get(channel.baseUrl().resolve("/me/accounts"), Map.of("access_token", channel.credential("accessToken")));
		return new AccountInfo(channel.credential("accountId"), null, null, null);
	}

	@Override
	public PublishOutcome publish(PublishRequest request, ChannelContext channel) {
		try {
			var response = HTTP.send(HttpRequest.newBuilder(channel.baseUrl().resolve("/accounts/" + channel.credential("accountId")
					+ "/posts")).header("Authorization", "Bearer " + channel.credential("accessToken"))
				.POST(HttpRequest.BodyPublishers.ofString(request.text())).build(), BodyHandlers.ofString());
			if (response.statusCode() == 401) {
				return new PublishOutcome.TokenExpired("401 invalid_token");
			}
			return response.statusCode() == 200 ? new PublishOutcome.Published(response.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1"), null)
					: new PublishOutcome.Transient("status " + response.statusCode());
		}
		catch (IOException e) {
			return new PublishOutcome.OutcomeUnknown(e.getClass().getSimpleName());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return new PublishOutcome.OutcomeUnknown("interrupted");
		}
	}
}
