package dev.troupe.publishing.platform.instagram;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.troupe.publishing.platform.meta.ContainerApi;
import dev.troupe.publishing.platform.meta.ContainerChannels;
import dev.troupe.publishing.platform.meta.ContainerPublishing;
import dev.troupe.publishing.platform.meta.GraphClient;
import dev.troupe.publishing.platform.meta.MetaErrors;
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
import dev.troupe.publishing.spi.Violation;

/**
 * Publishes to an Instagram professional account: reads {@code content_publishing_limit} (a used-up quota waits
 * instead of failing), creates the container, commits its id, waits for {@code status_code = FINISHED}, then
 * {@code media_publish}. A container is published at most once by Instagram, so sending media_publish again for
 * the same container cannot make a second post; a publication that has a container never gets another one.
 */
@Component
public class InstagramPlatform implements SocialPlatform, PlatformInsights {

	static final String CONTAINER = "igContainerId";
	static final String CONTAINER_CREATED = "igContainerCreatedAt";
	static final ContainerApi API = new ContainerApi("Instagram", "media", "media_publish", "status_code", "status", CONTAINER,
			CONTAINER_CREATED);
	private static final URI BASE = URI.create("https://graph.instagram.com");

	private final String version;
	private final PublicMedia links;
	private final PublicationHandles handles;

	InstagramPlatform(@Value("${troupe.meta.graph-api-version:v25.0}") String version, PublicMedia links,
			PublicationHandles handles) {
		this.version = version;
		this.links = links;
		this.handles = handles;
	}

	@Override
	public String type() {
		return "instagram";
	}

	@Override
	public PlatformDescriptor descriptor() {
		return InstagramDescriptor.DESCRIPTOR;
	}

	@Override
	public Capabilities capabilities(ChannelContext channel) {
		return new Capabilities(InstagramDescriptor.MAX_CAPTION, InstagramDescriptor.MAX_ITEMS,
				List.of("image/jpeg", "video/mp4"), true, InstagramDescriptor.MAX_IMAGE_BYTES, InstagramDescriptor.MAX_IMAGE_EDGE,
				InstagramDescriptor.MAX_VIDEO_BYTES, InstagramDescriptor.MAX_ALT_TEXT, false);
	}

	@Override
	public List<Violation> validate(PostDraft draft, ChannelContext channel) {
		var violations = new ArrayList<Violation>();
		for (var violation : SocialPlatform.super.validate(draft, channel)) {
			// any image is fine: Troupe re-encodes it to the JPEG Instagram takes (Renditions)
			if (!(violation.reason().contains("is not accepted") && imageAt(draft, violation.field()))) {
				violations.add(violation);
			}
		}
		var format = channel.setting("format", "feed");
		if ("story".equals(format) && draft.media().size() > 1) {
			violations.add(new Violation("media", "an Instagram Story is one image or video"));
		}
		if ("reel".equals(format) && (draft.media().isEmpty() || !draft.media().get(0).contentType().startsWith("video/")
				|| draft.media().size() > 2 || draft.media().size() == 2 && !draft.media().get(1).contentType().startsWith("image/"))) {
			violations.add(new Violation("media", "an Instagram Reel is one video, optionally followed by an image as its cover"));
		}
		for (int i = 0; i < draft.media().size(); i++) {
			var m = draft.media().get(i);
			if (!"story".equals(format) && m.contentType().startsWith("image/") && m.width() != null && m.height() != null
					&& m.height() > 0) {
				var ratio = (double) m.width() / m.height();
				if (ratio < InstagramDescriptor.MIN_FEED_RATIO - 0.005 || ratio > InstagramDescriptor.MAX_FEED_RATIO + 0.005) {
					violations.add(new Violation("media[" + i + "]", String.format(java.util.Locale.ROOT,
							"aspect ratio %.2f:1; Instagram's feed takes 0.8:1 (4:5) to 1.91:1 — crop it or post it as a Story",
							ratio)));
				}
			}
		}
		return violations;
	}

	private static boolean imageAt(PostDraft draft, String field) {
		var index = field.replaceAll("^media\\[(\\d+)\\]$", "$1");
		return !index.equals(field) && draft.media().get(Integer.parseInt(index)).contentType().startsWith("image/");
	}

	@Override
	public AccountInfo verify(ChannelContext channel) throws PlatformException {
		return ContainerChannels.verify(graph(channel), "Instagram", "user_id,username,name,profile_picture_url",
				"profile_picture_url", "https://www.instagram.com/");
	}

	@Override
	public PublishOutcome publish(PublishRequest request, ChannelContext channel) {
		var graph = graph(channel);
		var userId = channel.credential("userId");
		var existing = request.previousState().get(CONTAINER);
		try {
			if (existing != null) {
				return finish(request, channel, graph, existing, true);
			}
			if (request.media().isEmpty()) {
				return new PublishOutcome.ContentRejected("Instagram posts need at least one image or video");
			}
			var quotaStop = ContainerChannels.quotaStop(graph, userId + "/content_publishing_limit", "Instagram", "Instagram's");
			if (quotaStop.isPresent()) {
				return quotaStop.get();
			}
			var created = new InstagramContainers(graph, userId, links).create(request, channel.setting("format", "feed"),
					!"false".equals(channel.setting("shareToFeed", "true")));
			if (created.failure() != null) {
				// nothing exists that could become a post: whatever went wrong is safe to retry or correct
				return MetaErrors.classify("Instagram", created.failure(), Instant.now());
			}
			handles.remember(request.publicationId(), Map.of(CONTAINER, created.id(), CONTAINER_CREATED, Instant.now().toString()));
			return finish(request, channel, graph, created.id(), false);
		}
		catch (IOException e) {
			return ContainerChannels.unreachable("Instagram", e, existing != null);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return new PublishOutcome.OutcomeUnknown("interrupted");
		}
	}

	@Override
	public PublishOutcome reconcile(PublishRequest request, ChannelContext channel) {
		return ContainerChannels.reconcile(API, request, channel, BASE, version);
	}

	@Override
	public Map<String, Map<String, Long>> publicationMetrics(List<PublishedPost> posts, ChannelContext channel)
			throws PlatformException {
		return new InstagramMetrics(graph(channel)).publications(posts);
	}

	@Override
	public Map<String, Long> accountMetrics(ChannelContext channel) throws PlatformException {
		return new InstagramMetrics(graph(channel)).account();
	}

	private PublishOutcome finish(PublishRequest request, ChannelContext channel, GraphClient graph, String container,
			boolean reconciling) throws IOException, InterruptedException {
		return new ContainerPublishing(API, graph, channel.credential("userId"), container, request, channel).run(reconciling);
	}

	private GraphClient graph(ChannelContext channel) {
		return ContainerChannels.graph(channel, BASE, version);
	}
}
