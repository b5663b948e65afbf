package dev.troupe.generation.spi;

/**
 * How far a job is. {@code fraction} is 0..1; step/total and node are whatever the server reports (ComfyUI
 * node title, sampler step); {@code previewJpeg} is a live preview image when the server sends one.
 */
public record Progress(double fraction, Integer step, Integer total, String node, byte[] previewJpeg) {

	public Progress {
		fraction = Math.max(0, Math.min(1, fraction));
	}

	public static Progress of(double fraction) {
		return new Progress(fraction, null, null, null, null);
	}
}
