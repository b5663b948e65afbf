package dev.troupe.generation.backend.ffmpeg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.bytedeco.javacpp.Loader;

/**
 * One ffmpeg executable: the one bundled in bytedeco's jar (as publishing's transcoder uses; unpacked once, its
 * libraries beside it) or a path the configuration names. Started without a shell; arguments are never parsed.
 */
final class FfmpegProgram {

	private static final Pattern DURATION = Pattern.compile("Duration: (\\d+):(\\d{2}):(\\d{2}(?:\\.\\d+)?)");
	private static final Pattern VERSION = Pattern.compile("ffmpeg version (\\S+)");

	private final String configured;

	FfmpegProgram(String configured) {
		this.configured = configured == null || configured.isBlank() ? "bundled" : configured.strip();
	}

	private static final class Bundled {

		static final String PATH = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
	}

	boolean bundled() {
		return configured.equals("bundled");
	}

	String path() {
		return bundled() ? Bundled.PATH : configured;
	}

	ProcessBuilder command(List<String> arguments) {
		var command = new ArrayList<String>();
		command.add(path());
		command.addAll(arguments);
		var builder = new ProcessBuilder(command);
		if (bundled()) {
			// the bundled binary's own libraries (libavcodec…) sit next to it in bytedeco's cache
			var dir = Path.of(Bundled.PATH).getParent().toString();
			var existing = builder.environment().get("LD_LIBRARY_PATH");
			builder.environment().put("LD_LIBRARY_PATH", existing == null || existing.isBlank() ? dir : dir + ":" + existing);
		}
		return builder;
	}

	/** Runs to the end and returns what it printed (stdout and stderr together). */
	String run(List<String> arguments, Duration timeout) throws IOException, InterruptedException {
		var process = command(arguments).redirectErrorStream(true).start();
		process.getOutputStream().close();
		var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			process.destroyForcibly();
			throw new IOException("ffmpeg did not answer in " + timeout);
		}
		return output;
	}

	Optional<String> version() throws IOException, InterruptedException {
		var matcher = VERSION.matcher(run(List.of("-hide_banner", "-version"), Duration.ofSeconds(20)));
		return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
	}

	/** The H.264 encoder this build has: x264 where present (Debian's ffmpeg), else OpenH264 (the bundled LGPL build). */
	Optional<String> h264Encoder() throws IOException, InterruptedException {
		var encoders = run(List.of("-hide_banner", "-encoders"), Duration.ofSeconds(20));
		if (!encoders.matches("(?s).*\\baac\\b.*")) {
			return Optional.empty();
		}
		return encoders.contains(" libx264 ") ? Optional.of("libx264")
				: encoders.contains(" libopenh264 ") ? Optional.of("libopenh264") : Optional.empty();
	}

	/** The length of a media file in seconds as ffmpeg reads it, or empty when ffmpeg cannot read it. */
	Optional<Double> duration(Path file) throws IOException, InterruptedException {
		// without an output ffmpeg only describes its input (and exits 1, which is expected here)
		var matcher = DURATION.matcher(run(List.of("-hide_banner", "-nostdin", "-i", file.toString()), Duration.ofSeconds(30)));
		if (!matcher.find()) {
			return Optional.empty();
		}
		return Optional.of(Integer.parseInt(matcher.group(1)) * 3600 + Integer.parseInt(matcher.group(2)) * 60
				+ Double.parseDouble(matcher.group(3)));
	}

	/** The caption font: the configured file, else the first usual system font that exists. */
	static Optional<Path> font(String configured) {
		if (configured != null && !configured.isBlank()) {
			var path = Path.of(configured.strip());
			return Files.isReadable(path) ? Optional.of(path) : Optional.empty();
		}
		return SYSTEM_FONTS.stream().map(Path::of).filter(Files::isReadable).findFirst();
	}

	private static final List<String> SYSTEM_FONTS = List.of("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
			"/usr/share/fonts/TTF/DejaVuSans-Bold.ttf", "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
			"/usr/share/fonts/dejavu-sans-fonts/DejaVuSans-Bold.ttf",
			"/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
			"/usr/share/fonts/liberation-sans/LiberationSans-Bold.ttf", "/Library/Fonts/Arial Bold.ttf",
			"C:\\Windows\\Fonts\\arialbd.ttf");
}
