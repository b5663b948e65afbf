package dev.troupe.content;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Which posts to list: every filter is optional (null or empty means any). {@code states}: any of these;
 * {@code query}: words in the caption; {@code unscheduled}: true for posts without a time, false for posts with one.
 */
public record PostFilter(List<PostState> states, UUID characterId, UUID channelId, String query, Instant from,
		Instant to, Boolean unscheduled, int limit, int offset) {

	public PostFilter {
		states = states == null ? List.of() : List.copyOf(states);
		query = query == null || query.isBlank() ? null : query.trim();
	}
}
