package dev.troupe.publishing.platform.bluesky;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.OutcomeException;

/**
 * Keeps one session per channel in memory: createSession is limited to 30 per 5 minutes and 300 a day per
 * account, so it must not run on every publish. An expired access token is refreshed with the refresh token; when
 * that fails too, a new session is created from the app password.
 */
final class BlueskySessions {

	private record Entry(int credentials, BlueskySession session) {
	}

	@FunctionalInterface
	interface Call {

		XrpcResponse send(BlueskySession session) throws IOException, InterruptedException;
	}

	private final Map<UUID, Entry> sessions = new ConcurrentHashMap<>();

	/** Runs {@code call} with the channel's session; on {@code ExpiredToken} renews it and runs the call once more. */
	XrpcResponse call(ChannelContext channel, BlueskyClient client, Call call)
			throws OutcomeException, IOException, InterruptedException {
		var session = current(channel, client);
		var response = call.send(session);
		if (!BlueskyErrors.expired(response)) {
			return response;
		}
		// an expired token is refused before anything is written, so the repeat cannot duplicate
		return call.send(renew(channel, client, session));
	}

	BlueskySession current(ChannelContext channel, BlueskyClient client) throws OutcomeException {
		var entry = sessions.get(channel.channelId());
		if (entry != null && entry.credentials() == fingerprint(channel)) {
			return entry.session();
		}
		return create(channel, client);
	}

	/** A fresh session from the identifier and app password; also how "Verify" checks the credentials. */
	BlueskySession create(ChannelContext channel, BlueskyClient client) throws OutcomeException {
		XrpcResponse response;
		try {
			response = client.createSession(Objects.toString(channel.credential("identifier"), ""),
					Objects.toString(channel.credential("appPassword"), ""));
		}
		catch (IOException | InterruptedException e) {
			throw new OutcomeException(BlueskyErrors.transport(e, false));
		}
		if (!response.ok()) {
			sessions.remove(channel.channelId());
			throw new OutcomeException(BlueskyErrors.beforePost(response));
		}
		return remember(channel, BlueskySession.from(response));
	}

	private BlueskySession renew(ChannelContext channel, BlueskyClient client, BlueskySession expired)
			throws OutcomeException {
		try {
			var refreshed = client.refreshSession(expired.refreshJwt());
			if (refreshed.ok()) {
				return remember(channel, BlueskySession.from(refreshed));
			}
		}
		catch (IOException | InterruptedException e) {
			throw new OutcomeException(BlueskyErrors.transport(e, false));
		}
		return create(channel, client); // the refresh token expired or was revoked: log in again
	}

	private BlueskySession remember(ChannelContext channel, BlueskySession session) {
		sessions.put(channel.channelId(), new Entry(fingerprint(channel), session));
		return session;
	}

	/** A changed app password or PDS must not reuse the old session. */
	private static int fingerprint(ChannelContext channel) {
		return Objects.hash(channel.baseUrl(), channel.credential("identifier"), channel.credential("appPassword"));
	}
}
