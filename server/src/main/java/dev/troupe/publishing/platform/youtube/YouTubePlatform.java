package dev.troupe.publishing.platform.youtube;

import java.util.Locale;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
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
import dev.troupe.publishing.spi.PlatformInbox;
import dev.troupe.publishing.spi.PostDraft;
import dev.troupe.publishing.spi.PublicationHandles;
import dev.troupe.publishing.spi.PublishOutcome;
import dev.troupe.publishing.spi.PublishRequest;
import dev.troupe.publishing.spi.RateLimits;
import dev.troupe.publishing.spi.SocialPlatform;
import dev.troupe.publishing.spi.Violation;

/**
 * Uploads one video with videos.insert and Google's resumable protocol. The session URI is committed before the
 * first byte; every later attempt (after a crash, a dropped connection, a 5xx) asks the session how much arrived
 * (an empty PUT answered by 308 and {@code Range}) and continues from there in the same session, so a video is
 * inserted once. Progress ({@code ytProgress}, bytes sent of total) is kept on the publication after each chunk.
 * The channel's daily allowance of inserts is counted per Pacific-time day; when it is spent, or YouTube answers
 * quotaExceeded, the post waits for midnight Pacific time. A publication that answers an inbox item is a reply to
 * the comment ({@link YouTubeComments}), never an upload; the inbox is the channel's comment threads.
 */
@Component
public class YouTubePlatform implements SocialPlatform, PlatformInsights, PlatformInbox {

	static final String SESSION = "ytSession";
	static final String PROGRESS = "ytProgress";
	static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");

	private final PublicationHandles handles;
	private final UploadAllowance allowance;

	YouTubePlatform(PublicationHandles handles, UploadAllowance allowance) {
		this.handles = handles;
		this.allowance = allowance;
	}

	@Override
	public String type() {
		return "youtube";
	}

	@Override
	public PlatformDescriptor descriptor() {
		return YouTubeDescriptor.DESCRIPTOR;
	}

	@Override
	public Capabilities capabilities(ChannelContext channel) {
		return new Capabilities(YouTubeDescriptor.MAX_DESCRIPTION_BYTES, 1, List.of("video/"), true, 0, 0,
				YouTubeDescriptor.MAX_VIDEO_BYTES, 0, true);
	}

	@Override
	public List<Violation> validate(PostDraft draft, ChannelContext channel) {
		if (draft.replyTo() != null) {
			// a reply is a comment: text only, up to YouTube's 10,000 characters
			var replyViolations = new ArrayList<Violation>();
			if (draft.text().isBlank()) {
				replyViolations.add(new Violation("text", "a reply needs text"));
			}
			else if (draft.text().length() > YouTubeDescriptor.MAX_COMMENT) {
				replyViolations.add(new Violation("text", draft.text().length() + " characters; a YouTube comment allows "
						+ YouTubeDescriptor.MAX_COMMENT));
			}
			if (!draft.media().isEmpty()) {
				replyViolations.add(new Violation("media", "a YouTube reply to a comment is text only"));
			}
			return replyViolations;
		}
		var violations = new ArrayList<>(SocialPlatform.super.validate(draft, channel));
		if (madeForKidsMissing(channel)) {
			violations.add(new Violation("madeForKids", "choose whether this channel's videos are made for kids: YouTube "
					+ "requires the answer (COPPA) and Troupe does not guess"));
		}
		if ("short".equals(channel.setting("format", "video"))) {
			for (int i = 0; i < draft.media().size(); i++) {
				var m = draft.media().get(i);
				if (m.width() != null && m.height() != null && m.width() > m.height()) {
					violations.add(new Violation("media[" + i + "]", "a Short is vertical (or square): this video is "
							+ m.width() + "×" + m.height() + "; Shorts are also at most 3 minutes long"));
				}
			}
		}
		return violations;
	}

	private static boolean madeForKidsMissing(ChannelContext channel) {
		var value = channel.setting("madeForKids", "");
		return !value.equals("yes") && !value.equals("no");
	}

	@Override
	public AccountInfo verify(ChannelContext channel) throws PlatformException {
		try {
			var answer = api(channel).get("/youtube/v3/channels", Map.of("part", "snippet", "mine", "true"));
			if (!answer.ok()) {
				throw new PlatformException("YouTube: " + answer.message(), answer.status() == 401 || answer.status() == 403);
			}
			var item = answer.body().path("items").path(0);
			var snippet = item.path("snippet");
			return new AccountInfo(snippet.path("title").asString(item.path("id").asString()),
					snippet.path("customUrl").asString(item.path("id").asString()),
					snippet.path("thumbnails").path("default").path("url").asString(null),
					"https://www.youtube.com/channel/" + item.path("id").asString());
		}
		catch (IOException e) {
			throw new PlatformException("could not reach YouTube (" + e.getClass().getSimpleName() + ")", false, e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new PlatformException("interrupted", false, e);
		}
	}

	@Override
	public PublishOutcome publish(PublishRequest request, ChannelContext channel) {
		if (request.replyTo() != null) {
			return new YouTubeComments(api(channel), channel).reply(request);
		}
		var video = request.media().stream().filter(m -> m.contentType().startsWith("video/")).findFirst().orElse(null);
		if (video == null) {
			return new PublishOutcome.ContentRejected("YouTube posts are videos: attach one");
		}
		if (madeForKidsMissing(channel)) {
			return new PublishOutcome.ContentRejected("the channel's \"Made for kids\" setting is not chosen; YouTube requires it");
		}
		if ("short".equals(channel.setting("format", "video"))) {
			var seconds = Mp4Duration.seconds(video);
			if (seconds.isPresent() && seconds.getAsDouble() > YouTubeDescriptor.SHORTS_SECONDS + 0.5) {
				return new PublishOutcome.ContentRejected(String.format(Locale.ROOT,
						"a Short is at most 3 minutes long; this video lasts %.0f s", seconds.getAsDouble()));
			}
		}
		var session = request.previousState().get(SESSION);
		var api = api(channel);
		try {
			if (session == null || session.isBlank()) {
				return start(request, channel, api, video);
			}
			return resume(request, channel, api, URI.create(session), video);
		}
		catch (IOException e) {
			// no video exists without its bytes, and a committed session resumes where it stopped: retrying is safe
			return new PublishOutcome.Transient("the YouTube upload was interrupted (" + e.getClass().getSimpleName()
					+ "); it continues in the same session");
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return new PublishOutcome.Transient("interrupted during the upload");
		}
	}

	/** An unknown outcome with a session: the session knows; without one nothing was inserted. */
	@Override
	public PublishOutcome reconcile(PublishRequest request, ChannelContext channel) {
		if (request.replyTo() != null) {
			return new YouTubeComments(api(channel), channel).reconcile(request);
		}
		var session = request.previousState().get(SESSION);
		if (session == null || session.isBlank()) {
			return new PublishOutcome.NotPublished("no YouTube upload session was started");
		}
		var outcome = publish(request, channel);
		return outcome instanceof PublishOutcome.Transient t ? new PublishOutcome.Pending(Map.of(), Instant.now().plusSeconds(30))
				: outcome;
	}

	@Override
	public InboxPage fetch(ChannelContext channel, String cursor) throws PlatformException {
		return new YouTubeComments(api(channel), channel).fetch(cursor);
	}

	private PublishOutcome start(PublishRequest request, ChannelContext channel, YouTubeApi api, PublishRequest.Media video)
			throws IOException, InterruptedException {
		var today = LocalDate.now(PACIFIC);
		var daily = Integer.parseInt(channel.setting("dailyUploads", "100"));
		if (allowance.used(channel.channelId(), today) >= daily) {
			return new PublishOutcome.RateLimited(nextPacificMidnight(), "the channel's " + daily + " YouTube uploads of "
					+ today + " are used; waiting for the reset at midnight Pacific time");
		}
		var started = api.startSession(VideoResource.of(request, video, channel), video.size(), video.contentType());
		if (!started.ok()) {
			return classify(started);
		}
		var location = started.header("Location");
		if (location == null) {
			return new PublishOutcome.Transient("YouTube started no upload session (no Location)");
		}
		handles.remember(request.publicationId(), Map.of(SESSION, location, PROGRESS, "0/" + video.size()));
		allowance.count(channel.channelId(), today);
		return upload(request, channel, api, URI.create(location), video, 0);
	}

	private PublishOutcome resume(PublishRequest request, ChannelContext channel, YouTubeApi api, URI session,
			PublishRequest.Media video) throws IOException, InterruptedException {
		var probe = api.probe(session, video.size());
		if (probe.status() == 308) {
			return upload(request, channel, api, session, video, received(probe));
		}
		if (probe.ok()) {
			return published(probe, channel);
		}
		if (probe.status() == 404 || probe.status() == 410) {
			// the session expired unfinished (they last a week), so it holds no video: the next attempt starts anew
			handles.remember(request.publicationId(), Map.of(SESSION, ""));
			return new PublishOutcome.Transient("the YouTube upload session expired before the upload finished; a new one starts");
		}
		return classify(probe);
	}

	private PublishOutcome upload(PublishRequest request, ChannelContext channel, YouTubeApi api, URI session,
			PublishRequest.Media video, long from) throws IOException, InterruptedException {
		var unit = YouTubeDescriptor.CHUNK_UNIT;
		var chunk = Math.max(1, Integer.parseInt(channel.setting("chunkBytes", String.valueOf(8 * 1024 * 1024))) / unit) * (long) unit;
		var total = video.size();
		var offset = from;
		while (true) {
			var end = Math.min(total, offset + chunk);
			YouTubeApi.Answer answer;
			try {
				answer = api.putChunk(session, video, offset, end - offset);
			}
			catch (IOException e) {
				if (end < total) {
					throw e;
				}
				// the last chunk completes the video: it may exist now, and the session's probe will tell
				return new PublishOutcome.OutcomeUnknown("no answer from YouTube to the last chunk (" + e.getClass().getSimpleName() + ")");
			}
			if (answer.ok()) {
				handles.remember(request.publicationId(), Map.of(PROGRESS, total + "/" + total));
				return published(answer, channel);
			}
			if (answer.status() != 308) {
				return answer.status() >= 500 ? new PublishOutcome.Transient("YouTube answered " + answer.status()
						+ " during the upload; it continues in the same session") : classify(answer);
			}
			offset = received(answer);
			handles.remember(request.publicationId(), Map.of(PROGRESS, offset + "/" + total));
		}
	}

	/** {@code Range: bytes=0-N} means N+1 bytes arrived; no Range means none did. */
	private static long received(YouTubeApi.Answer answer) {
		var range = answer.header("Range");
		if (range == null || !range.contains("-")) {
			return 0;
		}
		return Long.parseLong(range.substring(range.lastIndexOf('-') + 1).strip()) + 1;
	}

	private static PublishOutcome published(YouTubeApi.Answer answer, ChannelContext channel) {
		var id = answer.body().path("id").asString();
		var url = "short".equals(channel.setting("format", "video")) ? "https://www.youtube.com/shorts/" + id
				: "https://www.youtube.com/watch?v=" + id;
		return new PublishOutcome.Published(id, url);
	}

	static PublishOutcome classify(YouTubeApi.Answer answer) {
		var reason = answer.reason();
		if (answer.status() == 401) {
			return new PublishOutcome.TokenExpired("YouTube refused the access token: " + answer.message());
		}
		if ("quotaExceeded".equals(reason) || "dailyLimitExceeded".equals(reason)) {
			return new PublishOutcome.RateLimited(nextPacificMidnight(), "the Google Cloud project's YouTube quota is "
					+ "spent; waiting for the reset at midnight Pacific time", true);
		}
		if ("uploadLimitExceeded".equals(reason)) {
			return new PublishOutcome.RateLimited(nextPacificMidnight(), "the channel reached YouTube's upload limit; "
					+ "waiting for the reset at midnight Pacific time");
		}
		if (answer.status() == 429 || "rateLimitExceeded".equals(reason) || "userRateLimitExceeded".equals(reason)) {
			return new PublishOutcome.RateLimited(RateLimits.until(answer.headers(), Instant.now())
				.orElse(Instant.now().plus(Duration.ofMinutes(1))), "YouTube asks to slow down: "
					+ answer.message());
		}
		if (answer.status() >= 500) {
			return new PublishOutcome.Transient("YouTube answered " + answer.status() + ": " + answer.message());
		}
		return new PublishOutcome.ContentRejected("YouTube refused the video (" + answer.status()
				+ (reason.isEmpty() ? "" : ", " + reason) + "): " + answer.message());
	}

	@Override
	public Map<String, Map<String, Long>> publicationMetrics(List<PublishedPost> posts, ChannelContext channel)
			throws PlatformException {
		return new YouTubeMetrics(api(channel)).publications(posts);
	}

	@Override
	public Map<String, Long> accountMetrics(ChannelContext channel) throws PlatformException {
		return new YouTubeMetrics(api(channel)).account();
	}

	static Instant nextPacificMidnight() {
		return LocalDate.now(PACIFIC).plusDays(1).atStartOfDay(PACIFIC).toInstant();
	}

	private static YouTubeApi api(ChannelContext channel) {
		var base = channel.baseUrl() == null ? URI.create("https://www.googleapis.com") : channel.baseUrl();
		return new YouTubeApi(base, channel.credential("accessToken"),
				Duration.ofMillis(Long.parseLong(channel.setting("timeoutMillis", "60000"))));
	}
}
