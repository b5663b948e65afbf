package dev.troupe.publishing.spi;

/**
 * Ends an adapter's publish flow early with its outcome (a failed session, media or blob upload ends the whole
 * attempt). Carries no stack trace: it is control flow, caught inside the adapter and returned as the outcome.
 */
public final class OutcomeException extends Exception {

	private final transient PublishOutcome outcome;

	public OutcomeException(PublishOutcome outcome) {
		super(outcome.toString(), null, false, false);
		this.outcome = outcome;
	}

	public PublishOutcome outcome() {
		return outcome;
	}
}
