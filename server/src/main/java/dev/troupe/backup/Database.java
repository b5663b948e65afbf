package dev.troupe.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import dev.troupe.database.BundledPostgres;
import dev.troupe.database.DataDirectoryInUseException;

/**
 * The database to copy from or into. An external one from the settings; else the bundled server of the data dir:
 * started for the command when Troupe is stopped, or reached on the port and with the password of the running
 * server when Troupe runs (a backup of a running Troupe is consistent: it reads one snapshot).
 */
final class Database implements AutoCloseable {

	private final BundledPostgres started;
	final String url;
	final String user;
	final String password;

	private Database(BundledPostgres started, String url, String user, String password) {
		this.started = started;
		this.url = url;
		this.user = user;
		this.password = password;
	}

	static Database open(BackupSettings settings, boolean mayCreate) {
		if (settings.databaseUrl() != null) {
			return new Database(null, settings.databaseUrl(), settings.databaseUser(), settings.databasePassword());
		}
		var cluster = settings.dataDir().resolve("postgres");
		if (!mayCreate && !Files.isDirectory(cluster)) {
			throw new BackupException("no database in " + settings.dataDir().toAbsolutePath()
					+ " (set TROUPE_DATA_DIR, or TROUPE_DATABASE_URL for an external one)");
		}
		try {
			var bundled = BundledPostgres.start(settings.dataDir());
			return new Database(bundled, bundled.getJdbcUrl(), bundled.getUsername(), bundled.getPassword());
		}
		catch (DataDirectoryInUseException running) {
			return running(settings.dataDir());
		}
		catch (IOException e) {
			throw new BackupException("could not start the bundled PostgreSQL", e);
		}
	}

	/** Troupe runs on this data dir: its server's port is in postmaster.pid (line 4), its password beside it. */
	private static Database running(Path dataDir) {
		try {
			var port = Files.readAllLines(dataDir.resolve("postgres/postmaster.pid"), StandardCharsets.US_ASCII).get(3).trim();
			var password = Files.readString(dataDir.resolve("postgres.password")).trim();
			return new Database(null, "jdbc:postgresql://localhost:" + port + "/" + BundledPostgres.DATABASE,
					BundledPostgres.USERNAME, password);
		}
		catch (IOException | IndexOutOfBoundsException e) {
			throw new BackupException("Troupe holds " + dataDir.toAbsolutePath() + " but its database cannot be reached", e);
		}
	}

	Connection connect() {
		try {
			return DriverManager.getConnection(url, user, password);
		}
		catch (SQLException e) {
			throw new BackupException("cannot connect to " + url, e);
		}
	}

	@Override
	public void close() {
		if (started != null) {
			try {
				started.close();
			}
			catch (IOException e) {
				throw new BackupException("stopping the bundled PostgreSQL failed", e);
			}
		}
	}
}
