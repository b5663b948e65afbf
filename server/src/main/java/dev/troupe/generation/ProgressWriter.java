package dev.troupe.generation;

import java.util.UUID;

import dev.troupe.generation.GenerationJob.JobProgress;
import dev.troupe.generation.spi.Progress;
import dev.troupe.generation.spi.ProgressListener;

/**
 * Writes progress to the job row, at most every 200 ms (previews at most once a second) so a chatty server
 * cannot flood the database; the last report is always written by {@link #flush()}.
 */
final class ProgressWriter implements ProgressListener {

	private static final long EVERY_NANOS = 200_000_000L;
	private static final long PREVIEW_EVERY_NANOS = 1_000_000_000L;

	private final UUID jobId;
	private final GenerationJobs jobs;
	private long lastWrite;
	private long lastPreview;
	private Progress pending;

	ProgressWriter(UUID jobId, GenerationJobs jobs) {
		this.jobId = jobId;
		this.jobs = jobs;
	}

	@Override
	public synchronized void progress(Progress progress) {
		pending = progress;
		var now = System.nanoTime();
		var preview = progress.previewJpeg() != null && now - lastPreview > PREVIEW_EVERY_NANOS;
		if (preview || now - lastWrite > EVERY_NANOS) {
			write(progress, preview ? progress.previewJpeg() : null);
			if (preview) {
				lastPreview = now;
			}
		}
	}

	synchronized void flush() {
		if (pending != null) {
			write(pending, pending.previewJpeg());
		}
	}

	private void write(Progress p, byte[] preview) {
		jobs.progress(jobId, new JobProgress(p.fraction(), p.step(), p.total(), p.node(), false), preview);
		lastWrite = System.nanoTime();
		pending = null;
	}
}
