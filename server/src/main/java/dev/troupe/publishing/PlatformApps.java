package dev.troupe.publishing;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.troupe.publishing.spi.OAuthApp;
import dev.troupe.security.AllowedHosts;
import dev.troupe.security.SecretCipher;
import dev.troupe.shared.Actors;
import dev.troupe.shared.ApiProblem;
import dev.troupe.shared.AuditableEvent;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The app an owner registered per OAuth platform. The client secret is encrypted with the {@link SecretCipher}
 * and only ever decrypted into an {@link OAuthApp} for a token call; the URLs default to the provider's own.
 */
@Component
@Transactional
class PlatformApps {

	private final JdbcClient jdbc;
	private final SecretCipher cipher;
	private final JsonMapper json;
	private final OAuthProviders providers;
	private final ApplicationEventPublisher events;
	private final AllowedHosts allowedHosts;

	PlatformApps(JdbcClient jdbc, SecretCipher cipher, JsonMapper json, OAuthProviders providers,
			ApplicationEventPublisher events, AllowedHosts allowedHosts) {
		this.allowedHosts = allowedHosts;
		this.jdbc = jdbc;
		this.cipher = cipher;
		this.json = json;
		this.providers = providers;
		this.events = events;
	}

	/** A field left out keeps what is stored; an empty URL (or {@code scopes: []}) goes back to the platform's default. */
	record Input(String clientId, String clientSecret, List<String> scopes, String authorizeUrl, String tokenUrl,
			String apiBaseUrl) {
	}

	/** What is stored, without the secret: for the System → Platform apps page. */
	record Registration(String clientId, boolean clientSecretSet, List<String> scopes, URI authorizeUrl, URI tokenUrl,
			URI apiBaseUrl, Instant updatedAt) {
	}

	record AppChanged(String platform, String actor, String action, Map<String, Object> detail) implements AuditableEvent {

		public String subjectType() {
			return "platform-app";
		}

		public String subjectId() {
			return platform;
		}
	}

	void save(String platform, Input in) {
		if (providers.of(platform).perInstance()) {
			throw ApiProblem.badRequest("platform", "needs no registered app: Troupe registers itself on each instance "
					+ "when an account is connected");
		}
		if (in == null || in.clientId() == null || in.clientId().isBlank()) {
			throw ApiProblem.badRequest("clientId", "is required (the app id from the platform's developer console)");
		}
		var existing = registration(platform);
		if (existing.isEmpty() && (in.clientSecret() == null || in.clientSecret().isBlank())) {
			throw ApiProblem.badRequest("clientSecret", "is required when the app is first registered");
		}
		if (in.scopes() != null && in.scopes().stream().anyMatch(s -> s == null || s.isBlank() || s.contains(" "))) {
			throw ApiProblem.badRequest("scopes", "must be scope names without spaces");
		}
		var secret = in.clientSecret() == null || in.clientSecret().isBlank() ? null : cipher.encrypt(in.clientSecret().trim());
		jdbc.sql("""
				insert into publishing_platform_apps (platform, client_id, client_secret_cipher, scopes, authorize_url,
				    token_url, api_base_url, updated_at)
				values (?, ?, ?, cast(? as jsonb), ?, ?, ?, now())
				on conflict (platform) do update set client_id = excluded.client_id,
				    client_secret_cipher = coalesce(excluded.client_secret_cipher, publishing_platform_apps.client_secret_cipher),
				    scopes = case when ? then excluded.scopes else publishing_platform_apps.scopes end,
				    authorize_url = case when ? then excluded.authorize_url else publishing_platform_apps.authorize_url end,
				    token_url = case when ? then excluded.token_url else publishing_platform_apps.token_url end,
				    api_base_url = case when ? then excluded.api_base_url else publishing_platform_apps.api_base_url end,
				    updated_at = now()""")
			.params(platform, in.clientId().trim(), secret, in.scopes() == null ? null : json.writeValueAsString(in.scopes()),
					url("authorizeUrl", in.authorizeUrl()), url("tokenUrl", in.tokenUrl()), url("apiBaseUrl", in.apiBaseUrl()),
					in.scopes() != null, in.authorizeUrl() != null, in.tokenUrl() != null, in.apiBaseUrl() != null)
			.update();
		events.publishEvent(new AppChanged(platform, Actors.current(), "platform-app.saved",
				Map.of("clientId", in.clientId().trim(), "secretReplaced", secret != null)));
	}

	/** What is stored, with the provider's defaults for what is not; the secret stays encrypted. */
	@Transactional(readOnly = true)
	Optional<Registration> registration(String platform) {
		var provider = providers.of(platform);
		return jdbc.sql("select * from publishing_platform_apps where platform = ?").param(platform)
			.query((rs, n) -> {
				var scopes = scopes(rs.getString("scopes"));
				return new Registration(rs.getString("client_id"), rs.getString("client_secret_cipher") != null,
						scopes == null || scopes.isEmpty() ? provider.defaultScopes() : scopes, or(uri(rs.getString("authorize_url")), provider.authorizeUrl()),
						or(uri(rs.getString("token_url")), provider.tokenUrl()), or(uri(rs.getString("api_base_url")), provider.apiBaseUrl()),
						rs.getTimestamp("updated_at").toInstant());
			})
			.optional();
	}

	/** The app with defaults filled in and the secret decrypted, for a token call. */
	@Transactional(readOnly = true)
	Optional<OAuthApp> app(String platform) {
		var provider = providers.of(platform);
		return jdbc.sql("select * from publishing_platform_apps where platform = ?").param(platform)
			.query((rs, n) -> {
				var secret = rs.getString("client_secret_cipher");
				var scopes = scopes(rs.getString("scopes"));
				return new OAuthApp(platform, rs.getString("client_id"), secret == null ? null : cipher.decrypt(secret),
						scopes == null || scopes.isEmpty() ? provider.defaultScopes() : scopes,
						or(uri(rs.getString("authorize_url")), provider.authorizeUrl()),
						or(uri(rs.getString("token_url")), provider.tokenUrl()),
						or(uri(rs.getString("api_base_url")), provider.apiBaseUrl()));
			})
			.optional();
	}

	private List<String> scopes(String stored) {
		return stored == null ? null : json.readValue(stored, new TypeReference<List<String>>() {
		});
	}

	private static URI or(URI value, URI fallback) {
		return value == null ? fallback : value;
	}

	private static URI uri(String value) {
		return value == null ? null : URI.create(value);
	}

	/** Troupe calls the token and API addresses itself, so they obey TROUPE_ALLOWED_HOSTS like channel URLs. */
	private String url(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			var uri = new URI(value.trim());
			if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
				throw ApiProblem.badRequest(field, "must be an http(s) URL");
			}
			if (!field.equals("authorizeUrl")) {
				allowedHosts.check(field, uri);
			}
			return uri.toString();
		}
		catch (URISyntaxException e) {
			throw ApiProblem.badRequest(field, "is not a URL: " + e.getReason());
		}
	}

	static Timestamp ts(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}
}
