package dev.troupe.publishing.platform.mastodon;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.troupe.publishing.spi.AccountInfo;
import dev.troupe.publishing.spi.Capabilities;
import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.OutcomeException;
import dev.troupe.publishing.spi.PlatformDescriptor;
import dev.troupe.publishing.spi.PlatformException;
import dev.troupe.publishing.spi.PlatformInsights;
import dev.troupe.publishing.spi.PostDraft;
import dev.troupe.publishing.spi.PublishOutcome;
import dev.troupe.publishing.spi.PublishRequest;
import dev.troupe.publishing.spi.SocialPlatform;
import dev.troupe.publishing.spi.Violation;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes to any Mastodon instance (and API-compatible servers) with a user access token. Channel:
 * {@code baseUrl} = the instance, credential {@code accessToken} (scopes {@code read:accounts write:media
 * write:statuses}), settings {@code visibility}, {@code language}, {@code sensitive}, {@code spoilerText},
 * {@code timeoutMillis}, {@code mediaTimeoutSeconds}, {@code replayAfterSeconds} (how long after an unanswered
 * attempt reconciling waits before it replays the Idempotency-Key). A publish request's options override the settings.
 */
@Component
public class MastodonPlatform implements SocialPlatform, PlatformInsights {

	private final JsonMapper json;
	private final MastodonInstances instances;
	private final MastodonInsights insights;

	public MastodonPlatform(JsonMapper json) {
		this.json = json;
		this.instances = new MastodonInstances(json, Clock.systemUTC());
		this.insights = new MastodonInsights(json);
	}

	@Override
	public Map<String, Map<String, Long>> publicationMetrics(List<PublishedPost> posts, ChannelContext channel)
			throws PlatformException {
		return insights.publications(posts, channel);
	}

	@Override
	public Map<String, Long> accountMetrics(ChannelContext channel) throws PlatformException {
		return insights.account(channel);
	}

	@Override
	public String type() {
		return "mastodon";
	}

	@Override
	public PlatformDescriptor descriptor() {
		return MastodonDescriptor.DESCRIPTOR;
	}

	@Override
	public Capabilities capabilities(ChannelContext channel) {
		return instances.limits(channel).capabilities();
	}

	@Override
	public List<Violation> validate(PostDraft draft, ChannelContext channel) {
		var limits = instances.limits(channel);
		// the default check counts every code point; Mastodon counts URLs as a fixed length, so replace that check
		var violations = new ArrayList<>(SocialPlatform.super.validate(draft, channel).stream()
			.filter(v -> !(v.field().equals("text") && v.reason().contains(" characters; ")))
			.toList());
		var length = MastodonText.length(draft.text(), limits.charactersPerUrl());
		var max = limits.capabilities().maxTextLength();
		if (length > max) {
			violations.add(0, new Violation("text", length + " characters; this Mastodon instance allows " + max));
		}
		return violations;
	}

	@Override
	public AccountInfo verify(ChannelContext channel) throws PlatformException {
		MastodonResponse response;
		try {
			response = new MastodonClient(channel, json).verifyCredentials();
		}
		catch (IOException e) {
			throw new PlatformException("could not reach " + channel.baseUrl() + ": " + e.getMessage(), false, e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new PlatformException("interrupted while verifying", false, e);
		}
		if (!response.ok()) {
			throw new PlatformException("Mastodon refused the token: " + response.error(),
					MastodonErrors.refused(response.status()));
		}
		var displayName = response.text("display_name");
		var name = displayName == null || displayName.isBlank() ? response.text("username") : displayName;
		return new AccountInfo(name, "@" + response.text("acct"), response.text("avatar"), response.text("url"));
	}

	@Override
	public PublishOutcome publish(PublishRequest request, ChannelContext channel) {
		var client = new MastodonClient(channel, json);
		try {
			// media is uploaded again on every attempt: unattached uploads cost nothing and Mastodon removes them
			var mediaIds = new ArrayList<String>();
			var maxWait = Duration.ofSeconds(Long.parseLong(channel.setting("mediaTimeoutSeconds", "300")));
			for (var media : request.media()) {
				mediaIds.add(MastodonMedia.upload(client, media, maxWait));
			}
			return createStatus(client, request, channel, mediaIds);
		}
		catch (OutcomeException e) {
			return e.outcome();
		}
	}

	/** Kept a little under Mastodon's one hour so clock differences cannot cause a duplicate. */
	static final java.time.Duration IDEMPOTENCY_WINDOW = java.time.Duration.ofMinutes(50);

	/**
	 * Replays the create with the same Idempotency-Key. Within the key's hour Mastodon answers with the status it
	 * created; if the first attempt never created one, the replay creates it now. Either way there is one post.
	 * After the window a replay could duplicate, so a person decides.
	 */
	@Override
	public PublishOutcome reconcile(PublishRequest request, ChannelContext channel) {
		var last = request.previousState().get(PublishRequest.LAST_ATTEMPT_AT);
		if (last != null) {
			// Mastodon stores the key only once the status exists: a replay while the first request still runs on the
			// server would create a second status. Wait until it cannot be running any more.
			var replayFrom = java.time.Instant.parse(last).plus(quietPeriod(channel));
			if (java.time.Instant.now().isBefore(replayFrom)) {
				return new PublishOutcome.Pending(Map.of("replayFrom", replayFrom.toString()), replayFrom);
			}
		}
		var first = request.previousState().get(PublishRequest.FIRST_ATTEMPT_AT);
		if (first != null && java.time.Instant.parse(first).isBefore(java.time.Instant.now().minus(IDEMPOTENCY_WINDOW))) {
			// Mastodon forgets Idempotency-Keys after about an hour: a replay now could post a second time
			return new PublishOutcome.OutcomeUnknown("the first attempt is older than Mastodon's Idempotency-Key window "
					+ "(about an hour); check the account before publishing again");
		}
		var outcome = publish(request, channel);
		return outcome instanceof PublishOutcome.Published ? outcome
				: new PublishOutcome.OutcomeUnknown("replaying the Idempotency-Key did not confirm the status: " + outcome);
	}

	/**
	 * How long after an attempt started its request may still be running on the instance: setting
	 * {@code replayAfterSeconds}, by default twice the client timeout and at least two minutes (well inside the
	 * key's hour).
	 */
	static Duration quietPeriod(ChannelContext channel) {
		var configured = channel.setting("replayAfterSeconds", null);
		if (configured != null && !configured.isBlank()) {
			return Duration.ofSeconds(Long.parseLong(configured.trim()));
		}
		var timeout = Duration.ofMillis(Long.parseLong(channel.setting("timeoutMillis", "30000")));
		var twice = timeout.multipliedBy(2);
		return twice.compareTo(Duration.ofMinutes(2)) > 0 ? twice : Duration.ofMinutes(2);
	}

	private PublishOutcome createStatus(MastodonClient client, PublishRequest request, ChannelContext channel,
			List<String> mediaIds) {
		MastodonResponse response;
		try {
			response = client.createStatus(statusForm(request, channel, mediaIds), request.idempotencyKey());
		}
		catch (IOException | InterruptedException e) {
			return MastodonErrors.transport(e, true);
		}
		if (!response.ok()) {
			return MastodonErrors.statusFailure(response);
		}
		if (response.text("id") == null) {
			// a 2xx we cannot read (a proxy's page, a truncated body): the status may well exist
			return new PublishOutcome.OutcomeUnknown("Mastodon answered " + response.status() + " without a status id");
		}
		var url = response.text("url");
		return new PublishOutcome.Published(response.text("id"), url != null ? url : response.text("uri"));
	}

	private static Map<String, List<String>> statusForm(PublishRequest request, ChannelContext channel,
			List<String> mediaIds) {
		var form = new LinkedHashMap<String, List<String>>();
		form.put("status", List.of(request.text()));
		if (!mediaIds.isEmpty()) {
			form.put("media_ids[]", mediaIds);
		}
		form.put("visibility", List.of(option(request, channel, "visibility", "public")));
		putIfSet(form, "language", option(request, channel, "language", null));
		putIfSet(form, "sensitive", option(request, channel, "sensitive", null));
		putIfSet(form, "spoiler_text", option(request, channel, "spoilerText", null));
		return form;
	}

	private static String option(PublishRequest request, ChannelContext channel, String name, String fallback) {
		var value = request.options().get(name);
		return value == null || value.isBlank() ? channel.setting(name, fallback) : value;
	}

	private static void putIfSet(Map<String, List<String>> form, String name, String value) {
		if (value != null && !value.isBlank()) {
			form.put(name, List.of(value));
		}
	}
}
