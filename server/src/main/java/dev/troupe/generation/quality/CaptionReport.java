package dev.troupe.generation.quality;

import java.util.List;

/**
 * The outcome of {@link CaptionChecks#check}.
 *
 * @param passed true when there are no flags
 * @param flags human-readable problems, e.g. {@code "banned word: \"crypto\""}
 * @param embedding the caption's MiniLM embedding (384 floats) to store for later near-duplicate checks; empty for
 *        an empty caption
 */
public record CaptionReport(boolean passed, List<String> flags, float[] embedding) {

	public CaptionReport {
		flags = List.copyOf(flags);
	}
}
