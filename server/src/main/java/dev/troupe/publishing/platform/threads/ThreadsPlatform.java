package dev.troupe.publishing.platform.threads;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.troupe.publishing.platform.meta.ContainerApi;
import dev.troupe.publishing.platform.meta.ContainerChannels;
import dev.troupe.publishing.platform.meta.ContainerPublishing;
import dev.troupe.publishing.platform.meta.GraphClient;
import dev.troupe.publishing.platform.meta.GraphResponse;
import dev.troupe.publishing.platform.meta.MetaErrors;
import dev.troupe.publishing.spi.AccountInfo;
import dev.troupe.publishing.spi.Capabilities;
import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.PlatformDescriptor;
import dev.troupe.publishing.spi.PlatformException;
import dev.troupe.publishing.spi.PlatformInsights;
import dev.troupe.publishing.spi.PlatformInbox;
import dev.troupe.publishing.spi.PostDraft;
import dev.troupe.publishing.spi.PublicMedia;
import dev.troupe.publishing.spi.PublicationHandles;
import dev.troupe.publishing.spi.PublishOutcome;
import dev.troupe.publishing.spi.PublishRequest;
import dev.troupe.publishing.spi.SocialPlatform;
import dev.troupe.publishing.spi.Violation;

/**
 * Publishes to a Threads profile: reads {@code threads_publishing_limit} (a used-up quota waits), creates the
 * container (text, image, video or carousel), commits its id, waits for {@code status = FINISHED}, then
 * {@code threads_publish}; like Instagram, a publication that has a container never gets another one. A
 * publication that answers an inbox item is the same flow with {@code reply_to_id}, gated by the reply quota; the
 * inbox is the replies under the profile's recent posts ({@link ThreadsReplies}).
 */
@Component
public class ThreadsPlatform implements SocialPlatform, PlatformInsights, PlatformInbox {

	static final String CONTAINER = "threadsContainerId";
	static final String CONTAINER_CREATED = "threadsContainerCreatedAt";
	static final ContainerApi API = new ContainerApi("Threads", "threads", "threads_publish", "status", "error_message",
			CONTAINER, CONTAINER_CREATED, "replies");
	private static final URI BASE = URI.create("https://graph.threads.net");
	private static final Duration LINK_VALIDITY = Duration.ofHours(25);

	private final PublicMedia links;
	private final PublicationHandles handles;

	ThreadsPlatform(PublicMedia links, PublicationHandles handles) {
		this.links = links;
		this.handles = handles;
	}

	@Override
	public String type() {
		return "threads";
	}

	@Override
	public PlatformDescriptor descriptor() {
		return ThreadsDescriptor.DESCRIPTOR;
	}

	@Override
	public Capabilities capabilities(ChannelContext channel) {
		return new Capabilities(ThreadsDescriptor.MAX_TEXT, ThreadsDescriptor.MAX_ITEMS,
				List.of("image/jpeg", "image/png", "video/mp4"), false, ThreadsDescriptor.MAX_IMAGE_BYTES,
				ThreadsDescriptor.MAX_IMAGE_EDGE, ThreadsDescriptor.MAX_VIDEO_BYTES, 0, false);
	}

	@Override
	public List<Violation> validate(PostDraft draft, ChannelContext channel) {
		var violations = new ArrayList<Violation>();
		for (var violation : SocialPlatform.super.validate(draft, channel)) {
			if (!violation.field().equals("text") || !violation.reason().contains("characters")) {
				violations.add(violation);
			}
		}
		var length = ThreadsText.length(draft.text());
		if (length > ThreadsDescriptor.MAX_TEXT) {
			violations.add(new Violation("text", length + " characters as Threads counts them (an emoji counts as its "
					+ "UTF-8 bytes); Threads allows " + ThreadsDescriptor.MAX_TEXT));
		}
		return violations;
	}

	@Override
	public AccountInfo verify(ChannelContext channel) throws PlatformException {
		return ContainerChannels.verify(graph(channel), "Threads", "id,username,name,threads_profile_picture_url",
				"threads_profile_picture_url", "https://www.threads.net/@");
	}

	@Override
	public PublishOutcome publish(PublishRequest request, ChannelContext channel) {
		var graph = graph(channel);
		var userId = channel.credential("userId");
		var existing = request.previousState().get(CONTAINER);
		try {
			if (existing != null) {
				return new ContainerPublishing(API, graph, userId, existing, request, channel).run(false);
			}
			var quotaStop = request.replyTo() != null ? new ThreadsReplies(graph, channel).quotaStop()
					: ContainerChannels.quotaStop(graph, userId + "/threads_publishing_limit", "Threads", "Threads'");
			if (quotaStop.isPresent()) {
				return quotaStop.get();
			}
			var created = create(graph, userId, request, channel);
			if (!created.ok()) {
				return MetaErrors.classify("Threads", created, Instant.now());
			}
			var container = created.body().path("id").asString();
			handles.remember(request.publicationId(), Map.of(CONTAINER, container, CONTAINER_CREATED, Instant.now().toString()));
			return new ContainerPublishing(API, graph, userId, container, request, channel).run(false);
		}
		catch (IOException e) {
			return ContainerChannels.unreachable("Threads", e, existing != null);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return new PublishOutcome.OutcomeUnknown("interrupted");
		}
	}

	@Override
	public PublishOutcome reconcile(PublishRequest request, ChannelContext channel) {
		return ContainerChannels.reconcile(API, request, channel, BASE, ThreadsLogin.VERSION);
	}

	@Override
	public Map<String, Map<String, Long>> publicationMetrics(List<PublishedPost> posts, ChannelContext channel)
			throws PlatformException {
		return new ThreadsMetrics(graph(channel), channel.credential("userId")).publications(posts);
	}

	@Override
	public Map<String, Long> accountMetrics(ChannelContext channel) throws PlatformException {
		return new ThreadsMetrics(graph(channel), channel.credential("userId")).account();
	}

	@Override
	public InboxPage fetch(ChannelContext channel, String cursor) throws PlatformException {
		return new ThreadsReplies(graph(channel), channel).fetch(cursor);
	}

	/** A text post, one image or video, or a carousel of item containers and its parent. */
	private GraphResponse create(GraphClient graph, String userId, PublishRequest request, ChannelContext channel)
			throws IOException, InterruptedException {
		var form = new LinkedHashMap<String, String>();
		form.put("text", request.text());
		if (request.replyTo() != null) {
			var target = request.replyTo().ref("replyToId");
			form.put("reply_to_id", target == null ? request.replyTo().remoteId() : target);
		}
		else {
			form.put("reply_control", channel.setting("replyControl", "everyone"));
		}
		if (request.media().isEmpty()) {
			form.put("media_type", "TEXT");
			return graph.post(userId + "/threads", form);
		}
		if (request.media().size() == 1) {
			form.putAll(item(request, request.media().get(0)));
			return graph.post(userId + "/threads", form);
		}
		var children = new ArrayList<String>();
		for (var media : request.media()) {
			var child = new LinkedHashMap<>(item(request, media));
			child.put("is_carousel_item", "true");
			var created = graph.post(userId + "/threads", child);
			if (!created.ok()) {
				return created;
			}
			children.add(created.body().path("id").asString());
		}
		form.put("media_type", "CAROUSEL");
		form.put("children", String.join(",", children));
		return graph.post(userId + "/threads", form);
	}

	private Map<String, String> item(PublishRequest request, PublishRequest.Media media) {
		URI url = links.share(request.publicationId(), media, LINK_VALIDITY);
		return media.contentType().startsWith("video/") ? Map.of("media_type", "VIDEO", "video_url", url.toString())
				: Map.of("media_type", "IMAGE", "image_url", url.toString());
	}

	private GraphClient graph(ChannelContext channel) {
		return ContainerChannels.graph(channel, BASE, ThreadsLogin.VERSION);
	}
}
