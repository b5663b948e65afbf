/**
 * Checks on generated outputs before they reach the approval queue: caption length, banned words and
 * near-duplicates of earlier captions. Image checks live in {@code dev.troupe.media.ImageQuality}.
 */
@org.springframework.modulith.NamedInterface("quality")
package dev.troupe.generation.quality;
