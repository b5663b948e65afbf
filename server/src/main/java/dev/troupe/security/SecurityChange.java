package dev.troupe.security;

import java.util.Map;

import dev.troupe.shared.AuditableEvent;

/**
 * A change to users or tokens, recorded in the audit log like every other module's changes.
 */
record SecurityChange(String actor, String action, String subjectType, String subjectId, Map<String, Object> detail)
		implements AuditableEvent {
}
