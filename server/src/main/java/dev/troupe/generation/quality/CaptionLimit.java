package dev.troupe.generation.quality;

import java.util.function.ToIntFunction;

/**
 * A platform's caption limit and how the platform counts text (graphemes, code points, X's weights), as its
 * descriptor says; the publishing module supplies it through {@code generation.CaptionPlatforms}.
 *
 * @param platform the platform type, named in the flag; may be null
 */
public record CaptionLimit(String platform, int maxLength, ToIntFunction<String> length) {
}
