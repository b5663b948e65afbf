package dev.troupe.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

/** The durable tasks of collection: one per channel, a sweep that makes sure each channel has it, and retention. */
@Configuration(proxyBeanMethods = false)
class AnalyticsConfiguration {

	static final String COLLECT_TASK = "analytics-collect";
	static final String SWEEP_TASK = "analytics-sweep";
	static final String RETENTION_TASK = "analytics-retention";

	/**
	 * Collection for one channel (instance id = channel id): it reschedules itself to when its next sample is due
	 * and ends when the channel no longer reports metrics. The row in the scheduler's table survives restarts; a
	 * node that dies mid-run leaves a dead execution that is revived on another node.
	 */
	@Bean
	CustomTask<Void> analyticsCollectTask(ObjectProvider<Collector> collector) {
		return Tasks.custom(COLLECT_TASK, Void.class)
			.onDeadExecutionRevive()
			.onFailureReschedule(FixedDelay.of(Duration.ofMinutes(15)))
			.execute((instance, context) -> then(collector.getObject().collect(UUID.fromString(instance.getId()))));
	}

	@Bean
	RecurringTask<Void> analyticsSweepTask(ObjectProvider<CollectionTasks> tasks, AnalyticsSettings settings) {
		return Tasks.recurring(SWEEP_TASK, FixedDelay.of(settings.sweepInterval()))
			.execute((instance, context) -> tasks.getObject().ensureAll());
	}

	@Bean
	RecurringTask<Void> analyticsRetentionTask(ObjectProvider<Samples> samples, AnalyticsSettings settings) {
		return Tasks.recurring(RETENTION_TASK, FixedDelay.of(Duration.ofHours(24)))
			.execute((instance, context) -> samples.getObject()
				.deleteOlderThan(Instant.now().minus(Duration.ofDays(settings.retentionDays()))));
	}

	private static CompletionHandler<Void> then(Instant next) {
		if (next == null) {
			return (complete, ops) -> ops.remove();
		}
		return (complete, ops) -> ops.reschedule(complete, next);
	}
}
