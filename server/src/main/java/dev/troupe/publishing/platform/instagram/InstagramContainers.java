package dev.troupe.publishing.platform.instagram;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.troupe.publishing.platform.meta.GraphClient;
import dev.troupe.publishing.platform.meta.GraphResponse;
import dev.troupe.publishing.spi.PublicMedia;
import dev.troupe.publishing.spi.PublishRequest;

/**
 * Builds the containers of one post (ig-user/media): a single image or Reel (with an image as its cover when
 * the channel posts Reels), a Story, or a carousel's items and its parent. Media go out as public links that Meta fetches; alt text goes with images only (Reels and Stories
 * have none).
 */
final class InstagramContainers {

	/** Meta fetches at container creation and while processing; a container expires unpublished after 24 hours. */
	static final Duration LINK_VALIDITY = Duration.ofHours(25);

	private final GraphClient graph;
	private final String userId;
	private final PublicMedia links;

	InstagramContainers(GraphClient graph, String userId, PublicMedia links) {
		this.graph = graph;
		this.userId = userId;
		this.links = links;
	}

	/** A failed create: the answer is in {@code response}; nothing to publish. */
	record Created(String id, GraphResponse failure) {
	}

	Created create(PublishRequest request, String format, boolean shareToFeed) throws IOException, InterruptedException {
		var media = request.media();
		if ("reel".equals(format)) {
			// a Reel is one video; a second file, an image, is its cover
			var form = item(request, media.get(0));
			form.put("media_type", "REELS");
			form.put("caption", request.text());
			form.put("share_to_feed", String.valueOf(shareToFeed));
			if (media.size() > 1) {
				form.put("cover_url", links.share(request.publicationId(), media.get(1), LINK_VALIDITY).toString());
			}
			return post(form);
		}
		if (media.size() > 1) {
			var children = new ArrayList<String>();
			for (var item : media) {
				var child = item(request, item);
				child.put("is_carousel_item", "true");
				var created = post(child);
				if (created.failure() != null) {
					return created;
				}
				children.add(created.id());
			}
			return post(Map.of("media_type", "CAROUSEL", "children", String.join(",", children), "caption", request.text()));
		}
		var form = item(request, media.get(0));
		if ("story".equals(format)) {
			form.put("media_type", "STORIES");
		}
		else {
			form.put("caption", request.text());
			if (form.containsKey("video_url")) {
				form.put("media_type", "REELS");
				form.put("share_to_feed", String.valueOf(shareToFeed));
			}
		}
		return post(form);
	}

	private Map<String, String> item(PublishRequest request, PublishRequest.Media media) {
		var form = new LinkedHashMap<String, String>();
		URI url = links.share(request.publicationId(), media, LINK_VALIDITY);
		if (media.contentType().startsWith("video/")) {
			form.put("video_url", url.toString());
			form.put("media_type", "VIDEO"); // carousel items; a single video is turned into REELS above
		}
		else {
			form.put("image_url", url.toString());
			if (media.altText() != null && !media.altText().isBlank()) {
				form.put("alt_text", media.altText());
			}
		}
		return form;
	}

	private Created post(Map<String, String> form) throws IOException, InterruptedException {
		var response = graph.post(userId + "/media", form);
		return response.ok() ? new Created(response.body().path("id").asString(), null) : new Created(null, response);
	}
}
