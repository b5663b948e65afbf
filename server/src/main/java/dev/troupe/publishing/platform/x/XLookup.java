package dev.troupe.publishing.platform.x;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.PublicationHandles;
import dev.troupe.publishing.spi.PublishOutcome;
import dev.troupe.publishing.spi.PublishRequest;

/**
 * After a create without an answer: reads the account's posts since the attempt began
 * ({@code GET /2/users/{id}/tweets?start_time=…}) and looks for each unconfirmed part's exact text. X rewrites links
 * to t.co, appends a media link and escapes {@code & < >}, so texts are compared without links, entities unescaped
 * and white space collapsed. Found: its id is kept and the thread goes on. Not found yet: look again until the
 * look-up window has passed since the first attempt, then a person decides (nothing is posted again blindly).
 */
final class XLookup {

	private static final Pattern URL = Pattern.compile("https?://\\S+");
	private static final Duration CLOCK_SKEW = Duration.ofMinutes(2);

	private final XClient client;
	private final ChannelContext channel;
	private final PublicationHandles handles;

	XLookup(XClient client, ChannelContext channel, PublicationHandles handles) {
		this.client = client;
		this.channel = channel;
		this.handles = handles;
	}

	PublishOutcome reconcile(PublishRequest request) {
		var parts = XThread.split(request.text());
		var posted = new HashMap<>(request.previousState());
		var first = 0;
		while (first < parts.size() && posted.containsKey(XPlatform.POST + first)) {
			first++;
		}
		if (first == parts.size()) {
			return XPlatform.published(posted.get(XPlatform.POST + 0), channel);
		}
		var window = Duration.ofSeconds(Long.parseLong(channel.setting("lookupWindowSeconds", "300")));
		var startedAt = request.previousState().containsKey(PublishRequest.FIRST_ATTEMPT_AT)
				? Instant.parse(request.previousState().get(PublishRequest.FIRST_ATTEMPT_AT)) : Instant.now().minus(window);
		XResponse timeline;
		try {
			timeline = client.get("/2/users/" + channel.credential("userId") + "/tweets", Map.of("start_time",
					startedAt.minus(CLOCK_SKEW).truncatedTo(ChronoUnit.SECONDS).toString(), "max_results", "100",
					"tweet.fields", "created_at,referenced_tweets"));
		}
		catch (IOException e) {
			return notYet(startedAt, window, "X could not be asked (" + e.getClass().getSimpleName() + ")");
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return new PublishOutcome.OutcomeUnknown("interrupted");
		}
		if (timeline.status() == 429) {
			var limited = XErrors.limited(timeline, Instant.now());
			return new PublishOutcome.Pending(Map.of(), limited.until());
		}
		if (!timeline.ok()) {
			return notYet(startedAt, window, "X answered " + timeline.status() + " to the look-up: " + timeline.message());
		}
		var found = 0;
		for (int i = first; i < parts.size(); i++) {
			var id = find(timeline, parts.get(i));
			if (id == null) {
				break;
			}
			handles.remember(request.publicationId(), Map.of(XPlatform.POST + i, id));
			posted.put(XPlatform.POST + i, id);
			found++;
		}
		if (first + found == parts.size()) {
			return XPlatform.published(posted.get(XPlatform.POST + 0), channel);
		}
		if (found > 0) {
			// the unanswered part is there; the parts after it were never sent
			return new PublishOutcome.NotPublished("the rest of the thread was not sent yet");
		}
		return notYet(startedAt, window, "the post is not among the account's posts since " + startedAt);
	}

	private static PublishOutcome notYet(Instant startedAt, Duration window, String reason) {
		var until = startedAt.plus(window);
		if (Instant.now().isBefore(until)) {
			var next = Instant.now().plus(Duration.ofSeconds(Math.max(1, Math.min(30, window.toSeconds() / 5))));
			return new PublishOutcome.Pending(Map.of(), next.isAfter(until) ? until : next);
		}
		return new PublishOutcome.OutcomeUnknown(reason + " (looked for " + window.toSeconds()
				+ " s); X has no way to tell for certain, so a person decides: check the account and mark it published or retry");
	}

	private static String find(XResponse timeline, String text) {
		var wanted = normalize(text);
		for (var post : timeline.body().path("data")) {
			if (normalize(post.path("text").asString()).equals(wanted)) {
				return post.path("id").asString();
			}
		}
		return null;
	}

	static String normalize(String text) {
		var unescaped = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
		return URL.matcher(unescaped).replaceAll(" ").replaceAll("\\s+", " ").strip();
	}
}
