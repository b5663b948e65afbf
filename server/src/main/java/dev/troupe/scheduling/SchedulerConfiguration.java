package dev.troupe.scheduling;

import java.util.List;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.stats.MicrometerStatsRegistry;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;

import dev.troupe.node.NodeRoles;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Wires db-scheduler (its Boot 4 starter is not available). The DataSource is transaction-aware, so a task
 * scheduled inside a transaction is committed or rolled back with the state change that scheduled it.
 */
@Configuration(proxyBeanMethods = false)
class SchedulerConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SchedulerConfiguration.class);

	@Bean
	Scheduler scheduler(DataSource dataSource, List<Task<?>> tasks, MeterRegistry meters, SchedulerSettings settings) {
		// recurring tasks (OnStartup) are registered as start tasks, which db-scheduler schedules once on start
		var oneOff = tasks.stream().filter(t -> !(t instanceof RecurringTask<?>)).toList();
		var recurring = tasks.stream().filter(t -> t instanceof RecurringTask<?>).map(t -> (RecurringTask<?>) t).toList();
		return configure(Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), oneOff), settings)
			.startTasks(recurring)
			.statsRegistry(new MicrometerStatsRegistry(meters, tasks))
			.build();
	}

	/**
	 * How this node polls and runs tasks. Lock-and-fetch never takes more executions than there are threads
	 * (upper limit 1.0): db-scheduler marks a fetched execution picked at once but only heartbeats it once a thread
	 * runs it, so an execution waiting in the local queue for longer than heartbeat × missedHeartbeats (8 s by
	 * default) would be declared dead, revived and run a second time by another node (or this one) while the first
	 * copy still waits: with slow uploads or several nodes that happened (NodesIntegrationTests).
	 */
	static SchedulerBuilder configure(SchedulerBuilder builder, SchedulerSettings settings) {
		return builder.pollUsingLockAndFetch(0.5, 1.0)
			.pollingInterval(settings.pollingInterval())
			.heartbeatInterval(settings.heartbeat())
			.missedHeartbeatsLimit(settings.missedHeartbeats())
			.threads(settings.threads())
			.shutdownMaxWait(settings.shutdownMaxWait())
			.enableImmediateExecution()
			.alwaysPersistTimestampInUTC()
			.schedulerName(new SchedulerName.Fixed(name(settings)));
	}

	/**
	 * The name a running task is marked with ({@code picked_by}): the host name alone would be the same for two
	 * nodes on one machine or two pods of one name, so the process id is added unless the setting names the node.
	 */
	static String name(SchedulerSettings settings) {
		if (settings.nodeName() != null && !settings.nodeName().isBlank()) {
			return settings.nodeName().strip();
		}
		return new SchedulerName.Hostname().getName() + "-" + ProcessHandle.current().pid();
	}

	/**
	 * Starts polling once the application is ready and stops it before the database goes away. A node without
	 * the worker role never starts it: it still schedules work through the same {@code SchedulerClient} (rows in
	 * the shared table, in the caller's transaction), and the worker nodes execute it. Recurring tasks are
	 * created by the first worker that starts.
	 */
	@Bean
	SmartLifecycle schedulerLifecycle(Scheduler scheduler, NodeRoles roles) {
		return new SmartLifecycle() {
			private volatile boolean running;

			@Override
			public void start() {
				if (roles.worker()) {
					scheduler.start();
				}
				else {
					log.info("Roles {}: this node runs no background tasks; worker nodes run what it schedules", roles);
				}
				running = true;
			}

			@Override
			public void stop() {
				if (roles.worker()) {
					scheduler.stop();
				}
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
