package dev.troupe.engagement;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

import dev.troupe.publishing.InboxSources;

/**
 * One durable db-scheduler task per channel with an inbox (instance id = channel id), re-armed after each run at the
 * next poll time or when the platform said to ask again; a node that dies mid-poll leaves it to another, and a
 * restart finds it in the table. A recurring sweep gives new channels (and re-enabled ones) their task.
 */
@Component
class InboxPolling {

	static final String TASK_NAME = "engagement-inbox-poll";

	private final SchedulerClient scheduler;
	private final CustomTask<Void> task;
	private final InboxSources sources;
	private final InboxChannels channels;
	private final InboxCollector collector;

	InboxPolling(@Lazy SchedulerClient scheduler, @Lazy @Qualifier("inboxPollTask") CustomTask<Void> task,
			InboxSources sources, InboxChannels channels, InboxCollector collector) {
		this.scheduler = scheduler;
		this.task = task;
		this.sources = sources;
		this.channels = channels;
		this.collector = collector;
	}

	@Configuration(proxyBeanMethods = false)
	static class TaskConfiguration {

		@Bean
		CustomTask<Void> inboxPollTask(ObjectProvider<InboxPolling> polling) {
			return Tasks.custom(TASK_NAME, Void.class)
				.onDeadExecutionRevive()
				.onFailureReschedule(FixedDelay.of(Duration.ofMinutes(1)))
				.execute((instance, context) -> polling.getObject().poll(UUID.fromString(instance.getId())));
		}

		@Bean
		RecurringTask<Void> inboxSweepTask(ObjectProvider<InboxPolling> polling, InboxSettings settings) {
			return Tasks.recurring("engagement-inbox-sweep", FixedDelay.of(settings.sweepInterval()))
				.execute((instance, context) -> polling.getObject().sweep());
		}
	}

	/** Every enabled channel with an inbox has its poll task (a no-op for those that already do). */
	void sweep() {
		for (var source : sources.all()) {
			if (channels.settings(source.channelId()).enabled()) {
				start(source.channelId(), Instant.now());
			}
		}
	}

	void start(UUID channelId, Instant when) {
		scheduler.scheduleIfNotExists(task.instance(channelId.toString()), when);
	}

	CompletionHandler<Void> poll(UUID channelId) {
		var run = collector.collect(channelId);
		if (run.next() == null) {
			return (complete, ops) -> ops.remove();
		}
		return (complete, ops) -> ops.reschedule(complete, run.next());
	}
}
