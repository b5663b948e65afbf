package dev.troupe.backup;

import java.util.List;

/**
 * The archive's layout: {@code manifest.json}, {@code database/<table>.copy} (PostgreSQL COPY text format, the
 * manifest's columns in order), {@code media/<path>} (the media folder as it is) and a README.
 */
final class Archive {

	static final int FORMAT = 1;
	static final String MANIFEST = "manifest.json";
	static final String DATABASE = "database/";
	static final String MEDIA = "media/";

	static final String MASTER_KEY_REMINDER = """
			The master key is NOT in this archive, on purpose: it decrypts the channel tokens and backend API keys that \
			are. Keep TROUPE_MASTER_KEY (or <data dir>/master.key) separately, somewhere safe; a restore without it \
			has every channel to reconnect and every backend key to enter again.""";

	static final String README = """
			Troupe backup. Restore with: ./troupe restore <this file> (into an empty database, or --replace).
			manifest.json: format, schema version, tables with their columns and row counts.
			database/: one PostgreSQL COPY (text format) file per table, all read in one snapshot.
			media/: the media folder.

			""" + MASTER_KEY_REMINDER + "\n";

	private Archive() {
	}

	record Table(String name, List<String> columns, long rows) {
	}

	record Manifest(int format, String createdAt, String schemaVersion, String postgres, List<Table> tables,
			int mediaFiles) {
	}
}
