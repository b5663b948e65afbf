package dev.troupe.scheduling;

import java.util.List;

import javax.sql.DataSource;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.stats.MicrometerStatsRegistry;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Wires db-scheduler (its Boot 4 starter is not available). The DataSource is transaction-aware, so a task
 * scheduled inside a transaction is committed or rolled back with the state change that scheduled it.
 */
@Configuration(proxyBeanMethods = false)
class SchedulerConfiguration {

	@Bean
	Scheduler scheduler(DataSource dataSource, List<Task<?>> tasks, MeterRegistry meters, SchedulerSettings settings) {
		// recurring tasks (OnStartup) are registered as start tasks, which db-scheduler schedules once on start
		var oneOff = tasks.stream().filter(t -> !(t instanceof RecurringTask<?>)).toList();
		var recurring = tasks.stream().filter(t -> t instanceof RecurringTask<?>).map(t -> (RecurringTask<?>) t).toList();
		return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), oneOff)
			.startTasks(recurring)
			.pollUsingLockAndFetch(0.5, 3.0)
			.pollingInterval(settings.pollingInterval())
			.heartbeatInterval(settings.heartbeat())
			.missedHeartbeatsLimit(settings.missedHeartbeats())
			.threads(settings.threads())
			.shutdownMaxWait(settings.shutdownMaxWait())
			.enableImmediateExecution()
			.alwaysPersistTimestampInUTC()
			.statsRegistry(new MicrometerStatsRegistry(meters, tasks))
			.build();
	}

	/** Starts polling once the application is ready and stops it before the database goes away. */
	@Bean
	SmartLifecycle schedulerLifecycle(Scheduler scheduler) {
		return new SmartLifecycle() {
			private volatile boolean running;

			@Override
			public void start() {
				scheduler.start();
				running = true;
			}

			@Override
			public void stop() {
				scheduler.stop();
				running = false;
			}

			@Override
			public boolean isRunning() {
				return running;
			}

			/**
			 * A stopped db-scheduler cannot start again (its executors are shut down), so a context that is paused
			 * (the test framework pauses cached contexts when another one is used) keeps polling instead.
			 */
			@Override
			public boolean isPauseable() {
				return false;
			}
		};
	}
}
