package dev.troupe.content;

import java.util.Map;
import java.util.UUID;

import dev.troupe.shared.AuditableEvent;

/** What happened to posts, for the audit log, webhooks and other modules. */
public final class PostEvents {

	private PostEvents() {
	}

	public record PostChanged(UUID postId, String actor, String action, Map<String, Object> detail)
			implements AuditableEvent {

		public String subjectType() {
			return "post";
		}

		public String subjectId() {
			return postId.toString();
		}
	}

	/** Approved by a person or by a channel's auto-approval; webhooks send post.approved. */
	public record PostApproved(UUID postId, UUID characterId, String by, boolean automatically) {
	}
}
