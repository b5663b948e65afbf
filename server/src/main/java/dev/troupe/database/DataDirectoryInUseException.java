package dev.troupe.database;

import java.nio.file.Path;

/**
 * Thrown when another Troupe already holds the data directory: two PostgreSQL servers on one data directory would
 * corrupt it, so the second Troupe must not start.
 */
public class DataDirectoryInUseException extends IllegalStateException {

	static final String ACTION = "Stop it first or set TROUPE_DATA_DIR to a different directory.";

	private final transient Path dataDirectory;

	DataDirectoryInUseException(Path dataDirectory, String holder) {
		super(problem(dataDirectory, holder) + " " + ACTION);
		this.dataDirectory = dataDirectory;
	}

	private static String problem(Path dataDirectory, String holder) {
		return "Another Troupe" + holder + " is already running with data directory " + dataDirectory + " (lock held on "
				+ DataDirectoryLock.FILE_NAME + ").";
	}

	public Path getDataDirectory() {
		return this.dataDirectory;
	}

	/** The message without the advice, for {@link DataDirectoryInUseFailureAnalyzer}. */
	String problem() {
		return getMessage().substring(0, getMessage().length() - ACTION.length() - 1);
	}

}
