package dev.troupe.publishing.platform.mastodon;

import dev.troupe.publishing.spi.PublishOutcome;

/** Ends a publish flow early with its outcome (a failed media upload ends the whole attempt). */
final class OutcomeException extends Exception {

	private final transient PublishOutcome outcome;

	OutcomeException(PublishOutcome outcome) {
		super(outcome.toString(), null, false, false);
		this.outcome = outcome;
	}

	PublishOutcome outcome() {
		return outcome;
	}
}
