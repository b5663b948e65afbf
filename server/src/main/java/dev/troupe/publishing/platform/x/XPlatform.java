package dev.troupe.publishing.platform.x;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
import dev.troupe.publishing.spi.PublicationHandles;
import dev.troupe.publishing.spi.PublishOutcome;
import dev.troupe.publishing.spi.PublishRequest;
import dev.troupe.publishing.spi.SocialPlatform;
import dev.troupe.publishing.spi.TransportFailures;
import dev.troupe.publishing.spi.Violation;

/**
 * Publishes with {@code POST /2/tweets}: media first ({@link XMedia}), then each part of the thread as a reply to
 * the part before. Each part's id is committed as soon as X returns it, so a retry continues the thread and never
 * posts a part twice. X has no idempotency key: when a create gets no answer, {@link XLookup} searches the account's
 * posts since the attempt began for the exact text; a person decides if it is not there after the look-up window.
 */
@Component
public class XPlatform implements SocialPlatform, PlatformInsights {

	static final String POST = "xPost.";

	private final PublicationHandles handles;

	XPlatform(PublicationHandles handles) {
		this.handles = handles;
	}

	@Override
	public String type() {
		return "x";
	}

	@Override
	public PlatformDescriptor descriptor() {
		return XDescriptor.DESCRIPTOR;
	}

	@Override
	public Capabilities capabilities(ChannelContext channel) {
		return new Capabilities(XDescriptor.MAX_TEXT, XDescriptor.MAX_IMAGES, XDescriptor.FORMATS, false,
				XDescriptor.MAX_IMAGE_BYTES, 4096, XDescriptor.MAX_VIDEO_BYTES, XDescriptor.MAX_ALT_TEXT, false);
	}

	@Override
	public List<Violation> validate(PostDraft draft, ChannelContext channel) {
		var violations = new ArrayList<Violation>();
		var parts = XThread.split(draft.text());
		for (int i = 0; i < parts.size(); i++) {
			var length = XDescriptor.TEXT.length(parts.get(i));
			if (length > XDescriptor.MAX_TEXT) {
				violations.add(new Violation("text", (parts.size() > 1 ? "part " + (i + 1) + " of the thread: " : "") + length
						+ " characters as X counts them (URLs 23, CJK and emoji 2); X allows " + XDescriptor.MAX_TEXT));
			}
		}
		if (draft.media().isEmpty() && draft.text().isBlank()) {
			violations.add(new Violation("text", "a post needs text or media"));
		}
		var media = draft.media();
		long motion = media.stream().filter(m -> m.contentType().startsWith("video/") || "image/gif".equals(m.contentType())).count();
		if (motion > 0 && media.size() > 1) {
			violations.add(new Violation("media", "X takes up to 4 images, or 1 GIF, or 1 video, not a mix"));
		}
		else if (media.size() > XDescriptor.MAX_IMAGES) {
			violations.add(new Violation("media", media.size() + " images; X allows " + XDescriptor.MAX_IMAGES));
		}
		for (int i = 0; i < media.size(); i++) {
			var m = media.get(i);
			var field = "media[" + i + "]";
			if (!m.contentType().startsWith("image/") && !XDescriptor.FORMATS.contains(m.contentType())) {
				violations.add(new Violation(field, m.contentType() + " is not accepted by X (images, GIF, MP4 or MOV video)"));
			}
			else if ("image/gif".equals(m.contentType()) && m.size() > XDescriptor.MAX_GIF_BYTES) {
				violations.add(new Violation(field, "a GIF may have 15 MB on X"));
			}
			else if (m.contentType().startsWith("video/") && m.size() > XDescriptor.MAX_VIDEO_BYTES) {
				violations.add(new Violation(field, "a video may have 512 MB on X"));
			}
			if (m.altText() != null && m.altText().length() > XDescriptor.MAX_ALT_TEXT) {
				violations.add(new Violation(field + ".altText", "alt text longer than " + XDescriptor.MAX_ALT_TEXT));
			}
		}
		return violations;
	}

	@Override
	public AccountInfo verify(ChannelContext channel) throws PlatformException {
		try {
			var me = client(channel).get("/2/users/me", Map.of("user.fields", "profile_image_url"));
			if (!me.ok()) {
				throw new PlatformException("X: " + me.message(), me.status() == 401 || me.status() == 403);
			}
			var user = me.body().path("data");
			var username = user.path("username").asString();
			return new AccountInfo(user.path("name").asString(username), "@" + username,
					user.path("profile_image_url").asString(null), "https://x.com/" + username);
		}
		catch (IOException e) {
			throw new PlatformException("could not reach X (" + e.getClass().getSimpleName() + ")", false, e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new PlatformException("interrupted", false, e);
		}
	}

	@Override
	public PublishOutcome publish(PublishRequest request, ChannelContext channel) {
		var client = client(channel);
		XMedia.Uploaded uploaded;
		try {
			uploaded = new XMedia(client, Integer.parseInt(channel.setting("chunkBytes", String.valueOf(4 * 1024 * 1024))),
					Duration.ofSeconds(Long.parseLong(channel.setting("processingTimeoutSeconds", "600"))))
				.upload(request, handles);
		}
		catch (IOException e) {
			// an upload cannot make a post: trying again is always safe
			return new PublishOutcome.Transient("X media upload failed (" + e.getClass().getSimpleName() + ")");
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return new PublishOutcome.Transient("interrupted during the media upload");
		}
		if (uploaded.failure() != null) {
			return uploaded.failure();
		}
		var parts = XThread.split(request.text());
		var posted = new HashMap<>(request.previousState());
		for (int i = 0; i < parts.size(); i++) {
			if (posted.containsKey(POST + i)) {
				continue;
			}
			var body = XClient.JSON.createObjectNode().put("text", parts.get(i));
			if (i == 0 && !uploaded.ids().isEmpty()) {
				var ids = body.putObject("media").putArray("media_ids");
				uploaded.ids().forEach(ids::add);
			}
			if (i > 0) {
				body.putObject("reply").put("in_reply_to_tweet_id", posted.get(POST + (i - 1)));
			}
			XResponse response;
			try {
				response = client.postJson("/2/tweets", body);
			}
			catch (IOException e) {
				return TransportFailures.neverSent(e)
						? new PublishOutcome.Transient("could not reach X (" + e.getClass().getSimpleName() + ")")
						: new PublishOutcome.OutcomeUnknown("no answer from X to the post (" + e.getClass().getSimpleName() + ")");
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return new PublishOutcome.OutcomeUnknown("interrupted while posting");
			}
			if (!response.ok()) {
				if (response.status() >= 500) {
					// X has created posts behind a 5xx before: only the look-up can tell
					return new PublishOutcome.OutcomeUnknown("X answered " + response.status() + " to the post: " + response.message());
				}
				return XErrors.classify(response, Instant.now());
			}
			var id = response.body().path("data").path("id").asString();
			handles.remember(request.publicationId(), Map.of(POST + i, id));
			posted.put(POST + i, id);
		}
		return published(posted.get(POST + 0), channel);
	}

	@Override
	public PublishOutcome reconcile(PublishRequest request, ChannelContext channel) {
		return new XLookup(client(channel), channel, handles).reconcile(request);
	}

	@Override
	public Map<String, Map<String, Long>> publicationMetrics(List<PublishedPost> posts, ChannelContext channel)
			throws PlatformException {
		return new XMetrics(client(channel)).publications(posts);
	}

	@Override
	public Map<String, Long> accountMetrics(ChannelContext channel) throws PlatformException {
		return new XMetrics(client(channel)).account();
	}

	static PublishOutcome.Published published(String id, ChannelContext channel) {
		var username = channel.credential("username");
		return new PublishOutcome.Published(id, username == null || username.isBlank() ? "https://x.com/i/web/status/" + id
				: "https://x.com/" + username + "/status/" + id);
	}

	private static XClient client(ChannelContext channel) {
		var base = channel.baseUrl() == null ? URI.create("https://api.x.com") : channel.baseUrl();
		return new XClient(base, channel.credential("accessToken"),
				Duration.ofMillis(Long.parseLong(channel.setting("timeoutMillis", "30000"))));
	}
}
