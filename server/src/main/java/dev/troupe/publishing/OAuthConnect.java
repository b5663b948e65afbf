package dev.troupe.publishing;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.troupe.character.CharacterManagement;
import dev.troupe.publishing.PublishingEvents.ChannelChanged;
import dev.troupe.publishing.spi.AccountInfo;
import dev.troupe.publishing.spi.OAuthAccount;
import dev.troupe.publishing.spi.OAuthHttp;
import dev.troupe.publishing.spi.PlatformException;
import dev.troupe.security.SecretCipher;
import dev.troupe.shared.Actors;
import dev.troupe.shared.ApiProblem;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The generic "connect account" flow (ADR 0017): authorize URL with state and PKCE, the callback that exchanges
 * the code and lists the accounts, and turning picked accounts into channels. Reconnecting an account that
 * already has a channel on the character replaces its token and keeps the channel, its history and its queue.
 */
@Service
@Transactional
class OAuthConnect {

	private final OAuthProviders providers;
	private final PlatformApps apps;
	private final InstanceApps instanceApps;
	private final OAuthStates states;
	private final Connections connections;
	private final OAuthChannels oauthChannels;
	private final Channels channels;
	private final Platforms platforms;
	private final Publications publications;
	private final PublicationTasks publicationTasks;
	private final TokenRefresh refresh;
	private final CharacterManagement characters;
	private final SecretCipher cipher;
	private final JsonMapper json;
	private final ApplicationEventPublisher events;

	OAuthConnect(OAuthProviders providers, PlatformApps apps, InstanceApps instanceApps, OAuthStates states, Connections connections,
			OAuthChannels oauthChannels, Channels channels, Platforms platforms, Publications publications,
			PublicationTasks publicationTasks, TokenRefresh refresh, CharacterManagement characters, SecretCipher cipher,
			JsonMapper json, ApplicationEventPublisher events) {
		this.providers = providers;
		this.apps = apps;
		this.instanceApps = instanceApps;
		this.states = states;
		this.connections = connections;
		this.oauthChannels = oauthChannels;
		this.channels = channels;
		this.platforms = platforms;
		this.publications = publications;
		this.publicationTasks = publicationTasks;
		this.refresh = refresh;
		this.characters = characters;
		this.cipher = cipher;
		this.json = json;
		this.events = events;
	}

	/** A callback that cannot go on: shown to the person as a page; nothing was stored. */
	static final class ConnectFailed extends RuntimeException {

		ConnectFailed(String message) {
			super(message);
		}
	}

	/**
	 * What a finished grant's accounts keep, encrypted, until the person picks. {@code baseUrl}: the instance of a
	 * federated platform (the channel's base URL), else null and the registered app's API root is used.
	 */
	record Secret(String id, Map<String, String> credentials, Instant expiresAt, Map<String, String> settings,
			String baseUrl) {
	}

	/** {@code instanceUrl} is required for federated platforms and ignored for the others. */
	URI start(String platform, UUID characterId, String instanceUrl) {
		if (platform == null || platform.isBlank()) {
			throw ApiProblem.badRequest("platform", "is required");
		}
		if (characterId == null) {
			throw ApiProblem.badRequest("characterId", "is required");
		}
		var provider = providers.of(platform);
		characters.get(characterId);
		URI instance = provider.perInstance() ? InstanceApps.normalize(instanceUrl) : null;
		var app = instance != null ? instanceApps.obtain(provider, instance, providers.redirectUri(platform))
				: apps.app(platform).orElseThrow(() -> ApiProblem.unprocessable("platform",
						"register the " + platform + " app first (System → Platform apps)"));
		var params = new LinkedHashMap<String, String>();
		params.put(provider.clientIdParameter(), app.clientId());
		params.put("redirect_uri", providers.redirectUri(platform).toString());
		params.put("response_type", "code");
		params.put("scope", String.join(provider.scopeDelimiter(), app.scopes()));
		String verifier = null;
		if (provider.pkce()) {
			verifier = OAuthStates.random(48); // 64 characters, RFC 7636 §4.1
			params.put("code_challenge", Base64.getUrlEncoder().withoutPadding().encodeToString(OAuthStates.sha256(verifier)));
			params.put("code_challenge_method", "S256");
		}
		params.putAll(provider.authorizeParameters());
		var state = states.create(platform, characterId, Actors.current(), verifier == null ? null : cipher.encrypt(verifier),
				instance == null ? null : instance.toString());
		params.put("state", state);
		var base = app.authorizeUrl().toString();
		return URI.create(base + (base.contains("?") ? "&" : "?") + OAuthHttp.encode(params));
	}

	/** Ends the browser's round trip: returns the connection whose accounts the person picks from. */
	@Transactional(noRollbackFor = ConnectFailed.class)
	UUID callback(String platform, Map<String, String> query) {
		var state = query.get("state");
		if (state == null || state.isBlank()) {
			throw new ConnectFailed("The platform sent Troupe back without the state of a connect request. Start again "
					+ "from \"Connect account\".");
		}
		var user = Actors.current();
		var signedIn = SecurityContextHolder.getContext().getAuthentication() != null
				&& !(SecurityContextHolder.getContext().getAuthentication() instanceof AnonymousAuthenticationToken);
		var pending = states.take(state, user).orElseThrow(() -> new ConnectFailed(!signedIn
				? "You are not signed in to Troupe in this browser. Sign in, then connect the account again."
				: states.exists(state) ? "This connect request was started by another Troupe user. Start your own from "
						+ "\"Connect account\"." : "This connect request is unknown or was already used. Start again from "
								+ "\"Connect account\"."));
		if (query.containsKey("error")) {
			var reason = query.getOrDefault("error_description", query.getOrDefault("error_reason", query.get("error")));
			throw new ConnectFailed("Access was not granted on " + platform + " (" + reason + "). Nothing was connected.");
		}
		if (!pending.platform().equals(platform)) {
			throw new ConnectFailed("This connect request was for " + pending.platform() + ", not " + platform + ".");
		}
		if (pending.expired(Instant.now())) {
			throw new ConnectFailed("This connect request is more than " + OAuthStates.VALIDITY.toMinutes()
					+ " minutes old. Start again from \"Connect account\".");
		}
		var code = query.get("code");
		if (code == null || code.isBlank()) {
			throw new ConnectFailed(platform + " sent no authorization code. Start again from \"Connect account\".");
		}
		var provider = providers.of(platform);
		var app = (pending.instanceUrl() != null ? instanceApps.app(platform, URI.create(pending.instanceUrl()))
				: apps.app(platform)).orElseThrow(() -> new ConnectFailed("The " + platform
						+ " app is not registered any more: register it again (System → Platform apps), then connect again."));
		List<OAuthAccount> accounts;
		try {
			var verifier = pending.verifierCipher() == null ? null : cipher.decrypt(pending.verifierCipher());
			var grant = provider.exchange(app, code, providers.redirectUri(platform), verifier);
			accounts = provider.accounts(app, grant);
		}
		catch (PlatformException e) {
			throw new ConnectFailed(platform + " refused the connection: " + e.getMessage()
					+ ". Nothing was connected; start again from \"Connect account\".");
		}
		if (accounts.isEmpty()) {
			throw new ConnectFailed("The " + platform + " login covers no account Troupe can publish to. Nothing was "
					+ "connected.");
		}
		var secrets = accounts.stream().map(a -> new Secret(a.id(), a.grant().credentials(), a.grant().expiresAt(),
				a.settings(), pending.instanceUrl())).toList();
		var id = UUID.randomUUID();
		connections.save(new Connections.Connection(id, platform, pending.characterId(), user,
				accounts.stream().map(a -> new Connections.Account(a.id(), a.name(), a.handle(), a.avatarUrl())).toList(),
				cipher.encrypt(json.writeValueAsString(secrets)), Instant.now().plus(Connections.VALIDITY)));
		return id;
	}

	@Transactional(readOnly = true)
	Connections.Connection connection(UUID id) {
		var connection = connections.find(id).filter(c -> c.user().equals(Actors.current()))
			.orElseThrow(() -> ApiProblem.notFound("Connection", id));
		if (!Instant.now().isBefore(connection.expiresAt())) {
			throw new ApiProblem(org.springframework.http.HttpStatus.GONE, "Expired",
					"This connection is more than an hour old; connect the account again", List.of());
		}
		return connection;
	}

	List<Channel> createChannels(UUID id, List<String> accountIds) {
		var connection = connection(id);
		if (accountIds == null || accountIds.isEmpty()) {
			throw ApiProblem.badRequest("accountIds", "pick at least one account");
		}
		var secrets = json.readValue(cipher.decrypt(connection.secretsCipher()), new TypeReference<List<Secret>>() {
		});
		var picked = new ArrayList<Channel>();
		for (int i = 0; i < accountIds.size(); i++) {
			var accountId = accountIds.get(i);
			var account = connection.accounts().stream().filter(a -> a.id().equals(accountId)).findFirst()
				.orElseThrow(badAccount(i));
			var secret = secrets.stream().filter(s -> s.id().equals(accountId)).findFirst().orElseThrow(badAccount(i));
			picked.add(connect(connection, account, secret));
		}
		if (!connections.delete(id)) {
			throw ApiProblem.conflict("id", "This connection was already used");
		}
		return picked;
	}

	private Channel connect(Connections.Connection connection, Connections.Account account, Secret secret) {
		var platform = connection.platform();
		var now = Instant.now();
		var info = new AccountInfo(account.name(), account.handle(), account.avatarUrl(), null);
		var credentials = platforms.encrypt(secret.credentials());
		var existing = oauthChannels.channelOf(connection.characterId(), platform, account.id()).flatMap(channels::find);
		Channel channel;
		if (existing.isPresent()) {
			var c = existing.get();
			channel = new Channel(c.id(), c.characterId(), c.platform(), c.name(), c.baseUrl(), credentials, c.settings(),
					c.autoApprove(), c.queueSlots(), Channel.Status.OK, null, info, c.blockedUntil(), c.createdAt());
			channels.save(channel);
			if (c.status() == Channel.Status.NEEDS_RECONNECT) {
				publications.releaseWaiting(c.id()).forEach(p -> publicationTasks.arm(p, now));
			}
			events.publishEvent(new ChannelChanged(c.id(), Actors.current(), "channel.reconnected", Map.of("platform", platform)));
		}
		else {
			var baseUrl = secret.baseUrl() != null ? URI.create(secret.baseUrl()) : apps.registration(platform)
				.orElseThrow(() -> ApiProblem.unprocessable("platform", "the " + platform
						+ " app was removed: register it again (System → Platform apps), then connect again"))
				.apiBaseUrl();
			channel = new Channel(UUID.randomUUID(), connection.characterId(), platform,
					account.name() == null || account.name().isBlank() ? platform : account.name(), baseUrl, credentials,
					secret.settings(), false, List.of(), Channel.Status.OK, null, info, null, now);
			channels.save(channel);
			events.publishEvent(new ChannelChanged(channel.id(), Actors.current(), "channel.connected",
					Map.of("platform", platform)));
		}
		oauthChannels.issued(channel.id(), account.id(), now, secret.expiresAt());
		refresh.arm(channel.id(), platform, now, secret.expiresAt());
		return channel;
	}

	private static java.util.function.Supplier<ApiProblem> badAccount(int index) {
		return () -> ApiProblem.badRequest("accountIds[" + index + "]", "is not an account of this connection");
	}
}
