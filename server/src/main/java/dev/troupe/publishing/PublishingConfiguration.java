package dev.troupe.publishing;

import java.time.Duration;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

@Configuration(proxyBeanMethods = false)
class PublishingConfiguration {

	static final String TASK_NAME = "publication";
	static final String SWEEPER_TASK_NAME = "publication-sweeper";

	/**
	 * The due-time task of a publication (instance id = publication id). A dead execution is revived; the runner
	 * sees the publication IN_FLIGHT and reconciles instead of sending again.
	 */
	@Bean
	CustomTask<Void> publicationTask(ObjectProvider<PublicationRunner> runner) {
		return Tasks.custom(TASK_NAME, Void.class)
			.onDeadExecutionRevive()
			.onFailureReschedule(FixedDelay.of(Duration.ofSeconds(10)))
			.execute((instance, context) -> runner.getObject().run(UUID.fromString(instance.getId())));
	}

	/** Every minute, on one node at a time: publications left without a task are armed again. */
	@Bean
	RecurringTask<Void> publicationSweeperTask(ObjectProvider<PublicationSweeper> sweeper) {
		return Tasks.recurring(SWEEPER_TASK_NAME, FixedDelay.ofMinutes(1))
			.execute((instance, context) -> sweeper.getObject().sweep());
	}

	/** Hourly: expired public media links, unfinished connections and OAuth states are removed. */
	@Bean
	RecurringTask<Void> expiredConnectDataCleanupTask(ObjectProvider<PublicMediaLinks> links,
			ObjectProvider<Connections> connections, ObjectProvider<OAuthStates> states) {
		return Tasks.recurring("publishing-expired-cleanup", FixedDelay.ofHours(1)).execute((instance, context) -> {
			links.getObject().forgetExpired();
			connections.getObject().forgetExpired();
			states.getObject().forgetExpired();
		});
	}

	/** One outbound webhook delivery (instance id = delivery id); retries are rescheduled by the handler. */
	@Bean
	CustomTask<Void> webhookDeliveryTask(ObjectProvider<WebhookDeliveries> deliveries) {
		return Tasks.custom("webhook-delivery", Void.class)
			.onDeadExecutionRevive()
			.onFailureReschedule(FixedDelay.of(Duration.ofMinutes(1)))
			.execute((instance, context) -> deliveries.getObject().deliver(UUID.fromString(instance.getId())));
	}
}
