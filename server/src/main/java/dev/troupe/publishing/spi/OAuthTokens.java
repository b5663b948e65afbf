package dev.troupe.publishing.spi;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * The shape OAuth 2.0 providers with PKCE and refresh tokens share: the forms of the code exchange (RFC 6749 §4.1.3,
 * RFC 7636 §4.5) and of a refresh (§6), the grant a token response makes, and reaching a provider's API while
 * listing accounts. Each adapter names its client-id parameter, whether the secret goes in the form, and how long a
 * token lives when the response does not say.
 */
public final class OAuthTokens {

	private OAuthTokens() {
	}

	/** A call to a provider's API, which may fail to reach it. */
	@FunctionalInterface
	public interface Call<T> {

		T call() throws IOException, InterruptedException;
	}

	/** The authorization-code exchange form; {@code clientSecret} is left out when null (HTTP Basic instead). */
	public static Map<String, String> codeForm(String clientIdParameter, String clientId, String clientSecret, String code,
			URI redirectUri, String codeVerifier) {
		var form = new LinkedHashMap<String, String>();
		form.put("grant_type", "authorization_code");
		form.put("code", code);
		form.put("redirect_uri", redirectUri.toString());
		form.put("code_verifier", codeVerifier);
		form.put(clientIdParameter, clientId);
		form.put("client_secret", clientSecret);
		return form;
	}

	/** The refresh form; {@code clientSecret} is left out when null. */
	public static Map<String, String> refreshForm(String clientIdParameter, String clientId, String clientSecret,
			String refreshToken) {
		var form = new LinkedHashMap<String, String>();
		form.put("grant_type", "refresh_token");
		form.put("refresh_token", refreshToken);
		form.put(clientIdParameter, clientId);
		form.put("client_secret", clientSecret);
		return form;
	}

	/**
	 * The grant of a token response: the {@code kept} credentials, the new access token and, when the provider sent
	 * one (a rotating refresh token), the new refresh token; expiring after {@code expires_in} or the default.
	 */
	public static OAuthGrant grant(JsonNode body, Map<String, String> kept, long defaultLifetimeSeconds) {
		var credentials = new HashMap<>(kept);
		credentials.put("accessToken", body.path("access_token").asString());
		if (body.hasNonNull("refresh_token")) {
			credentials.put("refreshToken", body.path("refresh_token").asString());
		}
		return new OAuthGrant(credentials, Instant.now().plusSeconds(body.path("expires_in").asLong(defaultLifetimeSeconds)));
	}

	/** The call's answer; not reaching {@code platform} or being interrupted becomes a retryable refusal. */
	public static <T> T reach(String platform, Call<T> call) throws PlatformException {
		try {
			return call.call();
		}
		catch (IOException e) {
			throw new PlatformException("could not reach " + platform + " (" + e.getClass().getSimpleName() + ")", false, e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new PlatformException("interrupted", false, e);
		}
	}
}
