package dev.troupe.generation;

import java.time.Instant;

/**
 * The verdict of a continuity check of a caption against its character's persona and lore. {@code checked} false
 * means no verdict (no text backend, or it failed: {@code reason} says why): never an invented one.
 */
public record Continuity(boolean checked, boolean flagged, String reason, String backendId, Instant checkedAt) {

	static Continuity notChecked(String reason) {
		return new Continuity(false, false, reason, null, Instant.now());
	}
}
