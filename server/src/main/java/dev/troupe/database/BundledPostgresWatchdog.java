package dev.troupe.database;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restarts the bundled PostgreSQL when its postmaster dies while Troupe runs (killed by the OOM killer or by hand):
 * without it every request and background task would fail until someone restarted Troupe. A plain thread, not a
 * db-scheduler task, because the database is exactly what is missing. Health reports DOWN meanwhile
 * ({@link BundledPostgresHealth}).
 */
final class BundledPostgresWatchdog implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(BundledPostgresWatchdog.class);

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "bundled-postgres-watchdog");
		thread.setDaemon(true);
		return thread;
	});

	private final BundledPostgres postgres;

	private int failures;

	BundledPostgresWatchdog(BundledPostgres postgres, Duration interval) {
		this.postgres = postgres;
		this.timer.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void check() {
		try {
			this.postgres.restartIfStopped();
			this.failures = 0;
		}
		catch (Exception ex) {
			// the dead server's backends may still hold its shared memory for a moment: try again next time
			if (this.failures++ % 30 == 0) {
				log.warn("Could not restart the bundled PostgreSQL yet: {}", ex.getMessage());
			}
		}
	}

	/** Waits for a restart in progress, so the server is not started again behind the back of a shutdown. */
	@Override
	public void close() throws InterruptedException {
		this.timer.shutdown();
		if (!this.timer.awaitTermination(90, TimeUnit.SECONDS)) {
			this.timer.shutdownNow();
		}
	}
}
