package dev.troupe.backup;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the data is: the data dir (bundled database, media folder) and an external database when one is set,
 * read like the application reads them (arguments win over environment variables).
 */
record BackupSettings(Path dataDir, String databaseUrl, String databaseUser, String databasePassword, Path file,
		boolean replace) {

	static BackupSettings from(String[] args, Map<String, String> env) {
		var dataDir = env.getOrDefault("TROUPE_DATA_DIR", "./data");
		var url = env.get("TROUPE_DATABASE_URL");
		var user = env.get("TROUPE_DATABASE_USER");
		var password = env.get("TROUPE_DATABASE_PASSWORD");
		Path file = null;
		var replace = false;
		for (var arg : args) {
			if (arg.equals("--replace")) {
				replace = true;
			}
			else if (arg.startsWith("--troupe.data-dir=")) {
				dataDir = value(arg);
			}
			else if (arg.startsWith("--spring.datasource.url=")) {
				url = value(arg);
			}
			else if (arg.startsWith("--spring.datasource.username=")) {
				user = value(arg);
			}
			else if (arg.startsWith("--spring.datasource.password=")) {
				password = value(arg);
			}
			else if (arg.startsWith("--")) {
				throw new BackupException("unknown option " + arg.substring(0, arg.contains("=") ? arg.indexOf('=') : arg.length()));
			}
			else if (file == null) {
				file = Path.of(arg);
			}
			else {
				throw new BackupException("one archive at a time, got " + file + " and " + arg);
			}
		}
		return new BackupSettings(Path.of(dataDir), url == null || url.isBlank() ? null : url, user, password, file,
				replace);
	}

	private static String value(String arg) {
		return arg.substring(arg.indexOf('=') + 1);
	}

	Path mediaDir() {
		return dataDir.toAbsolutePath().normalize().resolve("media");
	}
}
