package dev.troupe.publishing.spi;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a platform adds to the generic "connect account" flow (ADR 0017): its endpoints and scopes, how a code
 * becomes a token (including a long-lived exchange where the platform has one), which accounts a grant
 * covers, and how a token is refreshed. Everything else (state, PKCE, storage, encryption, the refresh task)
 * is generic publishing code. Implemented by the platform's adapter, next to its {@link SocialPlatform}.
 */
public interface OAuthProvider {

	/** The platform id, the same as {@link SocialPlatform#type()}. */
	String platform();

	/** Where the browser is sent to consent, unless the registered app overrides it. */
	URI authorizeUrl();

	/** Where codes and tokens are exchanged, unless the registered app overrides it. */
	URI tokenUrl();

	/** The API root stored on channels, unless the registered app overrides it. */
	URI apiBaseUrl();

	List<String> defaultScopes();

	/** How scopes are joined in the authorize URL: RFC 6749 says a space; some platforms want a comma. */
	default String scopeDelimiter() {
		return " ";
	}

	/** The authorize parameter that carries the app id: RFC 6749 says {@code client_id}; TikTok wants {@code client_key}. */
	default String clientIdParameter() {
		return "client_id";
	}

	/** Whether the platform accepts PKCE (RFC 7636, S256). */
	default boolean pkce() {
		return false;
	}

	/** Extra authorize parameters the platform needs (e.g. {@code force_reauth}). */
	default Map<String, String> authorizeParameters() {
		return Map.of();
	}

	/**
	 * Federated platforms, where every server is its own authorization server: the connect request names the
	 * instance, and Troupe registers itself there ({@link #register}, cached per instance) instead of the owner
	 * registering one app under System → Platform apps.
	 */
	default boolean perInstance() {
		return false;
	}

	/**
	 * Registers Troupe as a client on {@code instance} (only when {@link #perInstance()}): the app with its client id,
	 * secret, scopes and the instance's endpoints. Throws when the instance refuses or does not answer.
	 */
	default OAuthApp register(URI instance, URI redirectUri) throws PlatformException {
		throw new PlatformException(platform() + " does not register apps per instance", false);
	}

	/** A refreshed token must be at least this old (Instagram and Threads: 24 hours). */
	default Duration minimumTokenAge() {
		return Duration.ZERO;
	}

	/** A short guide for the developer console, shown on System → Platform apps: plain text, one step a line. */
	default List<String> setupGuide() {
		return List.of();
	}

	/**
	 * Exchanges the code (and, where the platform has the step, the short-lived token for a long-lived one).
	 * {@code codeVerifier} is null without PKCE. Throws when the platform refuses (expired or reused code).
	 */
	OAuthGrant exchange(OAuthApp app, String code, URI redirectUri, String codeVerifier) throws PlatformException;

	/** The accounts the grant covers, each with the credentials its channel will hold. */
	List<OAuthAccount> accounts(OAuthApp app, OAuthGrant grant) throws PlatformException;

	/**
	 * Returns fresh credentials for a channel (the whole credentials map to store) and their expiry. Throws
	 * with {@code revoked} when the platform refuses for good (the channel needs a reconnect).
	 */
	OAuthGrant refresh(OAuthApp app, ChannelContext channel) throws PlatformException;
}
