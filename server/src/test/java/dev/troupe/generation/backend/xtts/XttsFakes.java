package dev.troupe.generation.backend.xtts;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Protocol-faithful stand-ins for the two XTTS servers (FastAPI: 404 "Not Found", 422 detail lists). */
final class XttsFakes {

	static final JsonMapper JSON = JsonMapper.builder().build();
	static final List<String> LANGUAGES = List.of("ar", "pt", "zh-cn", "cs", "nl", "en", "fr", "de", "it", "pl",
			"ru", "es", "tr", "ja", "ko", "hu", "hi");

	private XttsFakes() {
	}

	/** What both fakes record: calls, JSON bodies and raw bodies by path. */
	abstract static class Recording extends Dispatcher {

		final List<String> calls = new CopyOnWriteArrayList<>();
		final Map<String, JsonNode> json = new ConcurrentHashMap<>();
		final Map<String, byte[]> raw = new ConcurrentHashMap<>();
		/** When set, the synthesis route answers with this. */
		volatile MockResponse synthesisOverride;

		@Override
		public final MockResponse dispatch(RecordedRequest request) {
			var path = request.getUrl().encodedPath();
			calls.add(request.getMethod() + " " + path);
			if (request.getBody() != null && request.getBody().size() > 0) {
				raw.put(path, request.getBody().toByteArray());
				var type = request.getHeaders().get("Content-Type");
				if (type != null && type.startsWith("application/json")) {
					json.put(path, JSON.readTree(request.getBody().utf8()));
				}
			}
			var answer = route(request.getMethod() + " " + path, request);
			return answer != null ? answer : json(404, "{\"detail\":\"Not Found\"}");
		}

		abstract MockResponse route(String route, RecordedRequest request);
	}

	/** daswer123/xtts-api-server: speakers are the wavs (and folders) of its speakers folder. */
	static final class ApiServer extends Recording {

		private final Path speakerFolder;

		ApiServer(Path speakerFolder) {
			this.speakerFolder = speakerFolder;
		}

		@Override
		MockResponse route(String route, RecordedRequest request) {
			return switch (route) {
				case "GET /speakers_list" -> json(200, JSON.writeValueAsString(speakers()));
				case "GET /languages" -> json(200, "{\"languages\": {\"English\": \"en\", \"German\": \"de\"}}");
				case "POST /tts_to_audio/" -> synthesisOverride != null ? synthesisOverride : ttsToAudio(request);
				default -> null;
			};
		}

		private MockResponse ttsToAudio(RecordedRequest request) {
			var body = JSON.readTree(request.getBody().utf8());
			if (!LANGUAGES.contains(body.path("language").asString(""))) {
				return json(400, "{\"detail\": \"Language code " + body.path("language").asString("") + " not supported.\"}");
			}
			return new MockResponse.Builder().code(200).setHeader("Content-Type", "audio/wav")
				.body(new Buffer().write(wav(0.2)))
				.build();
		}

		private List<String> speakers() {
			var names = new java.util.ArrayList<>(List.of("female_01", "male_02", "ada"));
			if (speakerFolder != null) {
				try (var files = Files.list(speakerFolder)) {
					files.map(f -> f.getFileName().toString().replaceFirst("\\.wav$", "")).forEach(names::add);
				}
				catch (IOException e) {
					throw new UncheckedIOException(e);
				}
			}
			return names;
		}
	}

	/** coqui-ai/xtts-streaming-server: voices are latents, /tts answers a JSON string of base64 WAV. */
	static final class StreamingServer extends Recording {

		@Override
		MockResponse route(String route, RecordedRequest request) {
			return switch (route) {
				case "GET /languages" -> json(200, JSON.writeValueAsString(LANGUAGES));
				case "GET /studio_speakers" -> json(200, """
						{"Claribel Dervla": {"speaker_embedding": [0.11, 0.12], "gpt_cond_latent": [[0.13, 0.14]]},
						 "Daisy Studious": {"speaker_embedding": [0.21, 0.22], "gpt_cond_latent": [[0.23, 0.24]]}}""");
				case "POST /clone_speaker" -> cloneSpeaker(request);
				case "POST /tts" -> synthesisOverride != null ? synthesisOverride : tts(request);
				default -> null;
			};
		}

		private MockResponse cloneSpeaker(RecordedRequest request) {
			var body = request.getBody() == null ? "" : request.getBody().string(java.nio.charset.StandardCharsets.ISO_8859_1);
			var type = request.getHeaders().get("Content-Type");
			if (type == null || !type.startsWith("multipart/form-data") || !body.contains("name=\"wav_file\"")
					|| !body.contains("RIFF")) {
				return json(422, """
						{"detail": [{"loc": ["body", "wav_file"], "msg": "field required", "type": "value_error.missing"}]}""");
			}
			return json(200, "{\"gpt_cond_latent\": [[0.31, 0.32], [0.33, 0.34]], \"speaker_embedding\": [0.35, 0.36]}");
		}

		private MockResponse tts(RecordedRequest request) {
			var body = JSON.readTree(request.getBody().utf8());
			for (var field : List.of("speaker_embedding", "gpt_cond_latent", "text", "language")) {
				if (!body.has(field)) {
					return json(422, "{\"detail\": [{\"loc\": [\"body\", \"" + field
							+ "\"], \"msg\": \"field required\", \"type\": \"value_error.missing\"}]}");
				}
			}
			return json(200, JSON.writeValueAsString(Base64.getEncoder().encodeToString(wav(0.2))));
		}
	}

	static MockResponse json(int code, String body) {
		return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
	}

	/** A real 24 kHz 16-bit mono WAV with a quiet tone, as XTTS produces. */
	static byte[] wav(double seconds) {
		var format = new AudioFormat(24_000, 16, 1, true, false);
		var frames = (int) (24_000 * seconds);
		var pcm = new byte[frames * 2];
		for (int i = 0; i < frames; i++) {
			var sample = (short) (Math.sin(2 * Math.PI * 220 * i / 24_000.0) * 3000);
			pcm[2 * i] = (byte) sample;
			pcm[2 * i + 1] = (byte) (sample >> 8);
		}
		var out = new ByteArrayOutputStream();
		try {
			AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), format, frames),
					AudioFileFormat.Type.WAVE, out);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return out.toByteArray();
	}
}
