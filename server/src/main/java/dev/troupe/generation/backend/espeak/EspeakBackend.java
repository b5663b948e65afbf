package dev.troupe.generation.backend.espeak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import dev.troupe.generation.spi.Artifact;
import dev.troupe.generation.spi.BackendConfig;
import dev.troupe.generation.spi.BackendException;
import dev.troupe.generation.spi.BackendException.Kind;
import dev.troupe.generation.spi.BackendHealth;
import dev.troupe.generation.spi.GenerationBackend;
import dev.troupe.generation.spi.GenerationResult;
import dev.troupe.generation.spi.GenerationTask;
import dev.troupe.generation.spi.GenerationTask.VoiceTask;
import dev.troupe.generation.spi.Modality;
import dev.troupe.generation.spi.Progress;
import dev.troupe.generation.spi.ProgressListener;
import dev.troupe.generation.spi.RemoteJob;

/**
 * The always-available speech fallback: the local {@code espeak-ng} program. It is started without a shell and
 * the text goes through stdin, so neither the text nor the voice can smuggle in commands or options.
 */
final class EspeakBackend implements GenerationBackend {

	/** Voice names such as "en", "en-us", "en+f3", "gmw/af": no leading dash, so never read as an option. */
	private static final Pattern VOICE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_+\\-/]{0,40}");

	private final BackendConfig config;
	private final String binary;
	/** Running syntheses by job id, so {@link #cancel} can stop them. */
	private final Map<String, Process> running = new ConcurrentHashMap<>();

	EspeakBackend(BackendConfig config) {
		this.config = config;
		this.binary = config.option("binary", "espeak-ng");
	}

	@Override
	public BackendConfig config() {
		return config;
	}

	@Override
	public Set<Modality> modalities() {
		return Set.of(Modality.VOICE);
	}

	@Override
	public BackendHealth check() {
		try {
			var version = run(List.of(binary, "--version"), Duration.ofSeconds(10));
			// "eSpeak NG text-to-speech: 1.51  Data at: /usr/lib/…"
			var matcher = Pattern.compile("text-to-speech:\\s*(\\S+)").matcher(version);
			return new BackendHealth(true, matcher.find() ? matcher.group(1) : version.strip(), voices(), List.of(),
					null, null);
		}
		catch (IOException e) {
			return BackendHealth.down("espeak-ng".equals(binary) ? "espeak-ng is not installed: apt-get install espeak-ng"
					: "espeak-ng was not found at " + binary + ": fix the backend's 'binary' option");
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return BackendHealth.down("Interrupted while checking espeak-ng");
		}
	}

	/** Language codes from {@code --voices}: the values {@code -v} accepts. */
	private List<String> voices() throws IOException, InterruptedException {
		var voices = new ArrayList<String>();
		var lines = run(List.of(binary, "--voices"), Duration.ofSeconds(10)).split("\n");
		for (int i = 1; i < lines.length; i++) {
			var columns = lines[i].strip().split("\\s+");
			if (columns.length > 1 && !voices.contains(columns[1])) {
				voices.add(columns[1]);
			}
		}
		return voices;
	}

	@Override
	public RemoteJob submit(GenerationTask task) throws BackendException {
		var voice = voiceTask(task);
		voiceName(voice);
		return new RemoteJob(config.id(), String.valueOf(voice.jobId()), Map.of());
	}

	@Override
	public GenerationResult await(RemoteJob job, GenerationTask task, ProgressListener progress, Duration timeout)
			throws BackendException {
		var voice = voiceTask(task);
		var name = voiceName(voice);
		progress.progress(Progress.of(0));
		Path wav = null;
		try {
			wav = Files.createTempFile("troupe-espeak-", ".wav");
			var command = new ArrayList<>(List.of(binary, "-v", name, "-w", wav.toString()));
			option(command, "-s", "speed");
			option(command, "-p", "pitch");
			command.add("--stdin");
			synthesise(command, voice.text(), job.remoteId(), timeout);
			var bytes = Files.readAllBytes(wav);
			progress.progress(Progress.of(1));
			return new GenerationResult(List.of(new Artifact(bytes, "audio/wav", "espeak-" + voice.jobId() + ".wav")),
					null, Map.of("backend", "espeak", "voice", name));
		}
		catch (IOException e) {
			throw new BackendException(Kind.SERVER_ERROR, "espeak-ng output could not be read: " + e.getMessage(), e);
		}
		finally {
			deleteQuietly(wav);
		}
	}

	private void synthesise(List<String> command, String text, String jobId, Duration timeout)
			throws IOException, BackendException {
		var process = start(command);
		var key = jobId == null ? UUID.randomUUID().toString() : jobId;
		running.put(key, process);
		try (var stdin = process.getOutputStream()) {
			stdin.write(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException brokenPipe) {
			// espeak-ng quit before reading (e.g. unknown voice): its exit code and stderr say why, below.
		}
		try {
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new BackendException(Kind.TIMEOUT, "espeak-ng did not finish in " + timeout);
			}
			if (process.exitValue() != 0) {
				var error = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
				// espeak-ng exits 1 for an unknown voice; anything else killed it (e.g. cancel) or is a crash.
				throw error.contains("voice") ? new BackendException(Kind.REJECTED_INPUT, "espeak-ng: " + error
						+ " (list voices with espeak-ng --voices)")
						: new BackendException(Kind.SERVER_ERROR, "espeak-ng failed (exit " + process.exitValue()
								+ "): " + error);
			}
		}
		catch (InterruptedException e) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new BackendException(Kind.CANCELLED, "Speech synthesis was cancelled", e);
		}
		finally {
			running.remove(key);
		}
	}

	private Process start(List<String> command) throws BackendException {
		try {
			return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
		}
		catch (IOException e) {
			throw new BackendException(Kind.UNREACHABLE, "espeak-ng could not be started from \"" + binary + "\""
					+ (config.baseUrl() == null ? "" : " (backend " + config.id() + " at " + config.baseUrl() + ")")
					+ ": install it (apt-get install espeak-ng) or fix the 'binary' option", e);
		}
	}

	@Override
	public void cancel(RemoteJob job) {
		var process = job.remoteId() == null ? null : running.get(job.remoteId());
		if (process != null) {
			process.destroyForcibly();
		}
	}

	private static VoiceTask voiceTask(GenerationTask task) throws BackendException {
		if (!(task instanceof VoiceTask voice)) {
			throw new BackendException(Kind.REJECTED_INPUT, "espeak-ng only speaks, it cannot make " + task.modality());
		}
		if (voice.text() == null || voice.text().isBlank()) {
			throw new BackendException(Kind.REJECTED_INPUT, "There is no text to speak");
		}
		return voice;
	}

	/** The task's voice, else its language, else the configured voice; checked so it cannot be read as a flag. */
	private String voiceName(VoiceTask task) throws BackendException {
		var name = firstPresent(task.voice(), task.language(), config.option("voice", "en"));
		if (!VOICE.matcher(name).matches()) {
			throw new BackendException(Kind.REJECTED_INPUT, "\"" + name + "\" is not an espeak-ng voice name"
					+ " (examples: en, en-us, de, en+f3)");
		}
		return name;
	}

	/** Numeric tuning options only: a configured value is passed as one argument, never interpreted. */
	private void option(List<String> command, String flag, String name) throws BackendException {
		var value = config.option(name, null);
		if (value == null) {
			return;
		}
		if (!value.matches("\\d{1,3}")) {
			throw new BackendException(Kind.REJECTED_INPUT, "Backend " + config.id() + ": option '" + name
					+ "' must be a whole number, not \"" + value + "\"");
		}
		command.add(flag);
		command.add(value);
	}

	private static String firstPresent(String... values) {
		for (var value : values) {
			if (value != null && !value.isBlank()) {
				return value.strip();
			}
		}
		return "en";
	}

	private static String run(List<String> command, Duration timeout) throws IOException, InterruptedException {
		var process = new ProcessBuilder(command).redirectErrorStream(true).start();
		process.getOutputStream().close();
		var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			process.destroyForcibly();
			throw new IOException("espeak-ng did not answer in " + timeout);
		}
		return output;
	}

	private static void deleteQuietly(Path file) {
		if (file != null) {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException e) {
				// a leftover temp file is harmless
			}
		}
	}
}
