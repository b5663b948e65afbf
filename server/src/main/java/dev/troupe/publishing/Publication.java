package dev.troupe.publishing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One post on one channel: the unit that is published exactly once (unique per post and channel).
 */
record Publication(UUID id, UUID postId, UUID channelId, String platform, State state, Instant dueAt,
		String idempotencyKey, String remoteId, String url, String error, Map<String, String> handle,
		List<Attempt> attempts) {

	/** DESIGN §5. IN_FLIGHT is committed before the request goes out, so a crash leaves a trace. */
	enum State {
		SCHEDULED, DUE, IN_FLIGHT, RETRY_WAIT, PENDING, WAITING_FOR_CHANNEL, PUBLISHED, FAILED, UNCONFIRMED, CANCELLED;

		boolean finished() {
			return this == PUBLISHED || this == FAILED || this == CANCELLED;
		}
	}

	record Attempt(int number, Instant startedAt, Instant finishedAt, String outcome, String detail) {
	}
}
