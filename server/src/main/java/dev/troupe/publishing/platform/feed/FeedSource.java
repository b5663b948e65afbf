package dev.troupe.publishing.platform.feed;

import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.troupe.media.MediaAsset;
import dev.troupe.media.MediaManagement;

/**
 * What every rendering of a feed starts from: the latest entries with their media sizes (entries written before
 * sizes were recorded get them from the media store), and the public address links are built from. Links come
 * from {@code troupe.public-url}, never from the request: a forged Host header must not end up in a feed.
 */
@Component
class FeedSource {

	static final int LIMIT = 50;

	private final FeedItems items;
	private final MediaManagement media;
	private final String publicUrl;

	FeedSource(FeedItems items, MediaManagement media, @Value("${troupe.public-url:http://localhost:8080}") String publicUrl) {
		this.items = items;
		this.media = media;
		this.publicUrl = publicUrl.replaceAll("/+$", "");
	}

	String publicUrl() {
		return publicUrl;
	}

	List<FeedItems.Item> latest(String handle) {
		return items.latest(handle, LIMIT).stream()
			.map(item -> new FeedItems.Item(item.id(), item.handle(), item.text(),
					item.media().stream().map(this::sized).toList(), item.publishedAt()))
			.toList();
	}

	private FeedItems.MediaRef sized(FeedItems.MediaRef ref) {
		if (ref.size() != null) {
			return ref;
		}
		var size = media.find(ref.assetId()).map(MediaAsset::size).orElse(0L);
		return new FeedItems.MediaRef(ref.assetId(), ref.contentType(), ref.altText(), size);
	}
}
