package dev.troupe.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipFile;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.postgresql.PGConnection;

import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the archive back: into an empty database (or, with {@code --replace}, one whose public schema is dropped
 * first), Flyway recreates the schema of the backup's version, the rows are copied in one transaction (parents
 * before children, sequences moved past the restored ids), then the media files are written. The next start of
 * Troupe migrates the database on to its own version.
 */
final class Restore {

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final String EVENT_LOG_SCHEMA = "org/springframework/modulith/events/jdbc/schemas/v2/schema-postgresql.sql";

	private Restore() {
	}

	static BackupCommand.Summary read(BackupSettings settings, Path file) {
		if (!Files.isRegularFile(file)) {
			throw new BackupException("no such archive: " + file);
		}
		try (var zip = new ZipFile(file.toFile())) {
			var entry = zip.getEntry(Archive.MANIFEST);
			if (entry == null) {
				throw new BackupException(file + " is not a Troupe backup (no " + Archive.MANIFEST + ")");
			}
			var manifest = JSON.readValue(zip.getInputStream(entry).readAllBytes(), Archive.Manifest.class);
			if (manifest.format() != Archive.FORMAT) {
				throw new BackupException("archive format " + manifest.format() + " is not " + Archive.FORMAT);
			}
			try (var db = Database.open(settings, true)) {
				var flyway = Flyway.configure().dataSource(db.url, db.user, db.password).locations("classpath:db/migration")
					.target(MigrationVersion.fromVersion(manifest.schemaVersion())).load();
				var newest = flyway.info().all().length == 0 ? null
						: flyway.info().all()[flyway.info().all().length - 1].getVersion();
				if (newest != null && MigrationVersion.fromVersion(manifest.schemaVersion()).isNewerThan(newest.getVersion())) {
					throw new BackupException("the backup has schema version " + manifest.schemaVersion()
							+ ", newer than this Troupe (" + newest + "): restore it with that version or later");
				}
				try (var c = db.connect()) {
					empty(c, settings.replace());
				}
				flyway.migrate();
				long rows;
				try (var c = db.connect()) {
					rows = copyRows(c, zip, manifest);
				}
				var media = writeMedia(zip, settings.mediaDir());
				return new BackupCommand.Summary(manifest.tables().size(), rows, media, manifest.schemaVersion());
			}
		}
		catch (IOException | SQLException e) {
			throw new BackupException("restore failed", e);
		}
	}

	private static void empty(Connection c, boolean replace) throws SQLException {
		try (var rs = c.createStatement().executeQuery(
				"select count(*) from information_schema.tables where table_schema = 'public'")) {
			rs.next();
			if (rs.getLong(1) == 0) {
				return;
			}
		}
		if (!replace) {
			throw new BackupException("the database already has tables; restore into an empty database, or add --replace "
					+ "to drop everything in it first (stop Troupe before)");
		}
		try (var s = c.createStatement()) {
			s.execute("drop schema public cascade");
			s.execute("create schema public");
		}
	}

	private static long copyRows(Connection c, ZipFile zip, Archive.Manifest manifest) throws SQLException, IOException {
		var tables = new LinkedHashMap<String, Archive.Table>();
		manifest.tables().forEach(t -> tables.put(t.name(), t));
		c.setAutoCommit(false);
		var present = Tables.columns(c);
		if (tables.containsKey("event_publication") && !present.containsKey("event_publication")) {
			createEventLog(c); // Spring Modulith creates it at start, outside Flyway
			present = Tables.columns(c);
		}
		var copy = c.unwrap(PGConnection.class).getCopyAPI();
		long rows = 0;
		for (var name : Tables.parentsFirst(c, tables.keySet())) {
			var table = tables.get(name);
			if (!present.containsKey(name)) {
				throw new BackupException("table " + name + " of the backup is not in schema version "
						+ manifest.schemaVersion());
			}
			try (var s = c.createStatement()) {
				s.execute("delete from " + Tables.quote(name)); // rows Flyway's migrations may have seeded
			}
			var entry = zip.getEntry(Archive.DATABASE + name + ".copy");
			if (entry == null) {
				throw new BackupException("the archive lacks the rows of " + name);
			}
			try (InputStream in = zip.getInputStream(entry)) {
				var copied = copy.copyIn("COPY " + Tables.quote(name) + " (" + Tables.columnList(table.columns())
						+ ") FROM STDIN", in);
				if (copied != table.rows()) {
					throw new BackupException(name + ": " + copied + " rows read, the manifest says " + table.rows());
				}
				rows += copied;
			}
		}
		resetSequences(c);
		c.commit();
		return rows;
	}

	private static void createEventLog(Connection c) throws IOException, SQLException {
		try (var in = Restore.class.getClassLoader().getResourceAsStream(EVENT_LOG_SCHEMA)) {
			if (in == null) {
				throw new BackupException("Spring Modulith's event log schema is missing from the class path");
			}
			for (var statement : new String(in.readAllBytes(), StandardCharsets.UTF_8).split(";")) {
				if (!statement.isBlank()) {
					c.createStatement().execute(statement);
				}
			}
		}
	}

	/** Columns filled from a sequence (bigserial) continue after the highest restored value. */
	private static void resetSequences(Connection c) throws SQLException {
		var sequences = new LinkedHashMap<String, String>();
		try (var rs = c.createStatement().executeQuery("""
				select table_name, column_name, pg_get_serial_sequence(quote_ident(table_name), column_name)
				from information_schema.columns where table_schema = 'public'
				and pg_get_serial_sequence(quote_ident(table_name), column_name) is not null""")) {
			while (rs.next()) {
				sequences.put(Tables.quote(rs.getString(1)) + "." + Tables.quote(rs.getString(2)), rs.getString(3));
			}
		}
		for (Map.Entry<String, String> s : sequences.entrySet()) {
			var column = s.getKey();
			var table = column.substring(0, column.indexOf("\".\"") + 1);
			var name = column.substring(column.indexOf("\".\"") + 2);
			try (var st = c.prepareStatement("select setval(?, coalesce((select max(" + name + ") from " + table
					+ "), 1), (select max(" + name + ") from " + table + ") is not null)")) {
				st.setString(1, s.getValue());
				st.execute();
			}
		}
	}

	private static int writeMedia(ZipFile zip, Path media) throws IOException {
		var count = 0;
		var entries = zip.entries();
		while (entries.hasMoreElements()) {
			var entry = entries.nextElement();
			if (entry.isDirectory() || !entry.getName().startsWith(Archive.MEDIA)) {
				continue;
			}
			var target = media.resolve(entry.getName().substring(Archive.MEDIA.length())).normalize();
			if (!target.startsWith(media)) {
				throw new BackupException("the archive names a file outside the media folder: " + entry.getName());
			}
			Files.createDirectories(target.getParent());
			if (!Files.exists(target)) { // content-addressed: a file that is there is the same file
				try (var in = zip.getInputStream(entry)) {
					Files.copy(in, target);
				}
			}
			count++;
		}
		return count;
	}
}
