package dev.troupe.generation;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import jakarta.annotation.PreDestroy;

/**
 * Server-Sent Events for job progress. Streams read the job row (one cheap query per open stream every
 * 250 ms) rather than in-process callbacks, so a browser connected to one node sees a job running on another.
 */
@Component
class JobEventStreams {

	private static final long TICK_MILLIS = 250;
	private static final long MAX_STREAM_MILLIS = 30 * 60 * 1000;

	private final GenerationJobs jobs;
	private final Map<SseEmitter, Stream> open = new ConcurrentHashMap<>();
	private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
		var thread = new Thread(r, "job-event-streams");
		thread.setDaemon(true);
		return thread;
	});

	JobEventStreams(GenerationJobs jobs) {
		this.jobs = jobs;
		ticker.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
	}

	private static final class Stream {

		final UUID jobId;
		Instant lastSeen;

		Stream(UUID jobId) {
			this.jobId = jobId;
		}
	}

	SseEmitter open(GenerationJob job) {
		var emitter = new SseEmitter(MAX_STREAM_MILLIS);
		var stream = new Stream(job.id());
		emitter.onCompletion(() -> open.remove(emitter));
		emitter.onTimeout(() -> open.remove(emitter));
		emitter.onError(e -> open.remove(emitter));
		open.put(emitter, stream);
		return emitter;
	}

	private void tick() {
		open.forEach((emitter, stream) -> {
			try {
				var updated = jobs.updatedAt(stream.jobId).orElse(null);
				if (updated == null || Objects.equals(updated, stream.lastSeen)) {
					return;
				}
				stream.lastSeen = updated;
				var job = jobs.find(stream.jobId).orElseThrow();
				if (job.status().finished()) {
					emitter.send(SseEmitter.event().name("done").data(job, MediaType.APPLICATION_JSON));
					open.remove(emitter);
					emitter.complete();
				}
				else {
					emitter.send(SseEmitter.event().name("progress").data(job, MediaType.APPLICATION_JSON));
				}
			}
			catch (IOException | RuntimeException e) {
				open.remove(emitter);
				emitter.completeWithError(e);
			}
		});
	}

	@PreDestroy
	void stop() {
		ticker.shutdownNow();
		open.keySet().forEach(SseEmitter::complete);
	}
}
