package dev.troupe.backup;

/** A backup or restore that cannot go on, with a message for the person at the command line. */
class BackupException extends RuntimeException {

	BackupException(String message) {
		super(message);
	}

	BackupException(String message, Throwable cause) {
		super(message + ": " + cause.getMessage(), cause);
	}
}
