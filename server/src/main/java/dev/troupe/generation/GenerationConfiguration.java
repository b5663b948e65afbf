package dev.troupe.generation;

import java.time.Duration;
import java.util.UUID;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

@Configuration(proxyBeanMethods = false)
class GenerationConfiguration {

	/**
	 * The durable task behind every job. A dead execution (its node stopped sending heartbeats) is revived
	 * and resumes the job; an unexpected exception is retried after a pause.
	 */
	@Bean
	CustomTask<Void> generationJobTask(org.springframework.beans.factory.ObjectProvider<JobRunner> runner) {
		return Tasks.custom(JobRunner.TASK_NAME, Void.class)
			.onDeadExecutionRevive()
			.onFailureReschedule(FixedDelay.of(Duration.ofSeconds(5)))
			.execute((instance, context) -> runner.getObject().run(UUID.fromString(instance.getId())));
	}
}
