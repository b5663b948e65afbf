package dev.troupe.generation.backend.xtts;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
import tools.jackson.databind.json.JsonMapper;

/**
 * Coqui XTTS-v2 behind one of two servers (option {@code flavour}). Neither has a job queue or progress, so
 * {@link #submit} checks the voice and {@link #await} synthesises the whole text in one call.
 */
final class XttsBackend implements GenerationBackend {

	private final BackendConfig config;
	private final XttsFlavour flavour;

	XttsBackend(BackendConfig config, JsonMapper json) {
		this.config = config;
		var http = new XttsHttp(config, json);
		var name = config.option("flavour", "api-server");
		this.flavour = switch (name) {
			case "api-server" -> new ApiServerFlavour(config, http);
			case "streaming-server" -> new StreamingServerFlavour(config, http);
			default -> throw new IllegalArgumentException("Backend " + config.id() + ": unknown XTTS flavour \"" + name
					+ "\"; use api-server or streaming-server");
		};
	}

	@Override
	public BackendConfig config() {
		return config;
	}

	@Override
	public Set<Modality> modalities() {
		return Set.of(Modality.VOICE);
	}

	/** XTTS speaks with the speaker_wav it is given. */
	@Override
	public boolean clonesVoices() {
		return true;
	}

	@Override
	public BackendHealth check() {
		return flavour.check();
	}

	@Override
	public RemoteJob submit(GenerationTask task) throws BackendException {
		var voice = voiceTask(task);
		var described = flavour.prepareVoice(voice);
		return new RemoteJob(config.id(), null, Map.of("flavour", flavour.name(), "voice", described));
	}

	@Override
	public GenerationResult await(RemoteJob job, GenerationTask task, ProgressListener progress, Duration timeout)
			throws BackendException {
		var voice = voiceTask(task);
		var language = language(voice.language());
		progress.progress(Progress.of(0));
		var wav = flavour.speak(voice, language, timeout);
		if (!isWav(wav)) {
			throw new BackendException(Kind.INVALID_OUTPUT, "XTTS at " + config.baseUrl()
					+ " answered with audio that is not a WAV file");
		}
		progress.progress(Progress.of(1));
		var recipe = Map.<String, Object>of("backend", "xtts", "flavour", flavour.name(), "language", language,
				"voice", job.state().getOrDefault("voice", ""));
		return new GenerationResult(List.of(new Artifact(wav, "audio/wav", "xtts-" + voice.jobId() + ".wav")),
				null, recipe);
	}

	@Override
	public void cancel(RemoteJob job) {
		// Neither server can stop a synthesis; cancelling interrupts the waiting thread, which drops the call.
	}

	private static VoiceTask voiceTask(GenerationTask task) throws BackendException {
		if (!(task instanceof VoiceTask voice)) {
			throw new BackendException(Kind.REJECTED_INPUT, "XTTS only speaks, it cannot make " + task.modality());
		}
		if (voice.text() == null || voice.text().isBlank()) {
			throw new BackendException(Kind.REJECTED_INPUT, "There is no text to speak");
		}
		return voice;
	}

	/** XTTS codes are bare ISO 639-1 except "zh-cn"; Troupe may hold BCP 47 tags such as "en-GB". */
	String language(String tag) {
		var value = tag == null || tag.isBlank() ? config.option("language", "en") : tag;
		var lower = value.toLowerCase(Locale.ROOT).replace('_', '-');
		if (lower.startsWith("zh")) {
			return "zh-cn";
		}
		var dash = lower.indexOf('-');
		return dash > 0 ? lower.substring(0, dash) : lower;
	}

	static boolean isWav(byte[] bytes) {
		return bytes != null && bytes.length > 12 && bytes[0] == 'R' && bytes[1] == 'I' && bytes[2] == 'F'
				&& bytes[3] == 'F' && bytes[8] == 'W' && bytes[9] == 'A' && bytes[10] == 'V' && bytes[11] == 'E';
	}

	static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("Every JVM has SHA-256", e);
		}
	}
}
