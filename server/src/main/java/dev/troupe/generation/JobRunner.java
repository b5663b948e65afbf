package dev.troupe.generation;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;

import dev.troupe.generation.BackendRegistry.Live;
import dev.troupe.generation.spi.BackendException;

/**
 * Runs one generation job per db-scheduler execution (instance id = job id). A job binds to the least loaded
 * backend with a free slot, is submitted, and its server handle is stored before waiting, so a node that dies
 * mid-job is replaced by another that resumes following the same server job. When a slot frees up, the
 * oldest waiting job is woken at once, so a GPU never waits for a poll interval.
 */
@Component
class JobRunner {

	private static final Logger log = LoggerFactory.getLogger(JobRunner.class);
	static final String TASK_NAME = "generation-job";
	private static final Duration WAIT_FOR_SLOT = Duration.ofSeconds(2);

	private final GenerationJobs jobs;
	private final BackendRegistry registry;
	private final TaskComposer composer;
	private final OutputStage outputs;
	private final GenerationSettings settings;
	private final TransactionTemplate transactions;
	private final SchedulerClient scheduler;
	private final CustomTask<Void> task;

	JobRunner(GenerationJobs jobs, BackendRegistry registry, TaskComposer composer, OutputStage outputs,
			GenerationSettings settings, TransactionTemplate transactions, @Lazy SchedulerClient scheduler,
			@Lazy @Qualifier("generationJobTask") CustomTask<Void> task) {
		this.jobs = jobs;
		this.registry = registry;
		this.composer = composer;
		this.outputs = outputs;
		this.settings = settings;
		this.transactions = transactions;
		this.scheduler = scheduler;
		this.task = task;
	}

	/** Schedules the job's execution; call inside the transaction that inserted the job. */
	void schedule(UUID jobId, Instant when) {
		scheduler.schedule(task.instance(jobId.toString()), when);
	}

	CompletionHandler<Void> run(UUID id) {
		var job = jobs.find(id).orElse(null);
		if (job == null || job.status().finished()) {
			return (complete, ops) -> ops.remove();
		}
		Live backend;
		if (job.status() == JobStatus.RUNNING) {
			// resumed: the node that ran it died, or the scheduler re-ran it
			backend = registry.get(job.backendId()).orElse(null);
			if (backend == null) {
				jobs.requeue(id, "Backend " + job.backendId() + " was removed while the job ran");
				return later(Instant.now());
			}
			if (jobs.resumed(id) > settings.maxAttempts()) {
				// every node that ran it died: something about this job takes nodes down
				jobs.fail(id, "The job was interrupted " + settings.maxAttempts() + " times (its node stopped each time)");
				return (complete, ops) -> ops.remove();
			}
			log.info("Resuming generation job {} on backend {}", id, job.backendId());
		}
		else {
			var modality = job.kind().modality();
			var cloned = job.kind() == GenerationKind.VOICE && job.task().hasNonNull("referenceClipAssetId");
			var candidates = registry.candidates(modality).stream().filter(l -> !cloned || l.backend().clonesVoices()).toList();
			if (candidates.isEmpty()) {
				var none = registry.all().stream().noneMatch(l -> l.config().enabled()
						&& l.backend().modalities().contains(modality) && (!cloned || l.backend().clonesVoices()));
				if (none && cloned) {
					jobs.fail(id, "The character speaks with a cloned voice (it has a reference clip) and no enabled "
							+ "backend can clone a voice; Troupe never falls back to a preset voice for it. Add a "
							+ "voice-cloning backend under System → Backends, or remove the reference clip");
					return (complete, ops) -> ops.remove();
				}
				if (none) {
					jobs.fail(id, "No enabled backend can make " + job.kind().name().toLowerCase().replace('_', ' ')
							+ ": add one under System → Backends");
					return (complete, ops) -> ops.remove();
				}
				return later(Instant.now().plus(WAIT_FOR_SLOT));
			}
			backend = candidates.stream().sorted(Comparator.comparingDouble(this::load))
				.filter(l -> Boolean.TRUE.equals(transactions.execute(
						tx -> jobs.claim(id, l.config().id(), l.config().maxConcurrent()))))
				.findFirst().orElse(null);
			if (backend == null) {
				return later(Instant.now().plus(WAIT_FOR_SLOT));
			}
			job = jobs.find(id).orElseThrow();
		}
		Instant retryAt;
		try {
			retryAt = execute(job, backend);
		}
		finally {
			wakeNextWaiting();
		}
		return retryAt == null ? (complete, ops) -> ops.remove() : later(retryAt);
	}

	/** Runs the job on the backend; returns when to try again, or null when the job is finished. */
	private Instant execute(GenerationJob job, Live live) {
		var id = job.id();
		var backend = live.backend();
		try {
			var task = composer.materialize(id, job.kind(), job.task());
			var remote = job.remote();
			if (remote == null) {
				remote = backend.submit(task);
				jobs.remote(id, remote);
				if (isCancelled(id)) {
					backend.cancel(remote); // cancelled while it was being submitted: stop it on the server too
					return null;
				}
			}
			var progress = new ProgressWriter(id, jobs);
			var result = backend.await(remote, task, progress, settings.timeoutFor(job.kind()));
			progress.flush();
			if (!isCancelled(id)) {
				outputs.finish(jobs.find(id).orElseThrow(), live.config(), result);
			}
			return null;
		}
		catch (BackendException e) {
			return failed(job, live, e);
		}
		catch (RuntimeException e) {
			if (dev.troupe.shared.DatabaseOutage.is(e)) {
				// not the job's fault: the scheduler runs it again once the database is back, resuming the remote job
				log.warn("Generation job {} paused: the database is unreachable ({})", id, e.getMessage());
				throw e;
			}
			log.error("Generation job {} failed unexpectedly", id, e);
			jobs.fail(id, "Troupe could not finish the job: " + e.getMessage());
			return null;
		}
	}

	private Instant failed(GenerationJob job, Live live, BackendException e) {
		var id = job.id();
		if (e.kind() == BackendException.Kind.CANCELLED || isCancelled(id)) {
			jobs.cancel(id);
			return null;
		}
		var message = live.config().id() + ": " + e.getMessage();
		if (e.kind().retryable() && job.attempts() < settings.maxAttempts()) {
			if (e.kind() == BackendException.Kind.UNREACHABLE || e.kind() == BackendException.Kind.TIMEOUT) {
				registry.rest(live.config().id(), e.getMessage());
			}
			log.warn("Generation job {} attempt {} failed, retrying: {}", id, job.attempts(), message);
			return jobs.requeue(id, "Attempt " + job.attempts() + " failed (" + message + "); retrying")
					? Instant.now().plus(settings.retryBackoff()) : null;
		}
		jobs.fail(id, job.attempts() > 1 ? message + " (after " + job.attempts() + " attempts)" : message);
		return null;
	}

	private boolean isCancelled(UUID id) {
		return jobs.find(id).map(j -> j.status() == JobStatus.CANCELLED).orElse(true);
	}

	private double load(Live live) {
		return (double) jobs.runningOn(live.config().id()) / live.config().maxConcurrent();
	}

	/** A slot may have freed up: start the oldest waiting job now instead of at its next check. */
	private void wakeNextWaiting() {
		jobs.oldestQueued().ifPresent(next -> {
			try {
				scheduler.reschedule(TaskInstanceId.of(TASK_NAME, next.toString()), Instant.now());
			}
			catch (RuntimeException e) {
				// it is being picked right now by another thread: nothing to wake
			}
		});
	}

	private static CompletionHandler<Void> later(Instant when) {
		return (complete, ops) -> ops.reschedule(complete, when);
	}
}
