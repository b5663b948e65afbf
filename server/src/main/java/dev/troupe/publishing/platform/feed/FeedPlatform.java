package dev.troupe.publishing.platform.feed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.troupe.media.MediaKind;
import dev.troupe.media.MediaManagement;
import dev.troupe.publishing.spi.AccountInfo;
import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.PlatformDescriptor;
import dev.troupe.publishing.spi.PlatformInsights;
import dev.troupe.publishing.spi.PublicLink;
import dev.troupe.publishing.spi.PublishOutcome;
import dev.troupe.publishing.spi.PublishRequest;
import dev.troupe.publishing.spi.SocialPlatform;

/**
 * Publishes to the character's own feed inside Troupe. Idempotent by construction: one entry per publication.
 */
@Component
class FeedPlatform implements SocialPlatform, PlatformInsights {

	private final FeedItems items;
	private final MediaManagement media;
	private final FeedFiles files;
	private final FeedAudience audience;

	FeedPlatform(FeedItems items, MediaManagement media, FeedFiles files, FeedAudience audience) {
		this.items = items;
		this.media = media;
		this.files = files;
		this.audience = audience;
	}

	/** What Troupe counted itself: servings of the page and of the feeds that showed each entry. */
	@Override
	public Map<String, Map<String, Long>> publicationMetrics(List<PublishedPost> posts, ChannelContext channel) {
		var ids = new ArrayList<UUID>();
		for (var post : posts) {
			try {
				ids.add(UUID.fromString(post.remoteId()));
			}
			catch (IllegalArgumentException notAnEntry) {
				// not published by this adapter: left out
			}
		}
		return audience.entries(ids);
	}

	@Override
	public Map<String, Long> accountMetrics(ChannelContext channel) {
		return audience.feed(channel.characterHandle());
	}

	@Override
	public String type() {
		return "feed";
	}

	@Override
	public PlatformDescriptor descriptor() {
		return FeedDescriptor.DESCRIPTOR;
	}

	@Override
	public AccountInfo verify(ChannelContext channel) {
		return new AccountInfo(channel.characterHandle() + "'s feed", "@" + channel.characterHandle(), null,
				"/feeds/" + channel.characterHandle());
	}

	@Override
	public List<PublicLink> publicAddresses(ChannelContext channel) {
		var base = "/feeds/" + channel.characterHandle();
		return List.of(new PublicLink("Public page", base), new PublicLink("RSS", base + "/rss.xml"),
				new PublicLink("Atom", base + "/atom.xml"), new PublicLink("JSON Feed", base + "/feed.json"));
	}

	@Override
	public PublishOutcome publish(PublishRequest request, ChannelContext channel) {
		var refs = new ArrayList<FeedItems.MediaRef>();
		for (var file : request.media()) {
			// content-addressed: the same bytes are the same asset, so nothing is stored twice
			// streamed: a video is hashed and copied to the store without being held in memory
			var asset = media.store(file::open, file.size(), file.filename(), MediaKind.ANY, "media", "feed");
			refs.add(new FeedItems.MediaRef(asset.id(), asset.contentType(), file.altText(), asset.size()));
		}
		items.add(request.publicationId(), channel.characterHandle(), request.text(), refs, Instant.now());
		files.write(channel.characterHandle());
		return published(request, channel);
	}

	@Override
	public PublishOutcome reconcile(PublishRequest request, ChannelContext channel) {
		return items.exists(request.publicationId()) ? published(request, channel)
				: new PublishOutcome.NotPublished("not in the feed");
	}

	private static PublishOutcome published(PublishRequest request, ChannelContext channel) {
		return new PublishOutcome.Published(request.publicationId().toString(),
				"/feeds/" + channel.characterHandle() + "#" + request.publicationId());
	}
}
