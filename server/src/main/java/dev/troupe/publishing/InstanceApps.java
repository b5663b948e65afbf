package dev.troupe.publishing;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.troupe.publishing.spi.OAuthApp;
import dev.troupe.publishing.spi.OAuthProvider;
import dev.troupe.publishing.spi.PlatformException;
import dev.troupe.security.AllowedHosts;
import dev.troupe.security.SecretCipher;
import dev.troupe.shared.ApiProblem;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The apps Troupe registered itself on instances of federated platforms ({@link OAuthProvider#perInstance()}):
 * one per platform and instance, the secret encrypted. Registered again only when the callback address changed
 * (TROUPE_PUBLIC_URL moved), since the instance accepts no other redirect URI for the app.
 */
@Repository
class InstanceApps {

	private final JdbcClient jdbc;
	private final SecretCipher cipher;
	private final JsonMapper json;
	private final AllowedHosts allowedHosts;

	InstanceApps(JdbcClient jdbc, SecretCipher cipher, JsonMapper json, AllowedHosts allowedHosts) {
		this.jdbc = jdbc;
		this.cipher = cipher;
		this.json = json;
		this.allowedHosts = allowedHosts;
	}

	/**
	 * The instance's app for this callback address, registering it on first use. The instance must be an allowed
	 * host: Troupe calls it (registration, token exchange, every post) from inside the network.
	 */
	OAuthApp obtain(OAuthProvider provider, URI instance, URI redirectUri) {
		allowedHosts.check("instanceUrl", instance);
		var cached = find(provider.platform(), instance);
		if (cached.isPresent() && cached.get().redirectUri().equals(redirectUri.toString())) {
			return cached.get().app();
		}
		OAuthApp app;
		try {
			app = provider.register(instance, redirectUri);
		}
		catch (PlatformException e) {
			throw ApiProblem.unprocessable("instanceUrl", "Troupe could not register itself on " + instance + ": "
					+ e.getMessage());
		}
		// two connects racing: the first registration stored wins, and both use it
		jdbc.sql("""
				insert into publishing_instance_apps (platform, instance_url, redirect_uri, client_id, client_secret_cipher,
				    scopes, authorize_url, token_url, api_base_url, created_at)
				values (?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, now())
				on conflict (platform, instance_url) do update set redirect_uri = excluded.redirect_uri,
				    client_id = excluded.client_id, client_secret_cipher = excluded.client_secret_cipher,
				    scopes = excluded.scopes, authorize_url = excluded.authorize_url, token_url = excluded.token_url,
				    api_base_url = excluded.api_base_url, created_at = excluded.created_at
				where publishing_instance_apps.redirect_uri <> excluded.redirect_uri""")
			.params(provider.platform(), instance.toString(), redirectUri.toString(), app.clientId(),
					cipher.encrypt(app.clientSecret()), json.writeValueAsString(app.scopes()), app.authorizeUrl().toString(),
					app.tokenUrl().toString(), app.apiBaseUrl().toString())
			.update();
		return find(provider.platform(), instance).orElseThrow().app();
	}

	Optional<OAuthApp> app(String platform, URI instance) {
		return find(platform, instance).map(Stored::app);
	}

	private record Stored(OAuthApp app, String redirectUri) {
	}

	private Optional<Stored> find(String platform, URI instance) {
		return jdbc.sql("select * from publishing_instance_apps where platform = ? and instance_url = ?")
			.params(platform, instance.toString())
			.query((rs, n) -> new Stored(new OAuthApp(platform, rs.getString("client_id"),
					cipher.decrypt(rs.getString("client_secret_cipher")),
					json.readValue(rs.getString("scopes"), new TypeReference<List<String>>() {
					}), URI.create(rs.getString("authorize_url")), URI.create(rs.getString("token_url")),
					URI.create(rs.getString("api_base_url"))), rs.getString("redirect_uri")))
			.optional();
	}

	/** The instance as typed, reduced to scheme, host and port: the form and the app cache agree on one spelling. */
	static URI normalize(String typed) {
		if (typed == null || typed.isBlank()) {
			throw ApiProblem.badRequest("instanceUrl", "is required: the address of the server the account lives on");
		}
		var text = typed.trim();
		if (!text.contains("://")) {
			text = "https://" + text;
		}
		URI uri;
		try {
			uri = URI.create(text);
		}
		catch (IllegalArgumentException e) {
			throw ApiProblem.badRequest("instanceUrl", "is not a URL");
		}
		var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
		if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getRawUserInfo() != null) {
			throw ApiProblem.badRequest("instanceUrl", "must be an http(s) address like https://social.example");
		}
		return URI.create(scheme + "://" + uri.getHost().toLowerCase(java.util.Locale.ROOT)
				+ (uri.getPort() == -1 ? "" : ":" + uri.getPort()));
	}
}
