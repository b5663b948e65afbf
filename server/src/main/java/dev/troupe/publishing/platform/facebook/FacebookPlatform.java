package dev.troupe.publishing.platform.facebook;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.troupe.publishing.platform.meta.GraphClient;
import dev.troupe.publishing.platform.meta.GraphResponse;
import dev.troupe.publishing.platform.meta.MetaErrors;
import dev.troupe.publishing.spi.AccountInfo;
import dev.troupe.publishing.spi.Capabilities;
import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.PlatformDescriptor;
import dev.troupe.publishing.spi.PlatformException;
import dev.troupe.publishing.spi.PlatformInsights;
import dev.troupe.publishing.spi.PublicMedia;
import dev.troupe.publishing.spi.PublicationHandles;
import dev.troupe.publishing.spi.PublishOutcome;
import dev.troupe.publishing.spi.PublishRequest;
import dev.troupe.publishing.spi.SocialPlatform;
import dev.troupe.publishing.spi.TransportFailures;

/**
 * Publishes to a Facebook Page with its Page token: text (with a link preview) to {@code /feed}, one photo to
 * {@code /photos}, several photos uploaded unpublished and attached to one {@code /feed} post, a video by
 * resumable upload or as a Reel ({@link FacebookVideos}, setting {@code videoFormat}). Facebook has no idempotency key: after an unknown outcome the Page's
 * recent posts are searched for the same text since the first attempt; only if none is found does a person decide.
 */
@Component
public class FacebookPlatform implements SocialPlatform, PlatformInsights {

	private static final Duration LINK_VALIDITY = Duration.ofHours(6);
	/** Facebook's timestamps: {@code 2026-12-03T10:15:30+0000}. */
	private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");

	private final String version;
	private final PublicMedia links;
	private final PublicationHandles handles;

	FacebookPlatform(@Value("${troupe.meta.graph-api-version:v25.0}") String version, PublicMedia links,
			PublicationHandles handles) {
		this.version = version;
		this.links = links;
		this.handles = handles;
	}

	@Override
	public String type() {
		return "facebook";
	}

	@Override
	public PlatformDescriptor descriptor() {
		return FacebookDescriptor.DESCRIPTOR;
	}

	@Override
	public Capabilities capabilities(ChannelContext channel) {
		return new Capabilities(FacebookDescriptor.MAX_TEXT, FacebookDescriptor.MAX_PHOTOS,
				List.of("image/jpeg", "image/png", "video/mp4"), false, FacebookDescriptor.MAX_IMAGE_BYTES,
				FacebookDescriptor.MAX_IMAGE_EDGE, FacebookDescriptor.MAX_VIDEO_BYTES, 0, false);
	}

	@Override
	public AccountInfo verify(ChannelContext channel) throws PlatformException {
		try {
			var page = graph(channel).get(channel.credential("pageId"), Map.of("fields", "id,name,link,picture{url}"));
			if (!page.ok()) {
				throw new PlatformException(page.message(), page.status() / 100 == 4);
			}
			return new AccountInfo(page.body().path("name").asString(), null,
					page.body().path("picture").path("data").path("url").asString(null), page.body().path("link").asString(null));
		}
		catch (IOException e) {
			throw new PlatformException("could not reach Facebook (" + e.getClass().getSimpleName() + ")", false, e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new PlatformException("interrupted", false, e);
		}
	}

	@Override
	public PublishOutcome publish(PublishRequest request, ChannelContext channel) {
		var graph = graph(channel);
		var page = channel.credential("pageId");
		try {
			GraphResponse created;
			var media = request.media();
			if (media.isEmpty()) {
				created = graph.post(page + "/feed", textPost(request));
			}
			else if (media.size() == 1 && media.get(0).contentType().startsWith("video/")) {
				var videos = new FacebookVideos(graph, page, handles);
				return "reel".equals(channel.setting("videoFormat", "video")) ? videos.reel(request, media.get(0))
						: videos.video(request, media.get(0));
			}
			else if (media.size() == 1) {
				created = graph.post(page + "/photos", Map.of("url", url(request, media.get(0)), "caption", request.text()));
			}
			else {
				var form = textPost(request);
				for (int i = 0; i < media.size(); i++) {
					// unpublished photos create no post; only the /feed call below does
					var photo = graph.post(page + "/photos", Map.of("url", url(request, media.get(i)), "published", "false"));
					if (!photo.ok()) {
						return MetaErrors.classify("Facebook", photo, Instant.now());
					}
					form.put("attached_media[" + i + "]", "{\"media_fbid\":\"" + photo.body().path("id").asString() + "\"}");
				}
				created = graph.post(page + "/feed", form);
			}
			if (!created.ok()) {
				return MetaErrors.classify("Facebook", created, Instant.now());
			}
			var body = created.body();
			var id = body.path("post_id").asString(body.path("id").asString());
			return new PublishOutcome.Published(id, "https://www.facebook.com/" + id);
		}
		catch (IOException e) {
			return TransportFailures.neverSent(e)
					? new PublishOutcome.Transient("could not reach Facebook (" + e.getClass().getSimpleName() + ")")
					: new PublishOutcome.OutcomeUnknown("no answer from Facebook (" + e.getClass().getSimpleName() + ")");
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return new PublishOutcome.OutcomeUnknown("interrupted");
		}
	}

	/**
	 * Looks for a Page post with the same text created since the first attempt. Reliable when the text is
	 * unique on the Page for the day; a photo or video post without text cannot be told apart, and then a
	 * person decides.
	 */
	@Override
	public PublishOutcome reconcile(PublishRequest request, ChannelContext channel) {
		if (request.previousState().containsKey(FacebookVideos.VIDEO_ID)) {
			try {
				return new FacebookVideos(graph(channel), channel.credential("pageId"), handles).reconcile(request,
						"reel".equals(channel.setting("videoFormat", "video")));
			}
			catch (IOException e) {
				return new PublishOutcome.OutcomeUnknown("could not reach Facebook (" + e.getClass().getSimpleName() + ")");
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return new PublishOutcome.OutcomeUnknown("interrupted");
			}
		}
		if (request.text().isBlank()) {
			return new PublishOutcome.OutcomeUnknown("Facebook posts without text cannot be looked up");
		}
		var since = request.previousState().containsKey(PublishRequest.FIRST_ATTEMPT_AT)
				? Instant.parse(request.previousState().get(PublishRequest.FIRST_ATTEMPT_AT)).minusSeconds(60)
				: request.scheduledAt().minusSeconds(60);
		try {
			var feed = graph(channel).get(channel.credential("pageId") + "/published_posts",
					Map.of("fields", "id,message,created_time,permalink_url", "limit", "25"));
			if (!feed.ok()) {
				return new PublishOutcome.OutcomeUnknown("Facebook did not list the Page's posts: " + feed.message());
			}
			for (var post : feed.body().path("data")) {
				var created = OffsetDateTime.parse(post.path("created_time").asString(), FORMAT).toInstant();
				if (request.text().equals(post.path("message").asString("")) && !created.isBefore(since)) {
					return new PublishOutcome.Published(post.path("id").asString(),
							post.path("permalink_url").asString("https://www.facebook.com/" + post.path("id").asString()));
				}
			}
			return new PublishOutcome.OutcomeUnknown("no post with this text on the Page since the first attempt; "
					+ "Facebook may still be processing it");
		}
		catch (IOException e) {
			return new PublishOutcome.OutcomeUnknown("could not reach Facebook (" + e.getClass().getSimpleName() + ")");
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return new PublishOutcome.OutcomeUnknown("interrupted");
		}
	}

	@Override
	public Map<String, Map<String, Long>> publicationMetrics(List<PublishedPost> posts, ChannelContext channel)
			throws PlatformException {
		return new FacebookMetrics(graph(channel), channel.credential("pageId")).publications(posts);
	}

	@Override
	public Map<String, Long> accountMetrics(ChannelContext channel) throws PlatformException {
		return new FacebookMetrics(graph(channel), channel.credential("pageId")).account();
	}

	private static Map<String, String> textPost(PublishRequest request) {
		var form = new LinkedHashMap<String, String>();
		form.put("message", request.text());
		var link = java.util.regex.Pattern.compile("https?://\\S+").matcher(request.text());
		if (link.find()) {
			form.put("link", link.group());
		}
		return form;
	}

	private String url(PublishRequest request, PublishRequest.Media media) {
		return links.share(request.publicationId(), media, LINK_VALIDITY).toString();
	}

	private GraphClient graph(ChannelContext channel) {
		var base = channel.baseUrl() == null ? URI.create("https://graph.facebook.com") : channel.baseUrl();
		return new GraphClient(base, channel.setting("graphApiVersion", version), channel.credential("accessToken"),
				Duration.ofMillis(Long.parseLong(channel.setting("timeoutMillis", "60000"))));
	}
}
