package dev.troupe.publishing;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * System → Platform apps: per OAuth platform, what to paste into its developer console (the redirect URI), the
 * scopes, and the registered app. The client secret is write-only: the API says whether one is set, never what.
 */
@RestController
@RequestMapping("/api/v1/platform-apps")
@PreAuthorize("hasRole('OWNER')")
class PlatformAppController {

	private final PlatformApps apps;
	private final OAuthProviders providers;

	PlatformAppController(PlatformApps apps, OAuthProviders providers) {
		this.apps = apps;
		this.providers = providers;
	}

	record PlatformAppView(String platform, boolean configured, String clientId, boolean clientSecretSet,
			List<String> scopes, List<String> defaultScopes, URI redirectUri, URI authorizeUrl, URI tokenUrl,
			URI apiBaseUrl, boolean pkce, List<String> setupGuide, Instant updatedAt, boolean perInstance) {
	}

	@GetMapping
	List<PlatformAppView> list() {
		return providers.all().stream().map(p -> view(p.platform())).toList();
	}

	@GetMapping("/{platform}")
	PlatformAppView get(@PathVariable String platform) {
		return view(platform);
	}

	@PutMapping("/{platform}")
	PlatformAppView save(@PathVariable String platform, @RequestBody PlatformApps.Input input) {
		apps.save(platform, input);
		return view(platform);
	}

	private PlatformAppView view(String platform) {
		var provider = providers.of(platform);
		if (provider.perInstance()) { // nothing to register: Troupe registers itself on each instance it connects to
			return new PlatformAppView(platform, true, null, false, provider.defaultScopes(), provider.defaultScopes(),
					providers.redirectUri(platform), null, null, null, provider.pkce(), provider.setupGuide(), null, true);
		}
		var registration = apps.registration(platform); // never the secret: nothing is decrypted for a view
		return new PlatformAppView(platform, registration.isPresent(),
				registration.map(PlatformApps.Registration::clientId).orElse(null),
				registration.map(PlatformApps.Registration::clientSecretSet).orElse(false),
				registration.map(PlatformApps.Registration::scopes).orElse(provider.defaultScopes()), provider.defaultScopes(),
				providers.redirectUri(platform),
				registration.map(PlatformApps.Registration::authorizeUrl).orElse(provider.authorizeUrl()),
				registration.map(PlatformApps.Registration::tokenUrl).orElse(provider.tokenUrl()),
				registration.map(PlatformApps.Registration::apiBaseUrl).orElse(provider.apiBaseUrl()),
				provider.pkce(), provider.setupGuide(), registration.map(PlatformApps.Registration::updatedAt).orElse(null), false);
	}
}
