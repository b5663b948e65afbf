package dev.troupe.backup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Map;

/**
 * The command line of {@code backup} and {@code restore}, run instead of the application when the first argument
 * names one. Settings are the application's: {@code TROUPE_DATA_DIR}, {@code TROUPE_DATABASE_URL|USER|PASSWORD}, or
 * the same as {@code --troupe.data-dir=...}, {@code --spring.datasource.url=...} arguments.
 */
public final class BackupCommand {

	private static final Logger log = LoggerFactory.getLogger("troupe");
	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

	private BackupCommand() {
	}

	/** Runs the command if {@code args} name one; false when they do not (then the application starts). */
	public static boolean handles(String[] args) {
		if (args.length == 0 || !(args[0].equals("backup") || args[0].equals("restore"))) {
			return false;
		}
		quietLibraries();
		int status;
		try {
			status = run(args, System.getenv());
		}
		catch (BackupException e) {
			log.error("{} failed: {}", args[0], e.getMessage());
			status = 1;
		}
		System.exit(status);
		return true;
	}

	/** Without Spring Boot's logging set-up, Logback would print every library's debug output. */
	private static void quietLibraries() {
		if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
			root.setLevel(Level.WARN);
		}
		if (log instanceof ch.qos.logback.classic.Logger own) {
			own.setLevel(Level.INFO);
		}
	}

	static int run(String[] args, Map<String, String> env) {
		var settings = BackupSettings.from(Arrays.copyOfRange(args, 1, args.length), env);
		if (args[0].equals("backup")) {
			var file = settings.file() != null ? settings.file()
					: Path.of("troupe-backup-" + STAMP.format(Instant.now()) + ".zip");
			var summary = Backup.write(settings, file);
			log.info("Backup written to {}: {} tables, {} rows, {} media files, schema version {}.", file,
					summary.tables(), summary.rows(), summary.mediaFiles(), summary.schemaVersion());
		}
		else {
			if (settings.file() == null) {
				throw new BackupException("name the archive: ./troupe restore <file> [--replace]");
			}
			var summary = Restore.read(settings, settings.file());
			log.info("Restored {}: {} tables, {} rows, {} media files, schema version {}. The next start migrates it"
					+ " to this version of Troupe.", settings.file(), summary.tables(), summary.rows(),
					summary.mediaFiles(), summary.schemaVersion());
		}
		log.warn(Archive.MASTER_KEY_REMINDER);
		return 0;
	}

	/** What was copied. */
	record Summary(int tables, long rows, int mediaFiles, String schemaVersion) {
	}
}
