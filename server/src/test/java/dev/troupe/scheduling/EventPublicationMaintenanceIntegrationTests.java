package dev.troupe.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.troupe.support.IntegrationTest;

/**
 * The event publication log is kept: a publication whose listener failed is handed to it again, and completed
 * ones go once older than the retention (and not before).
 */
class EventPublicationMaintenanceIntegrationTests extends IntegrationTest {

	@Autowired
	EventPublicationMaintenance maintenance;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aFailedListenerRunsAgainAndCompletedEntriesExpire() {
		var id = UUID.randomUUID().toString();
		ProbeListener.FAILURES_LEFT.put(id, new AtomicInteger(1));
		transactions.executeWithoutResult(s -> events.publishEvent(new ProbeListener.Probe(id)));
		assertThat(ProbeListener.CALLS.get(id)).hasValue(1);
		assertThat(rows(id, false)).as("left incomplete by the failure").isEqualTo(1);

		maintenance.resubmit(Duration.ofHours(1));
		assertThat(ProbeListener.CALLS.get(id)).as("too young to resubmit").hasValue(1);

		maintenance.resubmit(Duration.ZERO);
		await().atMost(Duration.ofSeconds(10)).until(() -> rows(id, true) == 1);
		assertThat(ProbeListener.CALLS.get(id)).hasValue(2);
		assertThat(rows(id, false)).isZero();

		maintenance.removeCompleted(Duration.ofDays(7));
		assertThat(rows(id, true)).as("kept within the retention").isEqualTo(1);
		maintenance.removeCompleted(Duration.ZERO);
		assertThat(rows(id, true)).as("removed after it").isZero();
	}

	private long rows(String id, boolean completed) {
		return jdbc.sql("select count(*) from event_publication where serialized_event like ? and completion_date is "
				+ (completed ? "not null" : "null")).param("%" + id + "%").query(Long.class).single();
	}
}
