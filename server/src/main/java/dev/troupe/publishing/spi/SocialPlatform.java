package dev.troupe.publishing.spi;

import java.util.ArrayList;
import java.util.List;

/**
 * An adapter to one platform's official API. Stateless: everything about the account is in the
 * {@link ChannelContext}. Outcomes are values, never exceptions, so the state machine sees every case.
 */
public interface SocialPlatform {

	/** The platform id stored on channels: {@code feed}, {@code telegram}, {@code mastodon}, … */
	String type();

	/**
	 * Name, icon, connect form, settings and limits: what generic code validates against and the dashboard renders.
	 * The descriptor's {@code type} is {@link #type()}.
	 */
	PlatformDescriptor descriptor();

	/**
	 * Where anyone can read what this channel published, for platforms whose pages Troupe itself serves. Most
	 * platforms have none beyond the account's profile (see {@link AccountInfo#profileUrl()}).
	 */
	default List<PublicLink> publicAddresses(ChannelContext channel) {
		return List.of();
	}

	/**
	 * What a post must fit on this channel: the descriptor's limits unless a channel has its own. May ask the
	 * platform (e.g. a Mastodon instance's limits) and cache the answer.
	 */
	default Capabilities capabilities(ChannelContext channel) {
		return Capabilities.of(descriptor());
	}

	/** Checks the credentials against the platform and returns the account as the platform shows it. */
	AccountInfo verify(ChannelContext channel) throws PlatformException;

	/**
	 * Publishes once. Implementations send the request at most once per call and report
	 * {@link PublishOutcome.OutcomeUnknown} whenever the request may have reached the platform without an answer.
	 * Platforms with idempotency use {@link PublishRequest#idempotencyKey()} so that a repeat cannot duplicate.
	 */
	PublishOutcome publish(PublishRequest request, ChannelContext channel);

	/**
	 * After an unknown outcome: finds out whether the post exists (Mastodon replays the idempotency key, Bluesky
	 * reads its own record key, others look at recent posts). Returns {@link PublishOutcome.Published} if it does,
	 * {@link PublishOutcome.NotPublished} if it certainly does not (safe to publish again), or
	 * {@link PublishOutcome.OutcomeUnknown} when the platform cannot tell (a person decides).
	 */
	default PublishOutcome reconcile(PublishRequest request, ChannelContext channel) {
		return new PublishOutcome.OutcomeUnknown(type() + " cannot look up whether the post was published");
	}

	/**
	 * Checks a post against the channel's capabilities, counting text the way the descriptor says; adapters may add
	 * platform-specific rules.
	 */
	default List<Violation> validate(PostDraft draft, ChannelContext channel) {
		var caps = capabilities(channel);
		var rules = descriptor().capabilities();
		var name = descriptor().displayName();
		var violations = new ArrayList<Violation>();
		var length = rules.text().length(draft.text());
		if (length > caps.maxTextLength()) {
			violations.add(new Violation("text", length + " characters; " + name + " allows " + caps.maxTextLength()));
		}
		if (draft.media().size() > caps.maxMedia()) {
			violations.add(new Violation("media", draft.media().size() + " files; " + name + " allows " + caps.maxMedia()));
		}
		if (draft.replyTo() != null && !(this instanceof PlatformInbox)) {
			violations.add(new Violation("replyTo", name + " cannot answer a post through Troupe: it has no inbox"));
		}
		if (draft.media().isEmpty() && draft.text().isBlank()) {
			violations.add(new Violation("text", "a post needs text or media"));
		}
		if (caps.requiresMedia() && draft.media().isEmpty()) {
			violations.add(new Violation("media", name + " needs at least one image or video"));
		}
		else if (draft.media().size() < rules.media().minCount()) {
			violations.add(new Violation("media", name + " needs at least " + rules.media().minCount() + " files"));
		}
		for (int i = 0; i < draft.media().size(); i++) {
			var media = draft.media().get(i);
			if (caps.mediaTypes().stream().noneMatch(media.contentType()::startsWith)) {
				violations.add(new Violation("media[" + i + "]", media.contentType() + " is not accepted by " + name
						+ " (accepted: " + String.join(", ", rules.media().formats()) + ")"));
			}
			if (media.altText() != null && media.altText().length() > caps.maxAltTextLength()) {
				violations.add(new Violation("media[" + i + "].altText", "alt text longer than " + caps.maxAltTextLength()));
			}
		}
		return violations;
	}
}
