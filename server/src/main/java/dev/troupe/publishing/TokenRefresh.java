package dev.troupe.publishing;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

import dev.troupe.publishing.spi.PlatformException;

/**
 * Keeps OAuth tokens alive: one durable db-scheduler task per channel (instance id = channel id) that refreshes
 * the token half-way through its life (never before the platform's minimum age). A refusal, or a token that
 * expired while refreshing kept failing, marks the channel "needs reconnect": it is notified and its posts wait,
 * as for any revoked channel. Safe to re-run: a refresh only replaces the stored token with a newer one.
 */
@Component
class TokenRefresh {

	static final String TASK_NAME = "oauth-token-refresh";
	private static final Logger log = LoggerFactory.getLogger(TokenRefresh.class);

	private final SchedulerClient scheduler;
	private final CustomTask<Void> task;
	private final OAuthChannels tokens;
	private final Channels channels;
	private final Platforms platforms;
	private final OAuthProviders providers;
	private final PlatformApps apps;
	private final TransactionTemplate transactions;
	private final ApplicationEventPublisher events;
	private final PublishingMetrics metrics;

	TokenRefresh(@Lazy SchedulerClient scheduler, @Lazy @Qualifier("tokenRefreshTask") CustomTask<Void> task,
			OAuthChannels tokens, Channels channels, Platforms platforms, OAuthProviders providers, PlatformApps apps,
			TransactionTemplate transactions, ApplicationEventPublisher events, PublishingMetrics metrics) {
		this.metrics = metrics;
		this.scheduler = scheduler;
		this.task = task;
		this.tokens = tokens;
		this.channels = channels;
		this.platforms = platforms;
		this.providers = providers;
		this.apps = apps;
		this.transactions = transactions;
		this.events = events;
	}

	@Configuration(proxyBeanMethods = false)
	static class TaskConfiguration {

		@Bean
		CustomTask<Void> tokenRefreshTask(ObjectProvider<TokenRefresh> refresh) {
			return Tasks.custom(TASK_NAME, Void.class)
				.onDeadExecutionRevive()
				.onFailureReschedule(FixedDelay.of(Duration.ofMinutes(5)))
				.execute((instance, context) -> refresh.getObject().refresh(UUID.fromString(instance.getId())));
		}
	}

	/** When a token issued at {@code issuedAt} is refreshed: half-way, and not before the platform allows. */
	static Instant refreshAt(Instant issuedAt, Instant expiresAt, Duration minimumAge) {
		var lifetime = Duration.between(issuedAt, expiresAt);
		var at = issuedAt.plus(lifetime.dividedBy(2));
		var earliest = issuedAt.plus(minimumAge);
		return at.isBefore(earliest) && earliest.isBefore(expiresAt) ? earliest : at;
	}

	/** (Re)arms the channel's refresh inside the caller's transaction; tokens that never expire need none. */
	void arm(UUID channelId, String platform, Instant issuedAt, Instant expiresAt) {
		var instance = TaskInstanceId.of(TASK_NAME, channelId.toString());
		if (expiresAt == null) {
			try {
				scheduler.cancel(instance);
			}
			catch (RuntimeException notScheduled) {
				// nothing to cancel
			}
			return;
		}
		var when = refreshAt(issuedAt, expiresAt, providers.of(platform).minimumTokenAge());
		boolean moved;
		try {
			moved = scheduler.reschedule(instance, when);
		}
		catch (RuntimeException notScheduled) {
			moved = false;
		}
		if (!moved) {
			scheduler.scheduleIfNotExists(task.instance(channelId.toString()), when);
		}
	}

	CompletionHandler<Void> refresh(UUID channelId) {
		var channel = channels.find(channelId).orElse(null);
		var token = tokens.find(channelId).orElse(null);
		if (channel == null || token == null || token.expiresAt() == null
				|| channel.status() == Channel.Status.NEEDS_RECONNECT || !providers.knows(channel.platform())) {
			return done(); // a reconnect arms a new refresh
		}
		var app = apps.app(channel.platform()).orElse(null);
		try {
			if (app == null) {
				throw new PlatformException("the " + channel.platform() + " app is not registered any more", true);
			}
			var grant = providers.of(channel.platform()).refresh(app, platforms.context(channel));
			var now = Instant.now();
			transactions.executeWithoutResult(tx -> {
				tokens.credentials(channelId, platforms.encrypt(grant.credentials()));
				tokens.issued(channelId, token.accountId(), now, grant.expiresAt());
			});
			metrics.tokenRefresh(channel.platform(), "ok");
			if (grant.expiresAt() == null) {
				return done();
			}
			return at(refreshAt(now, grant.expiresAt(), providers.of(channel.platform()).minimumTokenAge()));
		}
		catch (PlatformException e) {
			var now = Instant.now();
			var retry = now.plus(Duration.ofMinutes(Math.min(60, 1L << Math.min(token.failures(), 6))));
			if (e.revoked() || !retry.isBefore(token.expiresAt())) {
				metrics.tokenRefresh(channel.platform(), "revoked");
				var reason = "the " + channel.platform() + " token could not be refreshed: " + e.getMessage();
				transactions.executeWithoutResult(tx -> {
					tokens.failed(channelId, e.getMessage());
					channels.status(channelId, Channel.Status.NEEDS_RECONNECT, reason);
					events.publishEvent(new PublishingEvents.ChannelNeedsReconnect(channelId, channel.characterId(), reason));
				});
				return done();
			}
			metrics.tokenRefresh(channel.platform(), "failed");
			log.warn("Refreshing the token of channel {} failed ({}); trying again at {}", channelId, e.getMessage(), retry);
			tokens.failed(channelId, e.getMessage());
			return at(retry);
		}
	}

	private static CompletionHandler<Void> done() {
		return (complete, ops) -> ops.remove();
	}

	private static CompletionHandler<Void> at(Instant when) {
		return (complete, ops) -> ops.reschedule(complete, when);
	}
}
