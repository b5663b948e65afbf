package dev.troupe.engagement;

import java.util.Map;

import dev.troupe.shared.AuditableEvent;

/** What people changed in the inbox, for the audit log. */
final class InboxEvents {

	private InboxEvents() {
	}

	/** {@code action}: {@code inbox.settings.changed}, {@code inbox.auto-approval.enabled}, {@code inbox.blocklist.changed}… */
	record InboxChanged(String subjectType, String subjectId, String actor, String action, Map<String, Object> detail)
			implements AuditableEvent {
	}
}
