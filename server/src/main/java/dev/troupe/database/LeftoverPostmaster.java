package dev.troupe.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deals with what a Troupe that died without stopping its PostgreSQL left in the data directory: a postmaster still
 * running on it (pg_ctl daemonizes the server, so it outlives a SIGKILLed JVM) or a stale {@code postmaster.pid}.
 * Only called while holding the {@link DataDirectoryLock}, so no live Troupe owns that server.
 */
final class LeftoverPostmaster {

	private static final Logger log = LoggerFactory.getLogger(LeftoverPostmaster.class);

	private static final Duration GRACEFUL_STOP = Duration.ofSeconds(10);

	private static final Duration FORCED_STOP = Duration.ofSeconds(5);

	private final Path pgData;

	private final Path pidFile;

	LeftoverPostmaster(Path pgData) {
		this.pgData = pgData.toAbsolutePath().normalize();
		this.pidFile = this.pgData.resolve("postmaster.pid");
	}

	/**
	 * Stops a postmaster still running on our data directory, or deletes a {@code postmaster.pid} whose PID is dead or
	 * belongs to an unrelated process (PostgreSQL would otherwise refuse to start if that PID is alive).
	 * @return whether anything was left over
	 */
	boolean clean() throws IOException {
		Optional<Long> pid = readPid();
		if (pid.isEmpty()) {
			if (Files.exists(this.pidFile)) {
				log.warn("Removing unreadable {} left by a previous run", this.pidFile);
				Files.deleteIfExists(this.pidFile);
				return true;
			}
			return false;
		}
		Optional<ProcessHandle> process = ProcessHandle.of(pid.get()).filter(LeftoverPostmaster::isRunning);
		if (process.isPresent() && isPostgresOnOurData(process.get())) {
			log.warn("PostgreSQL (pid {}) is still running on {}, probably left by a Troupe that crashed; stopping it",
					pid.get(), this.pgData);
			stop(process.get());
			// A postmaster that had to be killed leaves its pid file behind.
			Files.deleteIfExists(this.pidFile);
			log.warn("Stopped leftover PostgreSQL (pid {})", pid.get());
		}
		else {
			log.warn("Removing stale {} (pid {} is not a PostgreSQL on this data directory), left by a previous run "
					+ "that did not shut down cleanly", this.pidFile, pid.get());
			Files.deleteIfExists(this.pidFile);
		}
		return true;
	}

	/** The postmaster's PID from the first line of {@code postmaster.pid}, if the file exists and is readable. */
	Optional<Long> readPid() throws IOException {
		try {
			List<String> lines = Files.readAllLines(this.pidFile, StandardCharsets.US_ASCII);
			return lines.isEmpty() || !lines.get(0).trim().matches("\\d+") ? Optional.empty()
					: Optional.of(Long.parseLong(lines.get(0).trim()));
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
	}

	/**
	 * PIDs get reused, so only a process that is a postgres with our data directory (its {@code -D} argument, or its
	 * working directory: the postmaster chdirs into its data directory) counts as ours.
	 */
	boolean isPostgresOnOurData(ProcessHandle process) {
		List<String> commandLine = commandLine(process);
		if (commandLine.isEmpty() || !Path.of(commandLine.get(0)).getFileName().toString().startsWith("postgres")) {
			return false;
		}
		int d = commandLine.indexOf("-D");
		if (d >= 0 && d + 1 < commandLine.size() && sameFile(Path.of(commandLine.get(d + 1)), this.pgData)) {
			return true;
		}
		try {
			return sameFile(Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd")), this.pgData);
		}
		catch (IOException | UnsupportedOperationException ex) {
			return false;
		}
	}

	private static List<String> commandLine(ProcessHandle process) {
		try {
			// /proc is exact (NUL-separated); ProcessHandle.Info may drop arguments.
			byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
			String text = new String(raw, StandardCharsets.UTF_8);
			if (!text.isEmpty()) {
				return Arrays.asList(text.split("\0"));
			}
		}
		catch (IOException ex) {
			// not Linux, or the process just exited: fall back below
		}
		ProcessHandle.Info info = process.info();
		if (info.command().isEmpty()) {
			return List.of();
		}
		List<String> result = new ArrayList<>();
		result.add(info.command().get());
		info.arguments().ifPresent(args -> result.addAll(Arrays.asList(args)));
		return result;
	}

	private static boolean sameFile(Path a, Path b) {
		try {
			return Files.isSameFile(a, b);
		}
		catch (IOException ex) {
			return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
		}
	}

	/**
	 * Fast shutdown (SIGINT: roll back open transactions, checkpoint, exit) rather than ProcessHandle.destroy()'s
	 * SIGTERM, which is PostgreSQL's "smart" mode and waits for clients. SIGKILL only as a last resort; its backends
	 * are killed too, as a new postmaster refuses to start while they still hold the old shared memory.
	 */
	private void stop(ProcessHandle postmaster) throws IOException {
		List<ProcessHandle> backends = postmaster.descendants().toList();
		if (!signalInterrupt(postmaster.pid())) {
			postmaster.destroy();
		}
		if (awaitExit(postmaster, GRACEFUL_STOP)) {
			return;
		}
		log.warn("PostgreSQL (pid {}) did not stop within {} s; killing it", postmaster.pid(),
				GRACEFUL_STOP.toSeconds());
		postmaster.destroyForcibly();
		backends.forEach(ProcessHandle::destroyForcibly);
		boolean gone = awaitExit(postmaster, FORCED_STOP);
		for (ProcessHandle backend : backends) {
			gone &= awaitExit(backend, FORCED_STOP);
		}
		if (!gone) {
			throw new IllegalStateException("Could not stop PostgreSQL (pid " + postmaster.pid() + ") running on "
					+ this.pgData + "; stop it by hand and start Troupe again.");
		}
	}

	private static boolean signalInterrupt(long pid) {
		try {
			Process kill = new ProcessBuilder("kill", "-INT", Long.toString(pid)).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			return kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static boolean awaitExit(ProcessHandle process, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (isRunning(process)) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return !isRunning(process);
			}
		}
		return true;
	}

	/**
	 * Alive and not a zombie: an exited postmaster waits as a zombie until init reaps it, and ProcessHandle counts a
	 * zombie as alive.
	 */
	static boolean isRunning(ProcessHandle process) {
		if (!process.isAlive()) {
			return false;
		}
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
			int afterName = stat.lastIndexOf(')');
			return afterName < 0 || afterName + 2 >= stat.length() || stat.charAt(afterName + 2) != 'Z';
		}
		catch (IOException ex) {
			return process.isAlive();
		}
	}

}
