package dev.troupe.engagement;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.troupe.shared.ApiProblem;

/**
 * One thing said to a character on a channel, stored once per channel and platform id. {@code threadKey} groups a
 * conversation (the platform id of its first post); {@code replyPostId} is the reply post answering it, if any.
 */
record InboxItem(UUID id, UUID channelId, UUID characterId, String platform, String kind, Author author, String text,
		Instant createdAt, String url, State state, String threadKey, String inReplyToRemoteId,
		UUID originalPublicationId, List<Flag> flags, UUID replyPostId, @JsonIgnore String remoteId,
		@JsonIgnore String threadRoot, @JsonIgnore Map<String, String> replyRefs, @JsonIgnore boolean repliedAutomatically,
		@JsonIgnore UUID draftJobId) {

	InboxItem {
		flags = flags == null ? List.of() : List.copyOf(flags);
		replyRefs = replyRefs == null ? Map.of() : Map.copyOf(replyRefs);
	}

	record Author(String id, String handle, String displayName, String url) {
	}

	/** {@code kind}: {@code banned-word} (the character's banned words or topics) or {@code blocked} (the block list). */
	record Flag(String kind, String reason) {
	}

	enum State {
		OPEN, ANSWERED, DISMISSED;

		@JsonValue
		String json() {
			return name().toLowerCase(Locale.ROOT);
		}

		static State parse(String value) {
			for (var state : values()) {
				if (state.json().equalsIgnoreCase(value)) {
					return state;
				}
			}
			throw ApiProblem.badRequest("state", "must be one of open, answered, dismissed");
		}
	}
}
