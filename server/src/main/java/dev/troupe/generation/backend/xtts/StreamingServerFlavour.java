package dev.troupe.generation.backend.xtts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.troupe.generation.spi.BackendConfig;
import dev.troupe.generation.spi.BackendException;
import dev.troupe.generation.spi.BackendException.Kind;
import dev.troupe.generation.spi.BackendHealth;
import dev.troupe.generation.spi.GenerationTask.VoiceTask;
import tools.jackson.databind.JsonNode;

/**
 * coqui-ai/xtts-streaming-server. A voice is a pair of latents: cloned from a wav via {@code /clone_speaker}
 * or taken from {@code /studio_speakers}. {@code /tts} answers with a JSON string holding a base64 WAV.
 */
final class StreamingServerFlavour implements XttsFlavour {

	private static final Duration SHORT = Duration.ofSeconds(10);
	private static final int CACHED_VOICES = 16;

	private final BackendConfig config;
	private final XttsHttp http;
	/** Latents per clip hash: cloning costs a GPU pass and the same character speaks many lines. */
	private final Map<String, JsonNode> clones = new LinkedHashMap<>(16, 0.75f, true) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<String, JsonNode> eldest) {
			return size() > CACHED_VOICES;
		}
	};
	/** The studio speakers (latents for dozens of voices, megabytes): fetched once, on first use. */
	private volatile JsonNode studio;

	StreamingServerFlavour(BackendConfig config, XttsHttp http) {
		this.config = config;
		this.http = http;
	}

	@Override
	public String name() {
		return "streaming-server";
	}

	@Override
	public BackendHealth check() {
		try {
			// /languages is cheap; /studio_speakers would move megabytes of latents on every health check.
			// xtts-api-server has a /languages route too, but answers an object, not a list.
			if (!http.getJson("/languages", SHORT).isArray()) {
				return BackendHealth.down("The server at " + http.baseUrl() + " is not an xtts-streaming-server"
						+ " (/languages is not a list): check the backend's 'flavour' option");
			}
			return new BackendHealth(true, null, List.of(), List.of(), null, null);
		}
		catch (BackendException e) {
			return BackendHealth.down(e.getMessage());
		}
	}

	@Override
	public String prepareVoice(VoiceTask task) throws BackendException {
		if (task.referenceClip() != null && blank(task.voice())) {
			return "reference clip " + XttsBackend.sha256(task.referenceClip().bytes()).substring(0, 16);
		}
		var name = studioName(task);
		studioVoice(name);
		return name;
	}

	@Override
	public byte[] speak(VoiceTask task, String language, Duration timeout) throws BackendException {
		var latents = task.referenceClip() != null && blank(task.voice()) ? clone(task, timeout)
				: studioVoice(studioName(task));
		var body = http.json().createObjectNode();
		body.put("text", task.text());
		body.put("language", language);
		body.set("speaker_embedding", latents.path("speaker_embedding"));
		body.set("gpt_cond_latent", latents.path("gpt_cond_latent"));
		var answer = http.parse(http.postJson("/tts", body, timeout), "/tts");
		if (!answer.isString()) {
			throw new BackendException(Kind.INVALID_OUTPUT, "XTTS at " + http.baseUrl()
					+ " answered /tts without the base64 WAV string it should send");
		}
		try {
			return Base64.getDecoder().decode(answer.stringValue());
		}
		catch (IllegalArgumentException e) {
			throw new BackendException(Kind.INVALID_OUTPUT, "XTTS at " + http.baseUrl()
					+ " answered /tts with invalid base64", e);
		}
	}

	private JsonNode clone(VoiceTask task, Duration timeout) throws BackendException {
		var key = XttsBackend.sha256(task.referenceClip().bytes());
		synchronized (clones) {
			var cached = clones.get(key);
			if (cached != null) {
				return cached;
			}
		}
		var filename = task.referenceClip().filename() == null ? "reference.wav" : task.referenceClip().filename();
		var latents = http.postFile("/clone_speaker", "wav_file", filename, task.referenceClip().bytes(), timeout);
		if (!latents.has("speaker_embedding") || !latents.has("gpt_cond_latent")) {
			throw new BackendException(Kind.INVALID_OUTPUT, "XTTS at " + http.baseUrl()
					+ " answered /clone_speaker without speaker_embedding and gpt_cond_latent");
		}
		synchronized (clones) {
			clones.put(key, latents);
		}
		return latents;
	}

	private String studioName(VoiceTask task) throws BackendException {
		if (!blank(task.voice())) {
			return task.voice();
		}
		var fallback = config.option("speaker", null);
		if (fallback == null) {
			throw new BackendException(Kind.REJECTED_INPUT, "The voice task names no voice and has no reference clip,"
					+ " and backend " + config.id() + " has no default 'speaker' option");
		}
		return fallback;
	}

	private JsonNode studioVoice(String name) throws BackendException {
		var speakers = studio;
		if (speakers == null) {
			speakers = http.getJson("/studio_speakers", Duration.ofSeconds(60));
			studio = speakers;
		}
		var voice = speakers.path(name);
		if (!voice.isObject()) {
			var names = new ArrayList<String>(speakers.propertyNames());
			throw new BackendException(Kind.REJECTED_INPUT, "Voice \"" + name + "\" is not a studio speaker of "
					+ "xtts-streaming-server at " + http.baseUrl() + "; available: " + String.join(", ", names)
					+ " (or give the task a reference clip to clone)");
		}
		return voice;
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}
}
