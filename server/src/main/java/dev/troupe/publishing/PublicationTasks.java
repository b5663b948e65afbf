package dev.troupe.publishing;

import java.time.Instant;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;

/** The due-time tasks of publications: (re)armed or cancelled inside the caller's transaction. */
@Component
class PublicationTasks {

	private final SchedulerClient scheduler;
	private final CustomTask<Void> task;

	PublicationTasks(@Lazy SchedulerClient scheduler, @Lazy @Qualifier("publicationTask") CustomTask<Void> task) {
		this.scheduler = scheduler;
		this.task = task;
	}

	/**
	 * Moves the task to {@code when}, or creates it. An instance that is executing right now cannot be moved
	 * (db-scheduler refuses); the caller's transaction has already changed the publication's due time, and the
	 * running execution reads it under the row lock when it ends and arms it (PublicationRunner#settle).
	 */
	void arm(UUID publicationId, Instant when) {
		var instance = TaskInstanceId.of(PublishingConfiguration.TASK_NAME, publicationId.toString());
		boolean moved;
		try {
			moved = scheduler.reschedule(instance, when);
		}
		catch (RuntimeException notScheduled) {
			moved = false;
		}
		if (!moved) {
			scheduler.scheduleIfNotExists(task.instance(publicationId.toString()), when);
		}
	}

	void cancel(UUID publicationId) {
		try {
			scheduler.cancel(TaskInstanceId.of(PublishingConfiguration.TASK_NAME, publicationId.toString()));
		}
		catch (RuntimeException e) {
			// not scheduled (or running): the runner finds the publication CANCELLED and stops
		}
	}
}
