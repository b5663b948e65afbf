package dev.troupe.generation.backend.xtts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.troupe.generation.spi.BackendConfig;
import dev.troupe.generation.spi.BackendException;
import dev.troupe.generation.spi.BackendException.Kind;
import dev.troupe.generation.spi.BackendHealth;
import dev.troupe.generation.spi.GenerationTask.VoiceTask;

/**
 * daswer123/xtts-api-server. It has no upload route: {@code speaker_wav} names a wav (or folder of wavs) in the
 * server's speakers folder. A reference clip can therefore only be used when Troupe shares that folder with the
 * server (option {@code speakerFolder}); otherwise the voice must be enrolled there by hand.
 */
final class ApiServerFlavour implements XttsFlavour {

	private static final Duration SHORT = Duration.ofSeconds(10);

	private final BackendConfig config;
	private final XttsHttp http;

	ApiServerFlavour(BackendConfig config, XttsHttp http) {
		this.config = config;
		this.http = http;
	}

	@Override
	public String name() {
		return "api-server";
	}

	@Override
	public BackendHealth check() {
		try {
			return new BackendHealth(true, null, speakers(), List.of(), null, null);
		}
		catch (BackendException e) {
			return BackendHealth.down(e.getMessage());
		}
	}

	private List<String> speakers() throws BackendException {
		var names = new ArrayList<String>();
		http.getJson("/speakers_list", SHORT).forEach(name -> names.add(name.asString("")));
		return names;
	}

	@Override
	public String prepareVoice(VoiceTask task) throws BackendException {
		var speaker = speakerWav(task);
		if (speaker.startsWith("/")) {
			return speaker; // a server-side absolute path: only the server can tell whether it exists
		}
		var bare = speaker.endsWith(".wav") ? speaker.substring(0, speaker.length() - 4) : speaker;
		var known = speakers();
		if (!known.contains(bare) && !known.contains(speaker)) {
			throw new BackendException(Kind.REJECTED_INPUT, "Voice \"" + bare + "\" is not in the speakers folder of "
					+ "xtts-api-server at " + http.baseUrl() + "; available: " + String.join(", ", known));
		}
		return speaker;
	}

	@Override
	public byte[] speak(VoiceTask task, String language, Duration timeout) throws BackendException {
		var body = http.json().createObjectNode();
		body.put("text", task.text());
		body.put("speaker_wav", speakerWav(task));
		body.put("language", language);
		// Trailing slash: the route is declared that way and FastAPI would answer the bare path with a redirect.
		return http.postJson("/tts_to_audio/", body, timeout);
	}

	/** The task's named voice, else its reference clip placed in the shared folder, else the configured default. */
	private String speakerWav(VoiceTask task) throws BackendException {
		if (task.voice() != null && !task.voice().isBlank()) {
			return task.voice();
		}
		if (task.referenceClip() != null) {
			return enrol(task);
		}
		var fallback = config.option("speaker", null);
		if (fallback == null) {
			throw new BackendException(Kind.REJECTED_INPUT, "The voice task names no voice and has no reference clip,"
					+ " and backend " + config.id() + " has no default 'speaker' option");
		}
		return fallback;
	}

	private String enrol(VoiceTask task) throws BackendException {
		var folder = config.option("speakerFolder", null);
		if (folder == null) {
			throw new BackendException(Kind.REJECTED_INPUT, "xtts-api-server at " + http.baseUrl() + " cannot receive"
					+ " a reference clip (it has no upload route): set the backend's 'speakerFolder' option to the"
					+ " server's speakers folder shared with Troupe, copy the clip there and name it as the voice,"
					+ " or use flavour 'streaming-server'");
		}
		// Content-addressed name: the same clip is written once and reused across jobs and restarts.
		var name = "troupe-" + XttsBackend.sha256(task.referenceClip().bytes()).substring(0, 16) + ".wav";
		var file = Path.of(folder).resolve(name);
		try {
			if (!Files.exists(file)) {
				Files.createDirectories(file.getParent());
				Files.write(file, task.referenceClip().bytes());
			}
		}
		catch (IOException e) {
			throw new BackendException(Kind.SERVER_ERROR, "Could not copy the reference clip into the speakers"
					+ " folder " + folder + ": " + e.getMessage(), e);
		}
		return name;
	}
}
