package dev.troupe.generation.backend.ffmpeg;

/**
 * Reads ffmpeg's {@code -progress} report: blocks of key=value lines, of which {@code out_time_us} (microseconds
 * of output written; {@code out_time_ms} is the same number under an older, misleading name) tells how far the
 * encode is. "N/A" appears before the first frame.
 */
final class FfmpegReport {

	private FfmpegReport() {
	}

	/** The fraction done that this line reports, or null when it reports none. */
	static Double fraction(String line, double totalSeconds) {
		if (!line.startsWith("out_time_us=") || totalSeconds <= 0) {
			return null;
		}
		try {
			var micros = Long.parseLong(line.substring("out_time_us=".length()).strip());
			return Math.max(0, Math.min(1, micros / 1_000_000.0 / totalSeconds));
		}
		catch (NumberFormatException notYet) {
			return null;
		}
	}
}
