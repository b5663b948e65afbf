package dev.troupe.publishing.spi;

import java.net.URI;
import java.util.List;

/**
 * A platform app as the owner registered it (System → Platform apps), with the platform's defaults filled in.
 * {@code clientSecret} is decrypted for the call only; never logged.
 */
public record OAuthApp(String platform, String clientId, String clientSecret, List<String> scopes, URI authorizeUrl,
		URI tokenUrl, URI apiBaseUrl) {

	public OAuthApp {
		scopes = scopes == null ? List.of() : List.copyOf(scopes);
	}

	@Override
	public String toString() {
		return "OAuthApp[" + platform + ", " + clientId + "]"; // never the secret
	}
}
