package dev.troupe.publishing.platform.bluesky;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.troupe.publishing.spi.AccountInfo;
import dev.troupe.publishing.spi.Capabilities;
import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.OutcomeException;
import dev.troupe.publishing.spi.PlatformDescriptor;
import dev.troupe.publishing.spi.PlatformException;
import dev.troupe.publishing.spi.PlatformInsights;
import dev.troupe.publishing.spi.PostDraft;
import dev.troupe.publishing.spi.PublishOutcome;
import dev.troupe.publishing.spi.PublishRequest;
import dev.troupe.publishing.spi.SocialPlatform;
import dev.troupe.publishing.spi.TextCounting;
import dev.troupe.publishing.spi.Violation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes to Bluesky, or any atproto PDS, with an app password. Channel: {@code baseUrl} = the account's PDS
 * (for most accounts https://bsky.social), credentials {@code identifier} (handle or DID) and {@code appPassword},
 * settings {@code langs} (comma list), {@code timeoutMillis}, {@code maxImageBytes}. The record key is derived from
 * the publication, so a repeat can never create a second post and reconcile can look the post up.
 */
@Component
public class BlueskyPlatform implements SocialPlatform, PlatformInsights {

	/** Where posts are shown; the PDS only stores them. */
	static final String WEB_APP = "https://bsky.app";

	private final JsonMapper json;
	private final BlueskySessions sessions = new BlueskySessions();
	private final BlueskyAppView appView;

	public BlueskyPlatform(JsonMapper json) {
		this(json, BlueskyAppView.PUBLIC_APPVIEW);
	}

	/** @param appViewUrl where counts are read unless a channel names its own AppView ({@code appViewUrl}) */
	@Autowired
	public BlueskyPlatform(JsonMapper json, @Value("${troupe.bluesky.app-view-url:}") String appViewUrl) {
		this.json = json;
		this.appView = new BlueskyAppView(json, appViewUrl);
	}

	@Override
	public Map<String, Map<String, Long>> publicationMetrics(List<PublishedPost> posts, ChannelContext channel)
			throws PlatformException {
		return appView.posts(posts.stream().map(PublishedPost::remoteId).toList(), channel);
	}

	/** By the handle or DID the channel signs in with; an email sign-in asks the PDS session for the DID. */
	@Override
	public Map<String, Long> accountMetrics(ChannelContext channel) throws PlatformException {
		var identifier = java.util.Objects.toString(channel.credential("identifier"), "").trim().replaceFirst("^@", "");
		if (identifier.isEmpty() || identifier.contains("@")) {
			try {
				identifier = sessions.current(channel, new BlueskyClient(channel, json)).did();
			}
			catch (OutcomeException e) {
				throw new PlatformException(e.outcome().toString(), e.outcome() instanceof PublishOutcome.ChannelRevoked);
			}
		}
		return appView.profile(identifier, channel);
	}

	@Override
	public String type() {
		return "bluesky";
	}

	@Override
	public PlatformDescriptor descriptor() {
		return BlueskyDescriptor.DESCRIPTOR;
	}

	/**
	 * The descriptor's limits. Blobs: the images lexicon allowed 1,000,000 bytes until bsky.social raised it to
	 * 2,000,000 (2026); 1 MB is the default because a self-hosted PDS may still enforce the old limit, and
	 * {@code maxImageBytes} lets a channel use more.
	 */
	@Override
	public Capabilities capabilities(ChannelContext channel) {
		var defaults = Capabilities.of(descriptor());
		return defaults.withMaxBytes(Long.parseLong(channel.setting("maxImageBytes",
				String.valueOf(defaults.maxImageBytes()))), defaults.maxVideoBytes());
	}

	/** The descriptor counts graphemes; the record also has a byte limit. */
	@Override
	public List<Violation> validate(PostDraft draft, ChannelContext channel) {
		var violations = new ArrayList<>(SocialPlatform.super.validate(draft, channel));
		if (TextCounting.UTF8_BYTES.count(draft.text(), -1) > BlueskyDescriptor.MAX_BYTES
				&& violations.stream().noneMatch(v -> v.field().equals("text"))) {
			violations.add(0, new Violation("text", "longer than Bluesky's " + BlueskyDescriptor.MAX_BYTES + " bytes"));
		}
		return violations;
	}

	@Override
	public AccountInfo verify(ChannelContext channel) throws PlatformException {
		var client = new BlueskyClient(channel, json);
		BlueskySession session;
		try {
			session = sessions.create(channel, client);
		}
		catch (OutcomeException e) {
			var revoked = e.outcome() instanceof PublishOutcome.ChannelRevoked;
			throw new PlatformException(e.outcome().toString(), revoked);
		}
		var profileUrl = WEB_APP + "/profile/" + session.handle();
		try {
			var profile = sessions.call(channel, client, client::getProfile);
			var displayName = profile.ok() ? profile.text("displayName") : null;
			var name = displayName == null || displayName.isBlank() ? session.handle() : displayName;
			return new AccountInfo(name, "@" + session.handle(), profile.ok() ? profile.text("avatar") : null,
					profileUrl);
		}
		catch (OutcomeException | IOException e) {
			// the session proves the credentials; a PDS without an AppView cannot show the profile
			return new AccountInfo(session.handle(), "@" + session.handle(), null, profileUrl);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new PlatformException("interrupted while verifying", false, e);
		}
	}

	@Override
	public PublishOutcome publish(PublishRequest request, ChannelContext channel) {
		var client = new BlueskyClient(channel, json);
		var rkey = RecordKey.derive(request.idempotencyKey(), request.scheduledAt());
		try {
			var blobs = new ArrayList<JsonNode>();
			for (var media : request.media()) {
				blobs.add(uploadBlob(channel, client, media));
			}
			var record = PostRecord.of(request, blobs, PostRecord.langs(channel.setting("langs", null)), json);
			XrpcResponse created;
			try {
				created = sessions.call(channel, client, session -> client.createRecord(session, rkey, record));
			}
			catch (IOException | InterruptedException e) {
				return BlueskyErrors.transport(e, true);
			}
			if (created.ok()) {
				return published(created.text("uri"), sessions.current(channel, client), rkey);
			}
			return createFailed(created, channel, client, rkey);
		}
		catch (OutcomeException e) {
			return e.outcome();
		}
	}

	/** Looks the derived record key up: the record exists, certainly does not, or the PDS cannot say. */
	@Override
	public PublishOutcome reconcile(PublishRequest request, ChannelContext channel) {
		var client = new BlueskyClient(channel, json);
		var rkey = RecordKey.derive(request.idempotencyKey(), request.scheduledAt());
		try {
			var found = sessions.call(channel, client, session -> client.getRecord(session, rkey));
			if (found.ok()) {
				return published(found.text("uri"), sessions.current(channel, client), rkey);
			}
			if ("RecordNotFound".equals(found.error())) {
				// safe to publish again: a new create uses this same key, so it still cannot duplicate
				return new PublishOutcome.NotPublished("no post under record key " + rkey);
			}
			return new PublishOutcome.OutcomeUnknown("getRecord answered " + found.describe());
		}
		catch (OutcomeException e) {
			return new PublishOutcome.OutcomeUnknown("could not look the post up: " + e.outcome());
		}
		catch (IOException | InterruptedException e) {
			if (e instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			return new PublishOutcome.OutcomeUnknown("could not look the post up: " + e.getMessage());
		}
	}

	private JsonNode uploadBlob(ChannelContext channel, BlueskyClient client, PublishRequest.Media media)
			throws OutcomeException {
		XrpcResponse uploaded;
		try {
			uploaded = sessions.call(channel, client, session -> client.uploadBlob(session, media));
		}
		catch (IOException | InterruptedException e) {
			throw new OutcomeException(BlueskyErrors.transport(e, false));
		}
		if (!uploaded.ok() || !uploaded.body().has("blob")) {
			throw new OutcomeException(BlueskyErrors.beforePost(uploaded));
		}
		return uploaded.body().get("blob");
	}

	/**
	 * A create under a key that exists fails with 500 InternalServerError (atproto#3718) or, once fixed, a proper
	 * error; any 5xx may also have come after the write. So unless the PDS refused us, ask whether the key exists.
	 */
	private PublishOutcome createFailed(XrpcResponse created, ChannelContext channel, BlueskyClient client,
			String rkey) throws OutcomeException {
		if (BlueskyErrors.refused(created) || BlueskyErrors.expired(created) || created.status() == 429) {
			return BlueskyErrors.beforePost(created);
		}
		XrpcResponse found;
		try {
			found = sessions.call(channel, client, session -> client.getRecord(session, rkey));
		}
		catch (IOException | InterruptedException e) {
			if (e instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			return new PublishOutcome.OutcomeUnknown(
					"createRecord answered " + created.describe() + " and the record could not be looked up");
		}
		if (found.ok()) {
			return published(found.text("uri"), sessions.current(channel, client), rkey);
		}
		if (!"RecordNotFound".equals(found.error())) {
			return new PublishOutcome.OutcomeUnknown("createRecord answered " + created.describe()
					+ "; getRecord answered " + found.describe());
		}
		return created.status() >= 500
				? new PublishOutcome.Transient("the PDS answered " + created.describe() + " and stored nothing")
				: new PublishOutcome.ContentRejected(created.describe());
	}

	private static PublishOutcome published(String uri, BlueskySession session, String rkey) {
		// the at-uri is fully determined by the repo and the key, should an answer leave it out
		var remoteId = uri != null ? uri : "at://" + session.did() + "/" + BlueskyClient.POST_COLLECTION + "/" + rkey;
		return new PublishOutcome.Published(remoteId, WEB_APP + "/profile/" + session.handle() + "/post/" + rkey);
	}
}
