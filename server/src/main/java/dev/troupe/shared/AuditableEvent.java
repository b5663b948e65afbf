package dev.troupe.shared;

import java.util.Map;

/**
 * A change somebody made that belongs in the audit log. Modules publish their own event records implementing
 * this; the security module's audit log listens for all of them, so no module depends on the audit log.
 */
public interface AuditableEvent {

	/** Who did it, see {@link Actors}. */
	String actor();

	/** What happened, dotted and past tense, e.g. {@code character.created}. */
	String action();

	String subjectType();

	String subjectId();

	/** A few facts worth keeping (never secrets). */
	default Map<String, Object> detail() {
		return Map.of();
	}
}
