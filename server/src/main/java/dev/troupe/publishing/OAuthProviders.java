package dev.troupe.publishing;

import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

import dev.troupe.publishing.spi.OAuthProvider;
import dev.troupe.shared.ApiProblem;

/** The platforms that connect by OAuth (every {@link OAuthProvider} bean), and the callback address they return to. */
@Component
class OAuthProviders {

	private final Map<String, OAuthProvider> byPlatform = new TreeMap<>();
	private final PublicAddress address;

	OAuthProviders(List<OAuthProvider> providers, PublicAddress address) {
		providers.forEach(p -> byPlatform.put(p.platform(), p));
		this.address = address;
	}

	Collection<OAuthProvider> all() {
		return byPlatform.values();
	}

	OAuthProvider of(String platform) {
		var provider = byPlatform.get(platform);
		if (provider == null) {
			throw ApiProblem.badRequest("platform", "does not connect by OAuth; OAuth platforms: " + byPlatform.keySet());
		}
		return provider;
	}

	boolean knows(String platform) {
		return byPlatform.containsKey(platform);
	}

	/** What the owner pastes into the platform's developer console. */
	URI redirectUri(String platform) {
		return URI.create(address.publicUrl() + "/oauth/callback/" + platform);
	}

	String publicUrl() {
		return address.publicUrl();
	}
}
