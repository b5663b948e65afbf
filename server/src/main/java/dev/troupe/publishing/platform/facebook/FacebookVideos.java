package dev.troupe.publishing.platform.facebook;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.troupe.publishing.platform.meta.GraphClient;
import dev.troupe.publishing.platform.meta.MetaErrors;
import dev.troupe.publishing.spi.PublicationHandles;
import dev.troupe.publishing.spi.PublishOutcome;
import dev.troupe.publishing.spi.PublishRequest;

/**
 * Page videos and Reels, each in three phases (start, upload, finish). The video id the start phase returns is
 * committed before anything else is sent: a later attempt (after a crash, a timeout or a lost answer) never starts
 * again, it reads that video's status and finishes it if needed, so a Page gets one video per publication.
 * Videos go by the resumable upload of {@code /{page}/videos} (chunks of the size Facebook asks for); Reels by
 * {@code /{page}/video_reels} and the upload host the start phase names.
 */
final class FacebookVideos {

	static final String VIDEO_ID = "fbVideoId";
	static final String UPLOAD_SESSION = "fbUploadSession";
	static final String UPLOAD_URL = "fbUploadUrl";
	static final String CHUNK = "fbChunkBytes";

	private final GraphClient graph;
	private final String page;
	private final PublicationHandles handles;

	FacebookVideos(GraphClient graph, String page, PublicationHandles handles) {
		this.graph = graph;
		this.page = page;
		this.handles = handles;
	}

	PublishOutcome video(PublishRequest request, PublishRequest.Media media) throws IOException, InterruptedException {
		var state = request.previousState();
		var videoId = state.get(VIDEO_ID);
		var session = state.get(UPLOAD_SESSION);
		long start = 0;
		long size = media.size();
		long end = Math.min(size, Long.parseLong(state.getOrDefault(CHUNK, String.valueOf(4L * 1024 * 1024))));
		if (videoId != null) {
			var known = lookUp(videoId, false);
			if (known != null) {
				return known;
			}
		}
		else {
			var started = graph.post(page + "/videos", Map.of("upload_phase", "start", "file_size",
					String.valueOf(size)));
			if (!started.ok()) {
				return MetaErrors.classify("Facebook", started, Instant.now());
			}
			videoId = started.body().path("video_id").asString();
			session = started.body().path("upload_session_id").asString();
			end = Long.parseLong(started.body().path("end_offset").asString(String.valueOf(end))); // the size Facebook asks for
			handles.remember(request.publicationId(), Map.of(VIDEO_ID, videoId, UPLOAD_SESSION, session, CHUNK,
					String.valueOf(end)));
		}
		// (re)send every chunk to the same session: the video id is already the publication's
		while (start < size) {
			// the chunk Facebook asks for, read from the source as it is sent
			var chunk = media.body(start, Math.min(end, size) - start);
			var sent = graph.postMultipart(page + "/videos", Map.of("upload_phase", "transfer", "upload_session_id", session,
					"start_offset", String.valueOf(start)), "video_file_chunk", chunk, media.contentType());
			if (!sent.ok()) {
				return MetaErrors.classify("Facebook", sent, Instant.now());
			}
			start = Long.parseLong(sent.body().path("start_offset").asString("0"));
			end = Long.parseLong(sent.body().path("end_offset").asString("0"));
			if (end <= start && start < size) {
				return new PublishOutcome.Transient("Facebook asked for no more bytes before the end of the video");
			}
		}
		var form = new LinkedHashMap<String, String>();
		form.put("upload_phase", "finish");
		form.put("upload_session_id", session);
		form.put("description", request.text());
		var finished = graph.post(page + "/videos", form);
		if (!finished.ok()) {
			return MetaErrors.classify("Facebook", finished, Instant.now());
		}
		return new PublishOutcome.Published(videoId, "https://www.facebook.com/" + page + "/videos/" + videoId);
	}

	PublishOutcome reel(PublishRequest request, PublishRequest.Media media) throws IOException, InterruptedException {
		var state = request.previousState();
		var videoId = state.get(VIDEO_ID);
		var uploadUrl = state.get(UPLOAD_URL);
		if (videoId != null) {
			var known = lookUp(videoId, true);
			if (known != null) {
				return known;
			}
		}
		else {
			var started = graph.post(page + "/video_reels", Map.of("upload_phase", "start"));
			if (!started.ok()) {
				return MetaErrors.classify("Facebook", started, Instant.now());
			}
			videoId = started.body().path("video_id").asString();
			uploadUrl = started.body().path("upload_url").asString();
			handles.remember(request.publicationId(), Map.of(VIDEO_ID, videoId, UPLOAD_URL, uploadUrl));
		}
		var uploaded = graph.upload(URI.create(uploadUrl), Map.of("offset", "0", "file_size",
				String.valueOf(media.size())), media.body());
		if (!uploaded.ok()) {
			return MetaErrors.classify("Facebook", uploaded, Instant.now());
		}
		var finished = graph.post(page + "/video_reels", Map.of("upload_phase", "finish", "video_id", videoId,
				"video_state", "PUBLISHED", "description", request.text()));
		if (!finished.ok()) {
			return MetaErrors.classify("Facebook", finished, Instant.now());
		}
		return new PublishOutcome.Published(videoId, "https://www.facebook.com/reel/" + videoId);
	}

	/**
	 * After an unknown outcome of a video publication: the committed video, published → done; otherwise publishing
	 * again is safe, since it continues that same video instead of starting one.
	 */
	PublishOutcome reconcile(PublishRequest request, boolean reel) throws IOException, InterruptedException {
		var known = lookUp(request.previousState().get(VIDEO_ID), reel);
		return known != null ? known : new PublishOutcome.NotPublished("the video is not published yet; publishing again "
				+ "finishes the same video");
	}

	/**
	 * The committed video's status: published (or being published) → done; uploaded but not finished → finish it;
	 * null when its bytes are not all there yet and the upload must be sent again to the same video.
	 */
	private PublishOutcome lookUp(String videoId, boolean reel) throws IOException, InterruptedException {
		var read = graph.get(videoId, Map.of("fields", "status"));
		if (!read.ok()) {
			return MetaErrors.classify("Facebook", read, Instant.now());
		}
		var status = read.body().path("status");
		var publishing = status.path("publishing_phase").path("status").asString("");
		var processing = status.path("processing_phase").path("status").asString("");
		if (publishing.equals("complete") || publishing.equals("in_progress") || processing.equals("complete")
				|| processing.equals("in_progress")) {
			return new PublishOutcome.Published(videoId, reel ? "https://www.facebook.com/reel/" + videoId
					: "https://www.facebook.com/" + page + "/videos/" + videoId);
		}
		return null;
	}
}
