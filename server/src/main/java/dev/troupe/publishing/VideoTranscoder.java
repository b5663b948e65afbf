package dev.troupe.publishing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bytedeco.javacpp.Loader;

/**
 * Re-encodes a video (WebM, MOV, MKV, GIF…) to H.264 MP4 with the moov atom in front, the format every
 * platform takes. Uses the ffmpeg binary bundled in bytedeco's jar (LGPL build: OpenH264 and FFmpeg's AAC),
 * unpacked once on first use. Animated WebP cannot be read by this ffmpeg and is refused with that reason.
 */
final class VideoTranscoder {

	private static final long TIMEOUT_MINUTES = 10;

	private VideoTranscoder() {
	}

	private static final class Binary {

		static final String PATH = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
	}

	/** The binary's own libraries (libavcodec…) sit next to it in bytedeco's cache. */
	static void libraries(java.util.Map<String, String> environment) {
		var dir = java.nio.file.Path.of(Binary.PATH).getParent().toString();
		var existing = environment.get("LD_LIBRARY_PATH");
		environment.put("LD_LIBRARY_PATH", existing == null || existing.isBlank() ? dir : dir + ":" + existing);
	}

	static String binary() {
		return Binary.PATH;
	}

	/** {@link #toMp4(Path, Path)} for a video in memory (a test's small clip). */
	static byte[] toMp4(byte[] video) {
		try {
			var dir = Files.createTempDirectory("troupe-video-");
			try {
				var out = dir.resolve("out.mp4");
				toMp4(Files.write(dir.resolve("in"), video), out);
				return Files.readAllBytes(out);
			}
			finally {
				delete(dir);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Converts the file {@code in} into {@code out}; ffmpeg reads and writes the files, nothing is held in the heap. */
	static void toMp4(Path in, Path out) {
		try {
			var log = out.resolveSibling(out.getFileName() + ".log");
			try {
				var process = new ProcessBuilder(List.of(Binary.PATH, "-hide_banner", "-loglevel", "error", "-y", "-i",
						in.toString(), "-c:v", "libopenh264", "-pix_fmt", "yuv420p", "-vf",
						"scale=trunc(iw/2)*2:trunc(ih/2)*2", "-c:a", "aac", "-movflags", "+faststart", out.toString()))
					.redirectErrorStream(true).redirectOutput(log.toFile());
				libraries(process.environment());
				var started = process.start();
				if (!started.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
					started.destroyForcibly();
					throw new IllegalStateException("ffmpeg did not finish within " + TIMEOUT_MINUTES + " minutes");
				}
				if (started.exitValue() != 0 || !Files.exists(out) || Files.size(out) == 0) {
					var reason = Files.readString(log).lines().reduce((a, b) -> b).orElse("exit " + started.exitValue());
					throw new IllegalStateException("ffmpeg could not convert the video to MP4: " + reason);
				}
			}
			finally {
				Files.deleteIfExists(log);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while converting a video", e);
		}
	}

	static void delete(Path dir) {
		try (var files = Files.walk(dir)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
		}
		catch (IOException e) {
			// a temporary folder left behind is removed with the others by the system
		}
	}
}
