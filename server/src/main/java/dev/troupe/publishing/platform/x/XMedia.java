package dev.troupe.publishing.platform.x;

import tools.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.troupe.publishing.spi.Multipart;
import dev.troupe.publishing.spi.PublicationHandles;
import dev.troupe.publishing.spi.PublishOutcome;
import dev.troupe.publishing.spi.PublishRequest;

/**
 * Media through X's v2 upload endpoints: images in one {@code POST /2/media/upload}; GIFs and videos with
 * {@code /2/media/upload/initialize}, {@code /{id}/append} (multipart, {@code segment_index}) and {@code /{id}/finalize},
 * then {@code GET /2/media/upload?command=STATUS} every {@code check_after_secs} until {@code succeeded}. Alt text
 * with {@code POST /2/media/metadata}. The ids and their expiry are committed before the post is sent, so a retry
 * reuses them, but never once they expire ({@code expires_after_secs}): then the files are uploaded again.
 */
final class XMedia {

	static final String IDS = "xMediaIds";
	static final String EXPIRES = "xMediaExpiresAt";
	/** Ids this close to their expiry are uploaded again rather than risk a post that X refuses. */
	private static final Duration EXPIRY_MARGIN = Duration.ofMinutes(10);

	/** Either the media ids, in order, or why there are none. */
	record Uploaded(List<String> ids, PublishOutcome failure) {
	}

	private final XClient client;
	private final int chunkBytes;
	private final Duration processingBudget;

	XMedia(XClient client, int chunkBytes, Duration processingBudget) {
		this.client = client;
		this.chunkBytes = chunkBytes;
		this.processingBudget = processingBudget;
	}

	Uploaded upload(PublishRequest request, PublicationHandles handles) throws IOException, InterruptedException {
		var media = request.media();
		if (media.isEmpty()) {
			return new Uploaded(List.of(), null);
		}
		var previous = request.previousState();
		List<String> ids;
		if (previous.containsKey(IDS) && previous.containsKey(EXPIRES)
				&& Instant.parse(previous.get(EXPIRES)).isAfter(Instant.now().plus(EXPIRY_MARGIN))) {
			ids = Arrays.asList(previous.get(IDS).split(","));
		}
		else {
			ids = new ArrayList<>();
			var expires = Instant.MAX;
			for (var item : media) {
				var response = chunked(item) ? chunkedUpload(item) : simpleUpload(item);
				if (!response.ok()) {
					return new Uploaded(null, XErrors.classify(response, Instant.now()));
				}
				var data = response.body().path("data");
				ids.add(data.path("id").asString());
				var expiry = Instant.now().plusSeconds(data.path("expires_after_secs").asLong(86_400));
				expires = expiry.isBefore(expires) ? expiry : expires;
				if (item.altText() != null && !item.altText().isBlank() && !item.contentType().startsWith("video/")) {
					var body = XClient.JSON.createObjectNode().put("id", ids.get(ids.size() - 1));
					body.putObject("metadata").putObject("alt_text").put("text", item.altText());
					var alt = client.postJson("/2/media/metadata", body);
					if (!alt.ok()) {
						return new Uploaded(null, XErrors.classify(alt, Instant.now()));
					}
				}
			}
			handles.remember(request.publicationId(), Map.of(IDS, String.join(",", ids), EXPIRES, expires.toString()));
		}
		for (int i = 0; i < media.size(); i++) {
			if (chunked(media.get(i))) {
				var failure = awaitProcessing(ids.get(i));
				if (failure != null) {
					return new Uploaded(null, failure);
				}
			}
		}
		return new Uploaded(ids, null);
	}

	private static boolean chunked(PublishRequest.Media media) {
		return media.contentType().startsWith("video/") || "image/gif".equals(media.contentType());
	}

	private XResponse simpleUpload(PublishRequest.Media media) throws IOException, InterruptedException {
		return client.postMultipart("/2/media/upload", new Multipart().field("media_category", "tweet_image")
			.field("media_type", media.contentType()).file("media", media.filename(), media.contentType(), media));
	}

	private XResponse chunkedUpload(PublishRequest.Media media) throws IOException, InterruptedException {
		var init = XClient.JSON.createObjectNode().put("media_type", media.contentType())
			.put("total_bytes", media.size())
			.put("media_category", "image/gif".equals(media.contentType()) ? "tweet_gif" : "amplify_video");
		var initialized = client.postJson("/2/media/upload/initialize", init);
		if (!initialized.ok()) {
			return initialized;
		}
		var id = initialized.body().path("data").path("id").asString();
		// each segment is read from the source as it is sent: a video is never in memory
		var size = media.size();
		int segment = 0;
		for (long offset = 0; offset < size; offset += chunkBytes, segment++) {
			var appended = client.postMultipart("/2/media/upload/" + id + "/append", new Multipart()
				.field("segment_index", String.valueOf(segment))
				.file("media", media.filename(), "application/octet-stream", media, offset, Math.min(chunkBytes, size - offset)));
			if (!appended.ok()) {
				return appended;
			}
		}
		var finalized = client.postEmpty("/2/media/upload/" + id + "/finalize");
		if (!finalized.ok()) {
			return finalized;
		}
		// the expiry counts from initialize; finalize repeats it
		var data = finalized.body().path("data");
		if (!data.has("expires_after_secs")) {
			((ObjectNode) data).put("expires_after_secs",
					initialized.body().path("data").path("expires_after_secs").asLong(86_400));
		}
		return finalized;
	}

	/** Polls STATUS as X asks ({@code check_after_secs}); null once {@code succeeded}. */
	private PublishOutcome awaitProcessing(String id) throws IOException, InterruptedException {
		var deadline = Instant.now().plus(processingBudget);
		while (true) {
			var status = client.get("/2/media/upload", Map.of("command", "STATUS", "media_id", id));
			if (!status.ok()) {
				return XErrors.classify(status, Instant.now());
			}
			var info = status.body().path("data").path("processing_info");
			var state = info.path("state").asString("succeeded");
			if ("succeeded".equals(state)) {
				return null;
			}
			if ("failed".equals(state)) {
				return new PublishOutcome.ContentRejected("X could not process the media: "
						+ info.path("error").path("message").asString("processing failed"));
			}
			var wait = Duration.ofSeconds(Math.max(1, info.path("check_after_secs").asLong(5)));
			if (Instant.now().plus(wait).isAfter(deadline)) {
				return new PublishOutcome.Transient("X is still processing the video ("
						+ info.path("progress_percent").asInt(0) + " %); the post is tried again with the same upload");
			}
			Thread.sleep(wait.toMillis());
		}
	}
}
