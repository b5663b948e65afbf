package dev.troupe.publishing.platform.feed;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.troupe.media.MediaManagement;
import dev.troupe.shared.ApiProblem;

/**
 * The public side of the Feed channel: no sign-in. Only media attached to published feed entries is served.
 * Feeds are revalidated often; media is content-addressed, so it is cached for a year and streamed with Range.
 */
@RestController
@RequestMapping("/feeds/{handle}")
class FeedController {

	private static final CacheControl FEED_CACHE = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();

	private final FeedSource source;
	private final FeedItems items;
	private final MediaManagement media;
	private final FeedAudience audience;

	FeedController(FeedSource source, FeedItems items, MediaManagement media, FeedAudience audience) {
		this.source = source;
		this.items = items;
		this.media = media;
		this.audience = audience;
	}

	/** The latest entries, counted as served once (FeedAudience: numbers only, nothing about the reader). */
	private List<FeedItems.Item> served(String handle, FeedAudience.Kind kind) {
		var latest = source.latest(handle);
		if (!latest.isEmpty()) {
			audience.count(handle, latest.stream().map(FeedItems.Item::id).toList(), kind);
		}
		return latest;
	}

	@GetMapping(path = { "", "/" }, produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<String> page(@PathVariable String handle) {
		return ResponseEntity.ok().cacheControl(FEED_CACHE).body(FeedFormats.page(handle, served(handle, FeedAudience.Kind.PAGE_VIEW)));
	}

	@GetMapping(path = "/feed.json", produces = "application/feed+json")
	ResponseEntity<String> json(@PathVariable String handle) {
		return ResponseEntity.ok().cacheControl(FEED_CACHE)
			.body(FeedFormats.jsonFeed(handle, served(handle, FeedAudience.Kind.FEED_FETCH), source.publicUrl()));
	}

	@GetMapping(path = "/rss.xml", produces = "application/rss+xml")
	ResponseEntity<String> rss(@PathVariable String handle) {
		return ResponseEntity.ok().cacheControl(FEED_CACHE)
			.body(FeedFormats.rss(handle, served(handle, FeedAudience.Kind.FEED_FETCH), source.publicUrl()));
	}

	@GetMapping(path = "/atom.xml", produces = "application/atom+xml")
	ResponseEntity<String> atom(@PathVariable String handle) {
		return ResponseEntity.ok().cacheControl(FEED_CACHE)
			.body(FeedFormats.atom(handle, served(handle, FeedAudience.Kind.FEED_FETCH), source.publicUrl()));
	}

	/** Streamed from the blob store; Spring answers {@code Range} (206) and conditional requests (304) from it. */
	@GetMapping("/media/{assetId}")
	ResponseEntity<Resource> media(@PathVariable String handle, @PathVariable UUID assetId) {
		if (!items.servesAsset(handle, assetId)) {
			throw ApiProblem.notFound("Published media", assetId);
		}
		var asset = media.get(assetId);
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable())
			.eTag("\"" + asset.sha256() + "\"")
			.lastModified(asset.createdAt())
			.header("Accept-Ranges", "bytes")
			.contentType(MediaType.parseMediaType(asset.contentType()))
			.body(media.resource(asset));
	}
}
