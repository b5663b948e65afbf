package dev.troupe.backup;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.postgresql.PGConnection;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the archive. Every table is copied inside one REPEATABLE READ, read-only transaction, so the copy is
 * one consistent moment even while Troupe runs; media files are added afterwards. Assets are content-addressed
 * and written before their row commits, so every asset row of the snapshot finds its file (newer files are
 * harmless extras). The archive is written beside its name and moved there when complete.
 */
final class Backup {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Backup() {
	}

	static BackupCommand.Summary write(BackupSettings settings, Path file) {
		var partial = file.toAbsolutePath().resolveSibling(file.getFileName() + ".partial");
		try (var db = Database.open(settings, false)) {
			BackupCommand.Summary summary;
			try (var zip = new ZipOutputStream(Files.newOutputStream(partial)); var c = db.connect()) {
				var tables = copyTables(c, zip);
				var media = copyMedia(settings.mediaDir(), zip);
				var manifest = new Archive.Manifest(Archive.FORMAT, Instant.now().toString(), schemaVersion(c),
						serverVersion(c), tables, media);
				zip.putNextEntry(new ZipEntry(Archive.MANIFEST));
				zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
				zip.closeEntry();
				zip.putNextEntry(new ZipEntry("README.txt"));
				zip.write(Archive.README.getBytes(StandardCharsets.UTF_8));
				zip.closeEntry();
				summary = new BackupCommand.Summary(tables.size(), tables.stream().mapToLong(Archive.Table::rows).sum(),
						media, manifest.schemaVersion());
			}
			Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			return summary;
		}
		catch (IOException | SQLException e) {
			deleteQuietly(partial);
			throw new BackupException("backup failed", e);
		}
		catch (RuntimeException e) {
			deleteQuietly(partial);
			throw e;
		}
	}

	private static ArrayList<Archive.Table> copyTables(Connection c, ZipOutputStream zip) throws SQLException, IOException {
		c.setAutoCommit(false);
		c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
		c.setReadOnly(true);
		var copy = c.unwrap(PGConnection.class).getCopyAPI();
		var tables = new ArrayList<Archive.Table>();
		try {
			for (var table : Tables.columns(c).entrySet()) {
				zip.putNextEntry(new ZipEntry(Archive.DATABASE + table.getKey() + ".copy"));
				var rows = copy.copyOut("COPY " + Tables.quote(table.getKey()) + " (" + Tables.columnList(table.getValue())
						+ ") TO STDOUT", new KeepOpen(zip));
				zip.closeEntry();
				tables.add(new Archive.Table(table.getKey(), table.getValue(), rows));
			}
			return tables;
		}
		finally {
			c.rollback(); // read-only: nothing to keep, and the snapshot is released
		}
	}

	private static int copyMedia(Path media, ZipOutputStream zip) throws IOException {
		if (!Files.isDirectory(media)) {
			return 0;
		}
		var count = 0;
		try (var files = Files.walk(media)) {
			for (var f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
				if (f.getFileName().toString().startsWith(".")) {
					continue; // an upload still being written
				}
				zip.putNextEntry(new ZipEntry(Archive.MEDIA + media.relativize(f).toString().replace('\\', '/')));
				Files.copy(f, zip);
				zip.closeEntry();
				count++;
			}
		}
		return count;
	}

	static String schemaVersion(Connection c) throws SQLException {
		try (var rs = c.createStatement().executeQuery("""
				select version from flyway_schema_history where success and version is not null
				order by installed_rank desc limit 1""")) {
			return rs.next() ? rs.getString(1) : null;
		}
	}

	private static String serverVersion(Connection c) throws SQLException {
		try (var rs = c.createStatement().executeQuery("show server_version")) {
			rs.next();
			return rs.getString(1);
		}
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ignored) {
			// the failure being reported matters more
		}
	}

	/** COPY must not close the archive after one table. */
	private static final class KeepOpen extends FilterOutputStream {

		KeepOpen(OutputStream out) {
			super(out);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			out.write(b, off, len);
		}

		@Override
		public void close() throws IOException {
			flush();
		}
	}
}
