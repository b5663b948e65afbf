package dev.troupe.publishing.platform.tiktok;

import tools.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.troupe.publishing.spi.AccountInfo;
import dev.troupe.publishing.spi.Capabilities;
import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.PlatformDescriptor;
import dev.troupe.publishing.spi.PlatformException;
import dev.troupe.publishing.spi.PlatformInsights;
import dev.troupe.publishing.spi.PostDraft;
import dev.troupe.publishing.spi.PublicMedia;
import dev.troupe.publishing.spi.PublicationHandles;
import dev.troupe.publishing.spi.PublishOutcome;
import dev.troupe.publishing.spi.PublishRequest;
import dev.troupe.publishing.spi.SocialPlatform;
import dev.troupe.publishing.spi.TransportFailures;
import dev.troupe.publishing.spi.Violation;
import tools.jackson.databind.node.ObjectNode;

/**
 * Posts through the Content Posting API: {@code creator_info/query} first (the chosen privacy level must be one the
 * creator offers; interactions the creator disabled stay off), then a video by FILE_UPLOAD in chunks as the media
 * transfer guide prescribes, or photos by PULL_FROM_URL from Troupe's public media links, directly or to the
 * creator's inbox as a draft. The {@code publish_id} is committed before the first byte; whatever happens after, the
 * publication is settled by {@code status/fetch} on that id, never by posting again.
 */
@Component
public class TikTokPlatform implements SocialPlatform, PlatformInsights {

	static final String PUBLISH_ID = "ttPublishId";
	static final String UPLOAD_URL = "ttUploadUrl";
	static final String CHUNKS_DONE = "ttChunksDone";
	static final String UPLOAD_STARTED = "ttUploadStartedAt";
	static final String PHOTO_INIT_SENT = "ttPhotoInitSentAt";
	static final String CHUNK_SIZE = "ttChunkSize";
	/** TikTok's upload URLs are valid for an hour; a resumed upload after that starts over. */
	private static final Duration UPLOAD_URL_LIFETIME = Duration.ofMinutes(55);

	private final PublicationHandles handles;
	private final PublicMedia links;

	TikTokPlatform(PublicationHandles handles, PublicMedia links) {
		this.handles = handles;
		this.links = links;
	}

	@Override
	public String type() {
		return "tiktok";
	}

	@Override
	public PlatformDescriptor descriptor() {
		return TikTokDescriptor.DESCRIPTOR;
	}

	@Override
	public Capabilities capabilities(ChannelContext channel) {
		return new Capabilities(TikTokDescriptor.MAX_TITLE, TikTokDescriptor.MAX_PHOTOS, List.of("image/jpeg", "image/webp",
				"video/mp4"), true, 20L * 1024 * 1024, 1920, TikTokDescriptor.MAX_VIDEO_BYTES, 0, false);
	}

	@Override
	public List<Violation> validate(PostDraft draft, ChannelContext channel) {
		var violations = new ArrayList<Violation>();
		for (var violation : SocialPlatform.super.validate(draft, channel)) {
			// any image is fine: Troupe re-encodes it to the JPEG TikTok takes (Renditions)
			if (!(violation.reason().contains("is not accepted") && imageAt(draft, violation.field()))) {
				violations.add(violation);
			}
		}
		var videos = draft.media().stream().filter(m -> m.contentType().startsWith("video/")).count();
		if (videos > 0 && draft.media().size() > 1) {
			violations.add(new Violation("media", "a TikTok post is one video or up to 35 photos, not both"));
		}
		if (!"inbox".equals(channel.setting("mode", "direct")) && privacy(channel, Map.of()) == null) {
			violations.add(new Violation("privacyLevel", "choose who can view the post: TikTok requires an explicit choice"));
		}
		return violations;
	}

	private static boolean imageAt(PostDraft draft, String field) {
		var index = field.replaceAll("^media\\[(\\d+)\\]$", "$1");
		return !index.equals(field) && draft.media().get(Integer.parseInt(index)).contentType().startsWith("image/");
	}

	@Override
	public AccountInfo verify(ChannelContext channel) throws PlatformException {
		try {
			var answer = api(channel).get("/v2/user/info/?fields=open_id,avatar_url,display_name,username");
			if (!answer.ok()) {
				throw new PlatformException("TikTok: " + answer.message(), answer.status() == 401
						|| answer.code().startsWith("access_token") || answer.code().equals("scope_not_authorized"));
			}
			var user = answer.data().path("user");
			return new AccountInfo(user.path("display_name").asString(), "@" + user.path("username").asString(),
					user.path("avatar_url").asString(null), "https://www.tiktok.com/@" + user.path("username").asString());
		}
		catch (IOException e) {
			throw new PlatformException("could not reach TikTok (" + e.getClass().getSimpleName() + ")", false, e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new PlatformException("interrupted", false, e);
		}
	}

	@Override
	public PublishOutcome publish(PublishRequest request, ChannelContext channel) {
		var api = api(channel);
		var publishId = request.previousState().get(PUBLISH_ID);
		try {
			if (publishId != null && !publishId.isBlank()) {
				return settle(request, channel, api, publishId, false);
			}
			if (request.previousState().containsKey(PHOTO_INIT_SENT)) {
				return new PublishOutcome.OutcomeUnknown("TikTok never answered the photo post's init: check the account");
			}
			var video = request.media().stream().filter(m -> m.contentType().startsWith("video/")).findFirst().orElse(null);
			if (video == null && request.media().isEmpty()) {
				return new PublishOutcome.ContentRejected("TikTok posts are a video or photos: attach one");
			}
			var inbox = "inbox".equals(channel.setting("mode", "direct"));
			var privacy = privacy(channel, request.options());
			if (!inbox && privacy == null) {
				return new PublishOutcome.ContentRejected("choose who can view the post (privacyLevel): TikTok requires it");
			}
			var creator = api.post("/v2/post/publish/creator_info/query/", TikTokApi.JSON.createObjectNode());
			if (!creator.ok()) {
				return classify(creator);
			}
			var info = creator.data();
			if (!inbox && !info.path("privacy_level_options").toString().contains("\"" + privacy + "\"")) {
				return new PublishOutcome.ContentRejected("TikTok offers " + info.path("creator_nickname").asString()
						+ " only these privacy levels: " + info.path("privacy_level_options") + " (chosen: " + privacy + ")");
			}
			return video != null ? postVideo(request, channel, api, video, info, privacy, inbox)
					: postPhotos(request, channel, api, info, privacy, inbox);
		}
		catch (IOException e) {
			return TransportFailures.neverSent(e) || request.previousState().get(PUBLISH_ID) == null
					? new PublishOutcome.Transient("could not reach TikTok (" + e.getClass().getSimpleName() + ")")
					: new PublishOutcome.OutcomeUnknown("no answer from TikTok (" + e.getClass().getSimpleName() + ")");
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return new PublishOutcome.Transient("interrupted");
		}
	}

	@Override
	public PublishOutcome reconcile(PublishRequest request, ChannelContext channel) {
		var publishId = request.previousState().get(PUBLISH_ID);
		if (publishId == null || publishId.isBlank()) {
			return request.previousState().containsKey(PHOTO_INIT_SENT)
					? new PublishOutcome.OutcomeUnknown("TikTok never answered the photo post's init: check the account")
					: new PublishOutcome.NotPublished("no TikTok publish was started");
		}
		try {
			return settle(request, channel, api(channel), publishId, true);
		}
		catch (IOException e) {
			return new PublishOutcome.Pending(Map.of(), Instant.now().plusSeconds(30));
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return new PublishOutcome.OutcomeUnknown("interrupted");
		}
	}

	private PublishOutcome postVideo(PublishRequest request, ChannelContext channel, TikTokApi api, PublishRequest.Media video,
			JsonNode creator, String privacy, boolean inbox) throws IOException, InterruptedException {
		var size = video.size();
		var plan = ChunkPlan.of(size, Long.parseLong(channel.setting("chunkBytes", String.valueOf(10 * 1024 * 1024))));
		var body = TikTokApi.JSON.createObjectNode();
		if (!inbox) {
			var post = body.putObject("post_info").put("title", request.text()).put("privacy_level", privacy)
				.put("disable_comment", !allowed(channel, request, "allowComments") || creator.path("comment_disabled").asBoolean())
				.put("disable_duet", !allowed(channel, request, "allowDuet") || creator.path("duet_disabled").asBoolean())
				.put("disable_stitch", !allowed(channel, request, "allowStitch") || creator.path("stitch_disabled").asBoolean())
				.put("is_aigc", generated(request, video));
			post.put("brand_content_toggle", false).put("brand_organic_toggle", false);
		}
		body.putObject("source_info").put("source", "FILE_UPLOAD").put("video_size", size).put("chunk_size", plan.chunkSize())
			.put("total_chunk_count", plan.count());
		var init = api.post(inbox ? "/v2/post/publish/inbox/video/init/" : "/v2/post/publish/video/init/", body);
		if (!init.ok()) {
			return classify(init);
		}
		var publishId = init.data().path("publish_id").asString();
		var uploadUrl = init.data().path("upload_url").asString();
		handles.remember(request.publicationId(), Map.of(PUBLISH_ID, publishId, UPLOAD_URL, uploadUrl, CHUNKS_DONE, "0",
				UPLOAD_STARTED, Instant.now().toString(), CHUNK_SIZE, String.valueOf(plan.chunkSize())));
		var uploaded = upload(request, api, URI.create(uploadUrl), video, plan, 0);
		return uploaded != null ? uploaded : settle(request, channel, api, publishId, false);
	}

	/** Sends chunks {@code from} onwards, committing each; null when the file is complete. */
	private PublishOutcome upload(PublishRequest request, TikTokApi api, URI uploadUrl, PublishRequest.Media video, ChunkPlan plan,
			int from) throws IOException, InterruptedException {
		for (int i = from; i < plan.count(); i++) {
			var first = plan.first(i);
			var last = plan.last(i, video.size());
			int status;
			try {
				status = api.putChunk(uploadUrl, video, first, last); // read from the source chunk by chunk
			}
			catch (IOException e) {
				if (i < plan.count() - 1) {
					return new PublishOutcome.Transient("the TikTok upload was interrupted at chunk " + (i + 1) + " of "
							+ plan.count() + "; it continues with the same publish_id");
				}
				return new PublishOutcome.OutcomeUnknown("no answer to the last chunk; status/fetch will tell");
			}
			if (status != 206 && status != 201 && status != 200) {
				return status >= 500 ? new PublishOutcome.Transient("TikTok answered " + status + " to chunk " + (i + 1))
						: new PublishOutcome.ContentRejected("TikTok refused chunk " + (i + 1) + " (" + status + ")");
			}
			handles.remember(request.publicationId(), Map.of(CHUNKS_DONE, String.valueOf(i + 1)));
		}
		return null;
	}

	private PublishOutcome postPhotos(PublishRequest request, ChannelContext channel, TikTokApi api,
			JsonNode creator, String privacy, boolean inbox) throws IOException, InterruptedException {
		var body = TikTokApi.JSON.createObjectNode().put("media_type", "PHOTO").put("post_mode", inbox ? "MEDIA_UPLOAD" : "DIRECT_POST");
		var title = request.text().lines().findFirst().orElse("");
		ObjectNode post = body.putObject("post_info").put("title", title.length() > 90 ? title.substring(0, 90) : title)
			.put("description", request.text());
		if (!inbox) {
			post.put("privacy_level", privacy)
				.put("disable_comment", !allowed(channel, request, "allowComments") || creator.path("comment_disabled").asBoolean())
				.put("auto_add_music", false);
		}
		var source = body.putObject("source_info").put("source", "PULL_FROM_URL").put("photo_cover_index", 0);
		var images = source.putArray("photo_images");
		for (var media : request.media()) {
			images.add(links.share(request.publicationId(), media, Duration.ofHours(24)).toString());
		}
		// a photo init without an answer may already be a post: remember that it was sent
		handles.remember(request.publicationId(), Map.of(PHOTO_INIT_SENT, Instant.now().toString()));
		var init = api.post("/v2/post/publish/content/init/", body);
		if (!init.ok()) {
			handles.remember(request.publicationId(), Map.of(PHOTO_INIT_SENT, ""));
			return classify(init);
		}
		var publishId = init.data().path("publish_id").asString();
		handles.remember(request.publicationId(), Map.of(PUBLISH_ID, publishId));
		return settle(request, channel, api, publishId, false);
	}

	/** Where a started publish stands: finished, failed (nothing was posted), still processing, or an upload to continue. */
	private PublishOutcome settle(PublishRequest request, ChannelContext channel, TikTokApi api, String publishId,
			boolean reconciling) throws IOException, InterruptedException {
		var deadline = Instant.now().plusSeconds(reconciling ? 0 : Long.parseLong(channel.setting("processingWaitSeconds", "60")));
		var poll = Duration.ofMillis(Long.parseLong(channel.setting("pollMillis", "5000")));
		while (true) {
			var answer = api.post("/v2/post/publish/status/fetch/", TikTokApi.JSON.createObjectNode().put("publish_id", publishId));
			if (!answer.ok()) {
				var outcome = classify(answer);
				return outcome instanceof PublishOutcome.ContentRejected || outcome instanceof PublishOutcome.Transient
						? new PublishOutcome.Pending(Map.of(), Instant.now().plusSeconds(30)) : outcome;
			}
			var data = answer.data();
			var status = data.path("status").asString();
			switch (status) {
				case "PUBLISH_COMPLETE", "SEND_TO_USER_INBOX" -> {
					var postId = data.path("publicaly_available_post_id").path(0).asString(null);
					var username = channel.credential("username");
					return new PublishOutcome.Published(postId != null ? postId : publishId, postId != null && username != null
							? "https://www.tiktok.com/@" + username + "/video/" + postId
							: "https://www.tiktok.com/" + (username != null ? "@" + username : ""));
				}
				case "FAILED" -> {
					// nothing was posted: the next attempt starts a new publish
					handles.remember(request.publicationId(), Map.of(PUBLISH_ID, "", PHOTO_INIT_SENT, ""));
					return reconciling ? new PublishOutcome.NotPublished("TikTok: " + data.path("fail_reason").asString())
							: new PublishOutcome.ContentRejected("TikTok could not publish it: " + data.path("fail_reason").asString());
				}
				default -> {
					var resumed = resumeUpload(request, api, status, data.path("uploaded_bytes").asLong(-1));
					if (resumed != null) {
						return resumed;
					}
				}
			}
			if (!Instant.now().plus(poll).isBefore(deadline)) {
				return new PublishOutcome.Pending(Map.of(), Instant.now().plusSeconds(reconciling ? 30 : 10));
			}
			Thread.sleep(poll.toMillis());
		}
	}

	/**
	 * An upload cut off by a crash continues with the same publish_id, from the chunk after the bytes TikTok reports
	 * ({@code uploaded_bytes}), while its upload URL is valid.
	 */
	private PublishOutcome resumeUpload(PublishRequest request, TikTokApi api, String status, long uploadedBytes) throws IOException, InterruptedException {
		var state = request.previousState();
		var url = state.get(UPLOAD_URL);
		var video = request.media().stream().filter(m -> m.contentType().startsWith("video/")).findFirst().orElse(null);
		if (!"PROCESSING_UPLOAD".equals(status) || url == null || url.isBlank() || video == null || !state.containsKey(CHUNK_SIZE)) {
			return null;
		}
		var size = video.size();
		var chunk = Long.parseLong(state.get(CHUNK_SIZE));
		var plan = new ChunkPlan(chunk, size <= chunk ? 1 : (int) (size / chunk));
		// TikTok's count of received bytes wins over ours: the last chunk may have arrived without an answer
		var done = uploadedBytes >= 0 ? (int) Math.min(plan.count(), uploadedBytes / chunk)
				: Integer.parseInt(state.getOrDefault(CHUNKS_DONE, "0"));
		if (uploadedBytes >= size || done >= plan.count()) {
			return null;
		}
		var started = Instant.parse(state.getOrDefault(UPLOAD_STARTED, Instant.EPOCH.toString()));
		if (Instant.now().isAfter(started.plus(UPLOAD_URL_LIFETIME))) {
			return new PublishOutcome.Pending(Map.of(), Instant.now().plusSeconds(60)); // TikTok fails it; then a new publish starts
		}
		var outcome = upload(request, api, URI.create(url), video, plan, done);
		return outcome != null ? outcome : new PublishOutcome.Pending(Map.of(), Instant.now().plusSeconds(5));
	}

	@Override
	public Map<String, Map<String, Long>> publicationMetrics(List<PublishedPost> posts, ChannelContext channel)
			throws PlatformException {
		return new TikTokMetrics(api(channel)).publications(posts);
	}

	@Override
	public Map<String, Long> accountMetrics(ChannelContext channel) throws PlatformException {
		return new TikTokMetrics(api(channel)).account();
	}

	static PublishOutcome classify(TikTokApi.Answer answer) {
		var code = answer.code();
		if (answer.status() == 401 || code.startsWith("access_token")) {
			return new PublishOutcome.TokenExpired("TikTok refused the access token: " + answer.message());
		}
		if (code.equals("scope_not_authorized") || code.equals("scope_permission_missed")) {
			return new PublishOutcome.ChannelRevoked("TikTok: the account did not grant posting (" + answer.message() + ")");
		}
		if (answer.status() == 429 || code.equals("rate_limit_exceeded")) {
			return new PublishOutcome.RateLimited(Instant.now().plusSeconds(60), "TikTok's rate limit: " + answer.message());
		}
		if (code.equals("spam_risk_too_many_posts") || code.equals("spam_risk_too_many_pending_share")
				|| code.equals("reached_active_user_cap")) {
			return new PublishOutcome.RateLimited(Instant.now().plus(Duration.ofHours(1)), "TikTok's posting cap: " + answer.message());
		}
		if (answer.status() >= 500 || code.equals("internal_error")) {
			return new PublishOutcome.Transient("TikTok answered " + answer.status() + ": " + answer.message());
		}
		return new PublishOutcome.ContentRejected("TikTok refused the post: " + answer.message());
	}

	private static String privacy(ChannelContext channel, Map<String, String> options) {
		var value = options.getOrDefault("privacyLevel", channel.setting("privacyLevel", ""));
		return TikTokDescriptor.PRIVACY.contains(value) ? value : null;
	}

	private static boolean allowed(ChannelContext channel, PublishRequest request, String name) {
		return "true".equals(request.options().getOrDefault(name, channel.setting(name, "false")));
	}

	static boolean generated(PublishRequest request, PublishRequest.Media media) {
		return "true".equals(request.options().get("aiGenerated")) || media.digitalSourceType()
			.map(type -> type.endsWith("trainedAlgorithmicMedia") || type.endsWith("compositeSynthetic")).orElse(false);
	}

	private static TikTokApi api(ChannelContext channel) {
		var base = channel.baseUrl() == null ? URI.create("https://open.tiktokapis.com") : channel.baseUrl();
		return new TikTokApi(base, channel.credential("accessToken"),
				Duration.ofMillis(Long.parseLong(channel.setting("timeoutMillis", "60000"))));
	}
}
