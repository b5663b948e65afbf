package dev.troupe.publishing;

import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.troupe.publishing.Publication.State;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The safety net under the state machine: a race or a bug that leaves a publication in a non-final state with no
 * task instance would leave it there forever. Each minute this finds such publications and arms them again, at
 * their due time (never earlier), and logs and counts every one so the cause can be found.
 */
@Component
class PublicationSweeper {

	static final String COUNTER = "troupe.publishing.orphans.rearmed";
	private static final Logger log = LoggerFactory.getLogger(PublicationSweeper.class);
	private static final int BATCH = 500;

	private final Publications publications;
	private final PublicationTasks tasks;
	private final TransactionTemplate transactions;
	private final MeterRegistry meters;

	PublicationSweeper(Publications publications, PublicationTasks tasks, TransactionTemplate transactions,
			MeterRegistry meters) {
		this.publications = publications;
		this.tasks = tasks;
		this.transactions = transactions;
		this.meters = meters;
	}

	/** Returns how many publications were armed again. */
	int sweep() {
		var orphans = publications.orphans(PublishingConfiguration.TASK_NAME, BATCH);
		for (var orphan : orphans) {
			transactions.executeWithoutResult(tx -> rearm(orphan));
		}
		return orphans.size();
	}

	private void rearm(Publications.Orphan orphan) {
		if (orphan.state() == State.WAITING_FOR_CHANNEL) {
			// its channel is usable again but the release never reached it
			publications.move(orphan.id(), State.SCHEDULED, List.of(State.WAITING_FOR_CHANNEL), null);
		}
		// sendable states wait for their due time; the others (in flight, pending, unconfirmed) are reconciled now
		var sendable = orphan.state() == State.SCHEDULED || orphan.state() == State.DUE
				|| orphan.state() == State.RETRY_WAIT || orphan.state() == State.WAITING_FOR_CHANNEL;
		var now = Instant.now();
		var when = sendable && orphan.dueAt().isAfter(now) ? orphan.dueAt() : now;
		tasks.arm(orphan.id(), when);
		log.warn("Publication {} was {} with no task to move it; armed it again for {}", orphan.id(), orphan.state(), when);
		Counter.builder(COUNTER).description("Non-final publications found without a task and armed again")
			.tag("state", orphan.state().name()).register(meters).increment();
	}
}
