package dev.troupe.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

import dev.troupe.support.IntegrationTest;

/**
 * Troupe's polling configuration on a table of its own: more due work than threads, each task longer than the
 * time after which a task without heartbeats counts as dead. Every task runs exactly once: none waits, fetched but
 * without a thread (and so without heartbeats), long enough to be revived and run a second time.
 */
class SchedulerPollingIntegrationTests extends IntegrationTest {

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	@Test
	void workWaitingForAThreadIsNeverDeclaredDeadAndRunAgain() {
		jdbc.sql("create table if not exists polling_probe_tasks (like scheduled_tasks including all)").update();
		var runs = new ConcurrentHashMap<String, AtomicInteger>();
		var task = Tasks.oneTime("polling-probe").execute((instance, context) -> {
			runs.computeIfAbsent(instance.getId(), id -> new AtomicInteger()).incrementAndGet();
			try {
				Thread.sleep(600); // longer than 4 missed heartbeats of 100 ms
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		});
		// two threads, dead after 400 ms without a heartbeat
		var settings = new SchedulerSettings(Duration.ofMillis(50), Duration.ofMillis(100), 4, 2, Duration.ofSeconds(5),
				"polling-probe");
		var scheduler = SchedulerConfiguration
			.configure(Scheduler.create(dataSource, List.of(task)).tableName("polling_probe_tasks"), settings)
			.build();
		for (int i = 0; i < 8; i++) {
			scheduler.scheduleIfNotExists(task.instance("probe-" + i), Instant.now());
		}
		scheduler.start();
		try {
			await().atMost(Duration.ofSeconds(30))
				.until(() -> jdbc.sql("select count(*) from polling_probe_tasks").query(Long.class).single() == 0);
		}
		finally {
			scheduler.stop();
			// the shared test database is backed up by another test, which restores only Troupe's own tables
			jdbc.sql("drop table polling_probe_tasks").update();
		}
		assertThat(runs).hasSize(8);
		assertThat(runs.entrySet()).allSatisfy(run -> assertThat(run.getValue()).as(run.getKey()).hasValue(1));
	}
}
