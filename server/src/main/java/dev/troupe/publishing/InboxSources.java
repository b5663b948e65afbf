package dev.troupe.publishing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

import dev.troupe.content.PostManagement;
import dev.troupe.publishing.spi.PlatformDescriptor.InboxSpec;
import dev.troupe.publishing.spi.PlatformException;
import dev.troupe.publishing.spi.PlatformInbox;
import dev.troupe.publishing.spi.PlatformInbox.IncomingItem;
import dev.troupe.shared.ApiProblem;

/**
 * The engagement module's window on channels whose adapter reads an inbox ({@link PlatformInbox}): which channels
 * have one, reading it with the channel's decrypted credentials, and Troupe's own publication an item answers.
 * Credentials never leave this class.
 */
@Service
public class InboxSources {

	private final Channels channels;
	private final Platforms platforms;
	private final Publications publications;
	private final PostManagement posts;

	InboxSources(Channels channels, Platforms platforms, Publications publications, PostManagement posts) {
		this.channels = channels;
		this.platforms = platforms;
		this.publications = publications;
		this.posts = posts;
	}

	/**
	 * A channel with an inbox. {@code connected}: its credentials work as far as Troupe knows; {@code blockedUntil}:
	 * the platform asked Troupe to wait (a rate limit); {@code maxTextLength}: how long a reply may be there.
	 */
	public record Source(UUID channelId, UUID characterId, String platform, String platformName, String name,
			InboxSpec inbox, boolean connected, Instant blockedUntil, int maxTextLength) {
	}

	/** Troupe's own post that an item answers, as published on the channel. */
	public record Original(UUID publicationId, UUID postId, String text, String url) {
	}

	public List<Source> all() {
		return channels.list(null).stream().filter(this::hasInbox).map(this::source).toList();
	}

	public Optional<Source> find(UUID channelId) {
		return channels.find(channelId).filter(this::hasInbox).map(this::source);
	}

	/** Whether the channel exists at all (with or without an inbox). */
	public boolean exists(UUID channelId) {
		return channels.find(channelId).isPresent();
	}

	public PlatformInbox.InboxPage fetch(UUID channelId, String cursor) throws PlatformException {
		var channel = channel(channelId);
		return inbox(channel).fetch(platforms.context(channel), cursor);
	}

	public List<IncomingItem> thread(UUID channelId, IncomingItem item) throws PlatformException {
		var channel = channel(channelId);
		return inbox(channel).thread(item, platforms.context(channel));
	}

	public Optional<Original> original(UUID channelId, String remoteId) {
		if (remoteId == null) {
			return Optional.empty();
		}
		return publications.byRemoteId(channelId, remoteId).map(p -> new Original(p.id(), p.postId(),
				posts.get(p.postId()).captionFor(channelId), p.url()));
	}

	private Channel channel(UUID channelId) {
		return channels.find(channelId).filter(this::hasInbox)
			.orElseThrow(() -> ApiProblem.notFound("Channel with an inbox", channelId));
	}

	private boolean hasInbox(Channel channel) {
		return platforms.knows(channel.platform()) && platforms.of(channel.platform()) instanceof PlatformInbox;
	}

	private PlatformInbox inbox(Channel channel) {
		return (PlatformInbox) platforms.of(channel.platform());
	}

	private Source source(Channel channel) {
		var platform = platforms.of(channel.platform());
		int max;
		try {
			max = platform.capabilities(platforms.context(channel)).maxTextLength();
		}
		catch (RuntimeException unreadable) {
			max = platform.descriptor().capabilities().text().maxLength();
		}
		return new Source(channel.id(), channel.characterId(), channel.platform(), platform.descriptor().displayName(),
				channel.name(), platform.descriptor().inbox(), channel.status() == Channel.Status.OK, channel.blockedUntil(),
				max);
	}
}
