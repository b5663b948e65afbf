package dev.troupe.generation;

/** QUEUED → RUNNING → SUCCEEDED | FAILED; CANCELLED from QUEUED or RUNNING. RUNNING may go back to QUEUED for a retry. */
public enum JobStatus {
	QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

	boolean finished() {
		return this == SUCCEEDED || this == FAILED || this == CANCELLED;
	}
}
