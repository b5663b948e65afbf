package dev.troupe.publishing;

import java.util.Map;
import java.util.UUID;

import dev.troupe.shared.AuditableEvent;

/** What happened in publishing: audit entries, and the facts notifications and webhooks are made of. */
final class PublishingEvents {

	private PublishingEvents() {
	}

	record ChannelChanged(UUID channelId, String actor, String action, Map<String, Object> detail)
			implements AuditableEvent {

		public String subjectType() {
			return "channel";
		}

		public String subjectId() {
			return channelId.toString();
		}
	}

	record ChannelNeedsReconnect(UUID channelId, UUID characterId, String reason) {
	}

	record PublicationPublished(UUID publicationId, UUID postId, UUID channelId, String remoteId, String url) {
	}

	record PublicationFailed(UUID publicationId, UUID postId, UUID channelId, String reason) {
	}

	record PublicationUnconfirmed(UUID publicationId, UUID postId, UUID channelId, String reason) {
	}
}
