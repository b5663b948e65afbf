package dev.troupe.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BundledPostgresIntegrationTests {

	@TempDir
	Path dataDir;

	/** Child output, kept apart from the data directory under test. */
	@TempDir
	Path logs;

	private final List<Process> children = new ArrayList<>();

	@AfterEach
	void killChildren() throws Exception {
		for (Process child : this.children) {
			child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		// Whatever a killed child left running on the temp dir must not outlive the test.
		new LeftoverPostmaster(this.dataDir.resolve("postgres")).clean();
	}

	@Test
	void dataSurvivesARestart() throws Exception {
		try (BundledPostgres postgres = BundledPostgres.start(this.dataDir)) {
			execute(postgres, "CREATE TABLE note (text varchar(100) NOT NULL)");
			execute(postgres, "INSERT INTO note VALUES ('kept')");
		}
		try (BundledPostgres postgres = BundledPostgres.start(this.dataDir)) {
			assertThat(query(postgres, "SELECT text FROM note")).containsExactly("kept");
		}
		assertThat(this.dataDir.resolve("postgres/postmaster.pid")).doesNotExist();
	}

	@Test
	void aConnectionWithoutThePasswordIsRefused() throws Exception {
		try (BundledPostgres postgres = BundledPostgres.start(this.dataDir)) {
			assertPasswordRequired(postgres);
			assertThat(query(postgres, "SHOW unix_socket_directories")).containsExactly("");
			assertThat(query(postgres, "SHOW listen_addresses")).containsExactly("localhost");
			assertThat(Path.of("/tmp/.s.PGSQL." + postgres.getPort())).doesNotExist();
			Path passwordFile = this.dataDir.resolve("postgres.password");
			assertThat(Files.readString(passwordFile).trim()).isEqualTo(postgres.getPassword()).hasSizeGreaterThan(20);
			assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)))
				.isEqualTo("rw-------");
			assertThat(Files.readString(this.dataDir.resolve("postgres/pg_hba.conf"))).doesNotContain("trust");
		}
		// the same password on the next start
		String first = Files.readString(this.dataDir.resolve("postgres.password"));
		try (BundledPostgres postgres = BundledPostgres.start(this.dataDir)) {
			assertThat(postgres.getPassword()).isEqualTo(first.trim());
			assertPasswordRequired(postgres);
		}
	}

	@Test
	void aDataDirectoryLeftOnTrustIsConvertedOnTheNextStart() throws Exception {
		Path pgData = this.dataDir.resolve("postgres");
		// what Troupe before ADR 0005's revision left behind: zonky's initdb -A trust
		try (var old = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
			.setDataDirectory(pgData)
			.setCleanDataDirectory(false)
			.setRegisterShutdownHook(false)
			.start(); Connection connection = old.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE troupe");
		}
		assertThat(Files.readString(pgData.resolve("pg_hba.conf"))).contains("trust");
		try (var old = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
			.setDataDirectory(pgData)
			.setCleanDataDirectory(false)
			.setRegisterShutdownHook(false)
			.start(); Connection connection = old.getDatabase("postgres", "troupe").getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE note (text varchar(100) NOT NULL)");
			statement.execute("INSERT INTO note VALUES ('from the trust days')");
		}
		try (BundledPostgres postgres = BundledPostgres.start(this.dataDir)) {
			assertPasswordRequired(postgres);
			assertThat(query(postgres, "SELECT text FROM note")).containsExactly("from the trust days");
			assertThat(Files.readString(pgData.resolve("pg_hba.conf"))).doesNotContain("trust");
		}
	}

	@Test
	void aLostPasswordFileIsReplacedByANewPassword() throws Exception {
		try (BundledPostgres postgres = BundledPostgres.start(this.dataDir)) {
			execute(postgres, "CREATE TABLE note (text varchar(100) NOT NULL)");
		}
		String old = Files.readString(this.dataDir.resolve("postgres.password")).trim();
		Files.delete(this.dataDir.resolve("postgres.password"));
		try (BundledPostgres postgres = BundledPostgres.start(this.dataDir)) {
			assertThat(postgres.getPassword()).isNotEqualTo(old);
			assertPasswordRequired(postgres);
			assertThat(query(postgres, "SELECT count(*) FROM note")).containsExactly("0");
		}
	}

	private static void assertPasswordRequired(BundledPostgres postgres) throws SQLException {
		var properties = new java.util.Properties();
		properties.setProperty("user", BundledPostgres.USERNAME);
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> java.sql.DriverManager.getConnection(postgres.getJdbcUrl(), properties).close())
			.satisfies(ex -> assertThat(ex.getMessage()).containsAnyOf("password", "authentication"));
		properties.setProperty("password", "not-the-password");
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> java.sql.DriverManager.getConnection(postgres.getJdbcUrl(), properties).close())
			.satisfies(ex -> assertThat(ex.getSQLState()).isEqualTo("28P01"));
		properties.setProperty("password", postgres.getPassword());
		try (Connection connection = java.sql.DriverManager.getConnection(postgres.getJdbcUrl(), properties)) {
			assertThat(connection.isValid(5)).isTrue();
		}
	}

	@Test
	void serverRunsWithDurableSettings() throws Exception {
		try (BundledPostgres postgres = BundledPostgres.start(this.dataDir)) {
			assertThat(query(postgres, "SHOW fsync")).containsExactly("on");
			assertThat(query(postgres, "SHOW synchronous_commit")).containsExactly("on");
			assertThat(query(postgres, "SHOW full_page_writes")).containsExactly("on");
		}
	}

	@Test
	void secondInstanceInTheSameProcessGetsAClearError() throws Exception {
		try (BundledPostgres postgres = BundledPostgres.start(this.dataDir)) {
			assertThatExceptionOfType(DataDirectoryInUseException.class)
				.isThrownBy(() -> BundledPostgres.start(this.dataDir))
				.withMessageContaining("Another Troupe")
				.withMessageContaining(this.dataDir.toAbsolutePath().toString())
				.withMessageContaining("troupe.lock")
				.withMessageContaining("TROUPE_DATA_DIR");
			// The failed attempt must not have disturbed the running one.
			assertThat(query(postgres, "SELECT 1")).containsExactly("1");
		}
		try (BundledPostgres postgres = BundledPostgres.start(this.dataDir)) {
			assertThat(query(postgres, "SELECT 1")).containsExactly("1");
		}
	}

	@Test
	void secondTroupeInAnotherProcessGetsAClearErrorAndStoppingTheFirstStopsItsPostgres() throws Exception {
		Process child = startChild();
		long postmaster = postmasterPid();

		assertThatExceptionOfType(DataDirectoryInUseException.class)
			.isThrownBy(() -> BundledPostgres.start(this.dataDir))
			.withMessage("Another Troupe (pid " + child.pid() + ") is already running with data directory "
					+ this.dataDir.toAbsolutePath() + " (lock held on troupe.lock). Stop it first or set "
					+ "TROUPE_DATA_DIR to a different directory.");
		assertThat(running(postmaster)).isTrue();

		child.destroy(); // SIGTERM, as a service manager stops Troupe
		assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
		assertThat(exitsWithin(postmaster, 5)).isTrue();
		assertThat(this.dataDir.resolve("postgres/postmaster.pid")).doesNotExist();
	}

	@Test
	void recoversFromATroupeKilledWithSigkill() throws Exception {
		Process child = startChild();
		long orphan = postmasterPid();

		child.destroyForcibly(); // SIGKILL: no shutdown hook runs
		assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
		// pg_ctl daemonized the server, so it outlives the JVM that started it.
		assertThat(running(orphan)).isTrue();

		try (BundledPostgres postgres = BundledPostgres.start(this.dataDir)) {
			assertThat(running(orphan)).isFalse();
			assertThat(postmasterPid()).isNotEqualTo(orphan);
			assertThat(query(postgres, "SELECT text FROM note")).containsExactly("written by child");
		}
	}

	@Test
	void removesAStalePostmasterPidWithoutTouchingTheProcessNamedInIt() throws Exception {
		try (BundledPostgres postgres = BundledPostgres.start(this.dataDir)) {
			execute(postgres, "CREATE TABLE note (text varchar(100) NOT NULL)");
		}
		Path pidFile = this.dataDir.resolve("postgres/postmaster.pid");

		Process exited = new ProcessBuilder("true").start();
		exited.waitFor();
		Files.writeString(pidFile, exited.pid() + "\n" + this.dataDir.resolve("postgres") + "\n");
		try (BundledPostgres postgres = BundledPostgres.start(this.dataDir)) {
			assertThat(query(postgres, "SELECT count(*) FROM note")).containsExactly("0");
		}

		// A reused PID: alive, but not a postgres on our data directory.
		Process unrelated = new ProcessBuilder("sleep", "60").start();
		this.children.add(unrelated);
		Files.writeString(pidFile, unrelated.pid() + "\n" + this.dataDir.resolve("postgres") + "\n");
		try (BundledPostgres postgres = BundledPostgres.start(this.dataDir)) {
			assertThat(query(postgres, "SELECT count(*) FROM note")).containsExactly("0");
		}
		assertThat(unrelated.isAlive()).isTrue();
	}

	private Process startChild() throws IOException, InterruptedException {
		Path output = Files.createTempFile(this.logs, "child", ".log");
		Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), BundledPostgresChild.class.getName(), this.dataDir.toString())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		this.children.add(child);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (System.nanoTime() < deadline) {
			if (Files.readAllLines(output, StandardCharsets.UTF_8).contains("READY")) {
				return child;
			}
			assertThat(child.isAlive()).as("child exited early:%n%s", Files.readString(output)).isTrue();
			Thread.sleep(100);
		}
		throw new AssertionError("child did not get ready:\n" + Files.readString(output));
	}

	private static boolean running(long pid) {
		return ProcessHandle.of(pid).map(LeftoverPostmaster::isRunning).orElse(false);
	}

	/** pg_ctl stop returns once postmaster.pid is gone, a moment before the postmaster has exited. */
	private static boolean exitsWithin(long pid, int seconds) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		while (running(pid) && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		return !running(pid);
	}

	private long postmasterPid() throws IOException {
		return new LeftoverPostmaster(this.dataDir.resolve("postgres")).readPid().orElseThrow();
	}

	private static void execute(BundledPostgres postgres, String sql) throws SQLException {
		try (Connection connection = postgres.getDataSource().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static List<String> query(BundledPostgres postgres, String sql) throws SQLException {
		List<String> values = new ArrayList<>();
		try (Connection connection = postgres.getDataSource().getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			while (rows.next()) {
				values.add(rows.getString(1));
			}
		}
		return values;
	}

}
