package dev.troupe.media;

import java.util.List;

/**
 * The outcome of {@link ImageQuality#check}.
 *
 * @param passed true when there are no flags
 * @param flags human-readable problems, e.g. {@code "unexpected size 512x512, asked for 1024x1024"}
 * @param perceptualHash 64-bit DCT pHash to store for later near-duplicate checks; 0 when the image could not be
 *        decoded
 */
public record QualityReport(boolean passed, List<String> flags, long perceptualHash) {

	public QualityReport {
		flags = List.copyOf(flags);
	}
}
