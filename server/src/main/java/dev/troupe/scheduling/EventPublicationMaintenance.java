package dev.troupe.scheduling;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.modulith.events.IncompleteEventPublications;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

import dev.troupe.node.NodeRoles;

/**
 * Keeps Spring Modulith's event publication log small and its promises kept. Completed publications are deleted
 * once older than the retention; incomplete ones (a listener failed, or the node died between the commit and the
 * listener) are handed to their listener again when a worker starts and then every hour. Only those older than
 * {@code resubmitAfter} are taken, so a start never re-runs a listener that another node is running right now;
 * the listeners are written to be safe to run twice (they schedule work keyed by its id or record a notification).
 */
@Configuration(proxyBeanMethods = false)
class EventPublicationMaintenance {

	static final String TASK_NAME = "event-publication-maintenance";
	private static final Logger log = LoggerFactory.getLogger(EventPublicationMaintenance.class);

	private final CompletedEventPublications completed;
	private final IncompleteEventPublications incomplete;
	private final EventLogSettings settings;
	private final NodeRoles roles;

	EventPublicationMaintenance(CompletedEventPublications completed, IncompleteEventPublications incomplete,
			EventLogSettings settings, NodeRoles roles) {
		this.completed = completed;
		this.incomplete = incomplete;
		this.settings = settings;
		this.roles = roles;
	}

	@Bean
	RecurringTask<Void> eventPublicationMaintenanceTask() {
		return Tasks.recurring(TASK_NAME, FixedDelay.of(settings.maintenanceInterval()))
			.execute((instance, context) -> maintain());
	}

	@EventListener(ApplicationReadyEvent.class)
	void resubmitAtStart() {
		if (roles.worker()) {
			resubmit(settings.resubmitAfter());
		}
	}

	void maintain() {
		resubmit(settings.resubmitAfter());
		removeCompleted(settings.completedRetention());
	}

	void resubmit(Duration olderThan) {
		try {
			incomplete.resubmitIncompletePublicationsOlderThan(olderThan);
		}
		catch (RuntimeException e) {
			log.warn("Resubmitting incomplete event publications failed; the next run tries again", e);
		}
	}

	void removeCompleted(Duration olderThan) {
		completed.deletePublicationsOlderThan(olderThan);
	}
}
