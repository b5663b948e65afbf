package dev.troupe.publishing.platform.meta;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import dev.troupe.publishing.spi.AccountInfo;
import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.PlatformException;
import dev.troupe.publishing.spi.PublishOutcome;
import dev.troupe.publishing.spi.PublishRequest;
import dev.troupe.publishing.spi.TransportFailures;

/**
 * The channel side of the container flow Instagram and Threads share: the Graph client of a channel, the profile
 * check, the publishing-quota gate before a container is created, reconciling a kept container and what a
 * transport failure means. Each API passes its own paths, fields and words.
 */
public final class ContainerChannels {

	private ContainerChannels() {
	}

	/** The channel's Graph client: its base URL (or the API's), version setting, token and timeout. */
	public static GraphClient graph(ChannelContext channel, URI defaultBase, String defaultVersion) {
		var base = channel.baseUrl() == null ? defaultBase : channel.baseUrl();
		return new GraphClient(base, channel.setting("graphApiVersion", defaultVersion), channel.credential("accessToken"),
				Duration.ofMillis(Long.parseLong(channel.setting("timeoutMillis", "30000"))));
	}

	/** The profile behind the token, read from {@code me} with {@code fields}; its page is the prefix + username. */
	public static AccountInfo verify(GraphClient graph, String platform, String fields, String pictureField,
			String profilePrefix) throws PlatformException {
		try {
			var me = graph.get("me", Map.of("fields", fields));
			if (!me.ok()) {
				throw new PlatformException(me.message(), me.status() / 100 == 4);
			}
			var username = me.body().path("username").asString();
			return new AccountInfo(me.body().path("name").asString(username), "@" + username,
					me.body().path(pictureField).asString(null), profilePrefix + username);
		}
		catch (IOException e) {
			throw new PlatformException("could not reach " + platform + " (" + e.getClass().getSimpleName() + ")", false, e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new PlatformException("interrupted", false, e);
		}
	}

	/**
	 * The outcome that stops a new container: the limit could not be read, or the quota is used up (the post waits an
	 * hour instead of failing); empty when there is room.
	 */
	public static Optional<PublishOutcome> quotaStop(GraphClient graph, String limitPath, String platform,
			String possessive) throws IOException, InterruptedException {
		var limit = graph.get(limitPath, Map.of("fields", "quota_usage,config"));
		if (!limit.ok()) {
			return Optional.of(MetaErrors.classify(platform, limit, Instant.now()));
		}
		var usage = limit.body().path("data").path(0);
		var total = usage.path("config").path("quota_total").asInt(Integer.MAX_VALUE);
		if (usage.path("quota_usage").asInt(0) >= total) {
			return Optional.of(new PublishOutcome.RateLimited(Instant.now().plus(Duration.ofHours(1)), possessive
					+ " publishing limit is used up (" + total + " posts in "
					+ usage.path("config").path("quota_duration").asInt(86400) / 3600 + " h); the post waits until the window frees"));
		}
		return Optional.empty();
	}

	/** A transport failure while publishing: retryable only when nothing was sent and no container existed before. */
	public static PublishOutcome unreachable(String platform, IOException e, boolean containerExisted) {
		return TransportFailures.neverSent(e) && !containerExisted
				? new PublishOutcome.Transient("could not reach " + platform + " (" + e.getClass().getSimpleName() + ")")
				: new PublishOutcome.OutcomeUnknown("no answer from " + platform + " (" + e.getClass().getSimpleName() + ")");
	}

	/**
	 * After an unknown outcome or while the container processes: the kept container says whether it was published,
	 * is ready (publish it: the same container cannot become a second post), or is still processing.
	 */
	public static PublishOutcome reconcile(ContainerApi api, PublishRequest request, ChannelContext channel,
			URI defaultBase, String defaultVersion) {
		var container = request.previousState().get(api.handleKey());
		if (container == null) {
			// only publishing a container makes a post, and no container id was ever kept
			return new PublishOutcome.NotPublished("no " + api.platform() + " container was created");
		}
		try {
			return new ContainerPublishing(api, graph(channel, defaultBase, defaultVersion), channel.credential("userId"), container,
					request, channel).run(true);
		}
		catch (IOException e) {
			return new PublishOutcome.Pending(Map.of(), Instant.now().plusSeconds(30));
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return new PublishOutcome.OutcomeUnknown("interrupted");
		}
	}
}
