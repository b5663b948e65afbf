package dev.troupe.generation;

import java.util.SortedMap;

import dev.troupe.generation.quality.CaptionLimit;

/**
 * The platforms captions can be written for, with each one's text limit and way of counting. Implemented by the
 * publishing module from its platform descriptors, so a limit is written once, in the platform's adapter.
 */
public interface CaptionPlatforms {

	/** Platform type → its limit, for every platform this server publishes to. */
	SortedMap<String, CaptionLimit> limits();
}
