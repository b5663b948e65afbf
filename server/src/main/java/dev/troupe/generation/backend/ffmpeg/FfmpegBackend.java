package dev.troupe.generation.backend.ffmpeg;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.troupe.generation.spi.Artifact;
import dev.troupe.generation.spi.BackendConfig;
import dev.troupe.generation.spi.BackendException;
import dev.troupe.generation.spi.BackendException.Kind;
import dev.troupe.generation.spi.BackendHealth;
import dev.troupe.generation.spi.GenerationBackend;
import dev.troupe.generation.spi.GenerationResult;
import dev.troupe.generation.spi.GenerationTask;
import dev.troupe.generation.spi.GenerationTask.ClipTask;
import dev.troupe.generation.spi.Modality;
import dev.troupe.generation.spi.Progress;
import dev.troupe.generation.spi.ProgressListener;
import dev.troupe.generation.spi.RemoteJob;

/**
 * Makes a talking clip with ffmpeg on this machine. The voice line's length (read by ffmpeg) sets the clip's;
 * progress comes from ffmpeg's {@code -progress} report (out_time against that length). Nothing survives a
 * restart, so a resumed job simply runs again from its stored inputs.
 */
final class FfmpegBackend implements GenerationBackend {

	private final BackendConfig config;
	private final FfmpegProgram ffmpeg;
	private final Map<String, Process> running = new ConcurrentHashMap<>();
	private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
	private volatile String encoder;

	FfmpegBackend(BackendConfig config) {
		this.config = config;
		this.ffmpeg = new FfmpegProgram(config.option("binary", "bundled"));
	}

	@Override
	public BackendConfig config() {
		return config;
	}

	@Override
	public Set<Modality> modalities() {
		return Set.of(Modality.CLIP);
	}

	@Override
	public BackendHealth check() {
		try {
			var version = ffmpeg.version().orElse("unknown");
			var h264 = ffmpeg.h264Encoder();
			if (h264.isEmpty()) {
				return new BackendHealth(true, version, List.of(), List.of(), null,
						"This ffmpeg has no H.264 or no AAC encoder: use the bundled one or a full build");
			}
			encoder = h264.get();
			var font = FfmpegProgram.font(config.option("font", null));
			var facts = new ArrayList<>(List.of("h264: " + h264.get()));
			facts.add(font.map(f -> "captions: " + f.getFileName()).orElse("captions: no font found"));
			return new BackendHealth(true, version, facts, List.of(), null, null);
		}
		catch (IOException | RuntimeException | LinkageError e) {
			// LinkageError: the bundled build is for linux-x86_64 only; elsewhere set 'binary' to a local ffmpeg
			return BackendHealth.down(unreachable());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return BackendHealth.down("Interrupted while checking ffmpeg");
		}
	}

	private String unreachable() {
		var program = ffmpeg.bundled() ? "bundled" : ffmpeg.path();
		return "ffmpeg could not be started from \"" + program + "\" (backend " + config.id() + " at " + config.baseUrl()
				+ "): fix the 'binary' option or leave it at \"bundled\" (the bundled build is for Linux x86-64)";
	}

	@Override
	public RemoteJob submit(GenerationTask task) throws BackendException {
		var clip = clipTask(task);
		return new RemoteJob(config.id(), String.valueOf(clip.jobId()), Map.of());
	}

	@Override
	public GenerationResult await(RemoteJob job, GenerationTask task, ProgressListener progress, Duration timeout)
			throws BackendException {
		var clip = clipTask(task);
		progress.progress(new Progress(0, null, null, "reading the voice line", null));
		Path dir = null;
		try {
			dir = Files.createTempDirectory("troupe-clip-");
			Files.write(dir.resolve("image"), clip.image().bytes());
			Files.write(dir.resolve("voice"), clip.audio().bytes());
			var seconds = duration(dir.resolve("voice"));
			var fps = integer("fps", 30, 10, 60);
			var zoom = decimal("zoom", 0.12, 0, 0.5);
			var chunks = clip.caption().isEmpty() ? List.<ClipFilter.Chunk>of() : ClipFilter.chunks(clip.caption(), seconds);
			var files = new ArrayList<List<String>>();
			for (int i = 0; i < chunks.size(); i++) {
				var lines = chunks.get(i).text().split("\n");
				var names = new ArrayList<String>();
				for (int j = 0; j < lines.length; j++) {
					names.add("caption-" + i + "-" + j + ".txt");
					Files.writeString(dir.resolve(names.get(j)), lines[j], StandardCharsets.UTF_8);
				}
				files.add(names);
			}
			if (!chunks.isEmpty()) {
				var font = FfmpegProgram.font(config.option("font", null)).orElseThrow(() -> new BackendException(
						Kind.REJECTED_INPUT, "Captions need a font and none was found: set the 'font' option of backend "
								+ config.id() + " to a .ttf file, or install fonts-dejavu-core"));
				Files.copy(font, dir.resolve("font.ttf"));
			}
			var graph = ClipFilter.graph(clip.width(), clip.height(), fps, seconds, zoom, "font.ttf", files, chunks);
			var h264 = encoder();
			var arguments = List.of("-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-progress", "pipe:1",
					"-nostats", "-i", "image", "-i", "voice", "-filter_complex", graph, "-map", "[v]", "-map", "1:a",
					"-c:v", h264, "-b:v", bitrate("videoBitrate", "4M"), "-r", String.valueOf(fps), "-c:a", "aac", "-b:a",
					bitrate("audioBitrate", "128k"), "-t", String.format(Locale.ROOT, "%.3f", seconds),
					"-movflags", "+faststart", "clip.mp4");
			encode(dir, arguments, seconds, job.remoteId(), progress, timeout);
			var bytes = Files.readAllBytes(dir.resolve("clip.mp4"));
			progress.progress(new Progress(1, null, null, "done", null));
			var recipe = new LinkedHashMap<String, Object>();
			recipe.put("durationSeconds", Math.round(seconds * 1000) / 1000.0);
			recipe.put("fps", fps);
			recipe.put("videoEncoder", h264);
			recipe.put("captionChunks", chunks.size());
			return new GenerationResult(List.of(new Artifact(bytes, "video/mp4", "talking-clip-" + clip.jobId() + ".mp4")),
					null, recipe);
		}
		catch (IOException e) {
			throw new BackendException(Kind.SERVER_ERROR, "The talking clip could not be written: " + e.getMessage(), e);
		}
		catch (LinkageError e) {
			throw new BackendException(Kind.UNREACHABLE, unreachable(), e);
		}
		finally {
			delete(dir);
		}
	}

	private double duration(Path voice) throws BackendException, IOException {
		try {
			var seconds = ffmpeg.duration(voice).orElseThrow(() -> new BackendException(Kind.REJECTED_INPUT,
					"The voice line is not audio ffmpeg can read"));
			if (seconds <= 0.05) {
				throw new BackendException(Kind.REJECTED_INPUT, "The voice line is empty (" + seconds + " s)");
			}
			return seconds;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new BackendException(Kind.CANCELLED, "The talking clip was cancelled", e);
		}
		catch (IOException e) {
			if (!Files.isExecutable(Path.of(ffmpeg.path()))) {
				throw new BackendException(Kind.UNREACHABLE, unreachable(), e);
			}
			throw e;
		}
	}

	private String encoder() throws BackendException {
		if (encoder == null && !check().reachable()) {
			throw new BackendException(Kind.UNREACHABLE, unreachable());
		}
		if (encoder == null) {
			throw new BackendException(Kind.SERVER_ERROR, "This ffmpeg has no H.264 or no AAC encoder");
		}
		return encoder;
	}

	/** Runs the encode, turning ffmpeg's progress report ("out_time_us=…" lines) into progress events. */
	private void encode(Path dir, List<String> arguments, double seconds, String key, ProgressListener progress,
			Duration timeout) throws IOException, BackendException {
		var log = dir.resolve("ffmpeg.log");
		var process = ffmpeg.command(arguments).directory(dir.toFile()).redirectError(log.toFile()).start();
		var id = key == null ? dir.toString() : key;
		running.put(id, process);
		var timedOut = new AtomicBoolean();
		var watchdog = CompletableFuture.runAsync(() -> {
			timedOut.set(true);
			process.destroyForcibly();
		}, CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS));
		try (var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			var reported = 0.0;
			String line;
			while ((line = out.readLine()) != null) {
				var fraction = FfmpegReport.fraction(line, seconds);
				if (fraction != null && fraction > reported) {
					reported = Math.min(0.99, fraction);
					progress.progress(new Progress(reported, null, null, "encoding", null));
				}
			}
			var exit = process.waitFor();
			if (cancelled.remove(id)) {
				throw new BackendException(Kind.CANCELLED, "The talking clip was cancelled");
			}
			if (timedOut.get()) {
				throw new BackendException(Kind.TIMEOUT, "ffmpeg did not finish the talking clip in " + timeout);
			}
			if (exit != 0 || !Files.exists(dir.resolve("clip.mp4"))) {
				var reason = Files.readString(log).lines().filter(l -> !l.isBlank()).reduce((a, b) -> b)
					.orElse("exit " + exit);
				throw new BackendException(reason.contains("Invalid data")
						? Kind.REJECTED_INPUT : Kind.SERVER_ERROR, "ffmpeg could not make the talking clip: " + reason);
			}
		}
		catch (InterruptedException e) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new BackendException(Kind.CANCELLED, "The talking clip was cancelled", e);
		}
		finally {
			watchdog.cancel(false);
			running.remove(id);
		}
	}

	@Override
	public void cancel(RemoteJob job) {
		var process = job.remoteId() == null ? null : running.get(job.remoteId());
		if (process != null) {
			cancelled.add(job.remoteId());
			process.destroyForcibly();
		}
	}

	private static ClipTask clipTask(GenerationTask task) throws BackendException {
		if (!(task instanceof ClipTask clip)) {
			throw new BackendException(Kind.REJECTED_INPUT, "This backend only makes talking clips, not " + task.modality());
		}
		if (clip.image() == null || clip.image().bytes().length == 0) {
			throw new BackendException(Kind.REJECTED_INPUT, "A talking clip needs an image");
		}
		if (clip.audio() == null || clip.audio().bytes().length == 0) {
			throw new BackendException(Kind.REJECTED_INPUT, "A talking clip needs a voice line");
		}
		if (clip.width() < 64 || clip.height() < 64 || clip.width() % 2 != 0 || clip.height() % 2 != 0) {
			throw new BackendException(Kind.REJECTED_INPUT, "The frame must be even-sized and at least 64×64");
		}
		return clip;
	}

	private int integer(String option, int fallback, int min, int max) throws BackendException {
		var value = config.option(option, String.valueOf(fallback)).strip();
		if (!value.matches("\\d{1,4}") || Integer.parseInt(value) < min || Integer.parseInt(value) > max) {
			throw new BackendException(Kind.REJECTED_INPUT, "Backend " + config.id() + ": option '" + option
					+ "' must be a whole number from " + min + " to " + max + ", not \"" + value + "\"");
		}
		return Integer.parseInt(value);
	}

	private double decimal(String option, double fallback, double min, double max) throws BackendException {
		var value = config.option(option, String.valueOf(fallback)).strip();
		try {
			var number = Double.parseDouble(value);
			if (number >= min && number <= max) {
				return number;
			}
		}
		catch (NumberFormatException e) {
			// said below
		}
		throw new BackendException(Kind.REJECTED_INPUT, "Backend " + config.id() + ": option '" + option
				+ "' must be a number from " + min + " to " + max + ", not \"" + value + "\"");
	}

	/** A bitrate such as 800k or 4M, checked so it is one value and never read as an option. */
	private String bitrate(String option, String fallback) throws BackendException {
		var value = config.option(option, fallback).strip();
		if (!value.matches("\\d{1,6}[kKM]?")) {
			throw new BackendException(Kind.REJECTED_INPUT, "Backend " + config.id() + ": option '" + option
					+ "' must be a bitrate such as 800k or 4M, not \"" + value + "\"");
		}
		return value;
	}

	private static void delete(Path dir) {
		if (dir == null) {
			return;
		}
		try (var files = Files.walk(dir)) {
			files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
		catch (IOException e) {
			// a leftover temp folder is harmless
		}
	}
}
