package dev.troupe.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Troupe in its own JVM, so a crash test can SIGKILL it and start it again on the same data directory. It runs
 * from the test class path with a short scheduler heartbeat (a dead node's tasks are taken over within a second),
 * an owner created from the configuration, and no generation backend.
 */
public final class ChildTroupe {

	public static final String PASSWORD = "correct horse battery";

	private ChildTroupe() {
	}

	/** Starts Troupe on the port, reachable at {@code http://localhost:port}, and waits until it is healthy. */
	public static Process start(Path dataDir, int port, String ownerEmail) throws IOException {
		return start(dataDir, port, ownerEmail, new String[0]);
	}

	/**
	 * The same with more {@code --name=value} arguments, e.g. another node's database. Not the ones above: Spring
	 * joins a repeated argument into a list instead of letting the last one win. Arguments starting with {@code -X}
	 * are options of the JVM.
	 */
	public static Process start(Path dataDir, int port, String ownerEmail, String... more) throws IOException {
		var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
		command.addAll(Stream.of(more).filter(a -> a.startsWith("-X")).toList());
		command.addAll(List.of("-cp",
				System.getProperty("java.class.path"), "dev.troupe.Troupe", "--troupe.data-dir=" + dataDir,
				"--server.port=" + port, "--troupe.public-url=http://localhost:" + port,
				"--troupe.admin.email=" + ownerEmail, "--troupe.admin.password=" + PASSWORD,
				"--troupe.scheduler.heartbeat=250ms", "--troupe.scheduler.missed-heartbeats=4",
				"--troupe.generation.backends[0].id=none", "--troupe.generation.backends[0].type=espeak",
				"--troupe.generation.backends[0].enabled=false"));
		command.addAll(Stream.of(more).filter(a -> !a.startsWith("-X")).toList());
		var log = dataDir.resolveSibling(dataDir.getFileName() + "-" + System.nanoTime() + ".log");
		var process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		var health = new Api(port, null);
		try {
			await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(250)).until(() -> {
				if (!process.isAlive()) {
					throw new IllegalStateException("Troupe exited:\n" + Files.readString(log));
				}
				try {
					return health.get("/actuator/health").status() == 200;
				}
				catch (RuntimeException notYet) {
					return false;
				}
			});
		}
		catch (RuntimeException e) {
			process.destroyForcibly();
			throw e;
		}
		return process;
	}

	/** {@link #start(Path, int, String, String...)} for lambdas (several nodes started at once): I/O errors unchecked. */
	public static Process startUnchecked(Path dataDir, int port, String ownerEmail, String... more) {
		try {
			return start(dataDir, port, ownerEmail, more);
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	/** One number (a count) from a child's database, over a connection of its own: {@code postgres} user. */
	public static long count(String jdbcUrl, String password, String sql) throws java.sql.SQLException {
		try (var c = java.sql.DriverManager.getConnection(jdbcUrl, "postgres", password);
				var rs = c.createStatement().executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	/** Deletes the children's data directories (their PostgreSQL data, media and logs) after a run that passed. */
	public static void deleteTree(Path root) throws IOException {
		try (var paths = Files.walk(root)) {
			for (var path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

	/** The owner's API client, with a bearer token. */
	public static Api signIn(int port, String ownerEmail) {
		var anonymous = new Api(port, null);
		var token = anonymous.post("/api/v1/auth/token", Map.of("email", ownerEmail, "password", PASSWORD)).json()
			.get("token").asString();
		return anonymous.as(token);
	}

	public static int freePort() throws IOException {
		try (var socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
