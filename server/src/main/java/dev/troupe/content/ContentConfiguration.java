package dev.troupe.content;

import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

@Configuration(proxyBeanMethods = false)
class ContentConfiguration {

	/** Idempotency-Keys are kept 24 hours; look-ups already ignore older ones, this removes them. */
	@Bean
	RecurringTask<Void> idempotencyKeyCleanupTask(ObjectProvider<Posts> posts) {
		return Tasks.recurring("content-idempotency-cleanup", FixedDelay.of(Duration.ofHours(1)))
			.execute((instance, context) -> posts.getObject().forgetExpiredKeys());
	}
}
