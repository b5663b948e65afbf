package dev.troupe.publishing.platform.bluesky;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

import dev.troupe.publishing.spi.PublishRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Builds an {@code app.bsky.feed.post} record (lexicons/app/bsky/feed/post.json). */
final class PostRecord {

	private PostRecord() {
	}

	/** {@code blobs} are uploadBlob answers, in the order of {@code request.media()}. */
	static ObjectNode of(PublishRequest request, List<JsonNode> blobs, List<String> langs, JsonMapper json) {
		var record = json.createObjectNode().put("$type", "app.bsky.feed.post").put("text", request.text());
		// the scheduled time, so every attempt sends the same record (and the post shows when it was meant to)
		var createdAt = request.scheduledAt() != null ? request.scheduledAt() : Instant.now();
		record.put("createdAt", createdAt.truncatedTo(ChronoUnit.MILLIS).toString());
		if (!langs.isEmpty()) {
			var array = record.putArray("langs");
			langs.forEach(array::add);
		}
		var facets = PostText.facets(request.text());
		if (!facets.isEmpty()) {
			var array = record.putArray("facets");
			for (var facet : facets) {
				var node = array.addObject();
				node.putObject("index").put("byteStart", facet.byteStart()).put("byteEnd", facet.byteEnd());
				var feature = node.putArray("features").addObject();
				if (facet.kind().equals("link")) {
					feature.put("$type", "app.bsky.richtext.facet#link").put("uri", facet.value());
				}
				else {
					feature.put("$type", "app.bsky.richtext.facet#tag").put("tag", facet.value());
				}
			}
		}
		var reply = request.replyTo();
		if (reply != null) {
			// lexicons/app/bsky/feed/post.json#replyRef: strong refs (uri + cid) to the thread's root and the parent
			var refs = record.putObject("reply");
			refs.putObject("root").put("uri", reply.ref(BlueskyInbox.ROOT_URI)).put("cid", reply.ref(BlueskyInbox.ROOT_CID));
			refs.putObject("parent").put("uri", reply.ref(BlueskyInbox.PARENT_URI))
				.put("cid", reply.ref(BlueskyInbox.PARENT_CID));
		}
		if (!blobs.isEmpty()) {
			var embed = record.putObject("embed").put("$type", "app.bsky.embed.images");
			var images = embed.putArray("images");
			for (int i = 0; i < blobs.size(); i++) {
				var alt = request.media().get(i).altText();
				// alt is required by the lexicon; an empty string means "no description"
				images.addObject().put("alt", alt == null ? "" : alt).set("image", blobs.get(i));
			}
		}
		return record;
	}

	static List<String> langs(String setting) {
		return setting == null ? List.of()
				: Arrays.stream(setting.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
	}
}
