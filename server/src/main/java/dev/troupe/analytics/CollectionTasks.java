package dev.troupe.analytics;

import java.time.Instant;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;

import dev.troupe.publishing.ChannelInsights;

/** Gives every channel whose adapter reports metrics its collection task, once (the instance id is the channel id). */
@Component
class CollectionTasks {

	private final SchedulerClient scheduler;
	private final CustomTask<Void> task;
	private final ChannelInsights insights;

	CollectionTasks(@Lazy SchedulerClient scheduler, @Lazy @Qualifier("analyticsCollectTask") CustomTask<Void> task,
			ChannelInsights insights) {
		this.scheduler = scheduler;
		this.task = task;
		this.insights = insights;
	}

	/** Returns how many tasks were created (channels connected since the last sweep, or tasks lost). */
	int ensureAll() {
		return ensureAll(Instant.now());
	}

	int ensureAll(Instant when) {
		int created = 0;
		for (var channel : insights.channels(null)) {
			if (insights.reportsMetrics(channel.platform()) && ensure(channel.id(), when)) {
				created++;
			}
		}
		return created;
	}

	boolean ensure(UUID channelId, Instant when) {
		return scheduler.scheduleIfNotExists(task.instance(channelId.toString()), when);
	}
}
