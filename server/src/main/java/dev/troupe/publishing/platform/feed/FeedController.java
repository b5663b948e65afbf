package dev.troupe.publishing.platform.feed;

import java.util.UUID;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import dev.troupe.media.MediaManagement;
import dev.troupe.shared.ApiProblem;

/**
 * The public side of the Feed channel: no sign-in. Only media attached to published feed entries is served.
 */
@RestController
@RequestMapping("/feeds/{handle}")
class FeedController {

	private static final int LIMIT = 50;

	private final FeedItems items;
	private final MediaManagement media;

	FeedController(FeedItems items, MediaManagement media) {
		this.items = items;
		this.media = media;
	}

	@GetMapping(produces = MediaType.TEXT_HTML_VALUE)
	String page(@PathVariable String handle) {
		return FeedFormats.page(handle, items.latest(handle, LIMIT));
	}

	@GetMapping(path = "/feed.json", produces = "application/feed+json")
	String json(@PathVariable String handle) {
		return FeedFormats.jsonFeed(handle, items.latest(handle, LIMIT), base());
	}

	@GetMapping(path = "/rss.xml", produces = "application/rss+xml")
	String rss(@PathVariable String handle) {
		return FeedFormats.rss(handle, items.latest(handle, LIMIT), base());
	}

	@GetMapping(path = "/atom.xml", produces = "application/atom+xml")
	String atom(@PathVariable String handle) {
		return FeedFormats.atom(handle, items.latest(handle, LIMIT), base());
	}

	@GetMapping("/media/{assetId}")
	ResponseEntity<byte[]> media(@PathVariable String handle, @PathVariable UUID assetId) {
		if (!items.servesAsset(handle, assetId)) {
			throw ApiProblem.notFound("Published media", assetId);
		}
		var asset = media.get(assetId);
		return ResponseEntity.ok().cacheControl(CacheControl.maxAge(java.time.Duration.ofDays(30)).cachePublic())
			.contentType(MediaType.parseMediaType(asset.contentType())).body(media.bytes(assetId));
	}

	private static String base() {
		return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
	}
}
