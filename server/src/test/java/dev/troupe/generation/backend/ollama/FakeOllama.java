package dev.troupe.generation.backend.ollama;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers like Ollama 0.6: /api/version, /api/tags and a streamed /api/chat whose NDJSON lines follow
 * docs/api.md (deltas in message.content, a last line with done: true and nanosecond timings). Answers are
 * scripted per call; unknown models get Ollama's 404.
 */
class FakeOllama extends Dispatcher {

	static final String MODEL = "llama3.2:latest";

	private static final JsonMapper JSON = JsonMapper.shared();

	final Deque<MockResponse> scripted = new ConcurrentLinkedDeque<>();
	final List<JsonNode> chats = new CopyOnWriteArrayList<>();
	String defaultAnswer = "Ada waves at the camera and smiles.";

	@Override
	public MockResponse dispatch(RecordedRequest request) {
		var path = request.getUrl().encodedPath();
		return switch (request.getMethod() + " " + path) {
			case "GET /api/version" -> json(200, "{\"version\":\"0.6.2\"}");
			case "GET /api/tags" -> json(200, """
					{"models":[{"name":"llama3.2:latest","model":"llama3.2:latest","modified_at":"2025-01-10T10:00:00Z",
					"size":2019393189,"digest":"a80c4f17acd5","details":{"parent_model":"","format":"gguf",
					"family":"llama","families":["llama"],"parameter_size":"3.2B","quantization_level":"Q4_K_M"}}]}""");
			case "POST /api/chat" -> chat(request);
			default -> json(404, "404 page not found");
		};
	}

	private MockResponse chat(RecordedRequest request) {
		var body = JSON.readTree(request.getBody().utf8());
		chats.add(body);
		var model = body.path("model").asString();
		if (!model.equals(MODEL) && !model.equals("llama3.2")) {
			return json(404, "{\"error\":\"model \\\"" + model + "\\\" not found, try pulling it first\"}");
		}
		var next = scripted.poll();
		return next != null ? next : stream(defaultAnswer);
	}

	/** A 200 NDJSON stream delivering {@code answer} in small deltas, as Ollama does (about one token a line). */
	static MockResponse stream(String answer) {
		return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/x-ndjson")
			.body(ndjson(answer, "stop"))
			.build();
	}

	static String ndjson(String answer, String doneReason) {
		var lines = new StringBuilder();
		var deltas = deltas(answer);
		for (var delta : deltas) {
			var line = JSON.createObjectNode().put("model", MODEL).put("created_at", "2025-01-10T10:00:01.123Z");
			line.putObject("message").put("role", "assistant").put("content", delta);
			line.put("done", false);
			lines.append(JSON.writeValueAsString(line)).append('\n');
		}
		lines.append("{\"model\":\"" + MODEL + "\",\"created_at\":\"2025-01-10T10:00:02Z\",\"message\":{\"role\":"
				+ "\"assistant\",\"content\":\"\"},\"done_reason\":\"" + doneReason + "\",\"done\":true,"
				+ "\"total_duration\":2134567890,\"load_duration\":1034567890,\"prompt_eval_count\":26,"
				+ "\"prompt_eval_duration\":130000000,\"eval_count\":" + deltas.size()
				+ ",\"eval_duration\":500000000}\n");
		return lines.toString();
	}

	static List<String> deltas(String answer) {
		var deltas = new ArrayList<String>();
		for (int i = 0; i < answer.length(); i += 4) {
			deltas.add(answer.substring(i, Math.min(answer.length(), i + 4)));
		}
		return deltas;
	}

	/** A stream that starts, then dies: Ollama's runner crashing mid-answer. */
	static MockResponse failingStream(String error) {
		return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/x-ndjson")
			.body(ndjson("Ada is", "stop").lines().limit(2).reduce("", (a, b) -> a + b + "\n")
					+ "{\"error\":\"" + error + "\"}\n")
			.build();
	}

	/** A stream that trickles out slowly, to run into deadlines and cancels. */
	static MockResponse slowStream() {
		return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/x-ndjson")
			.body(ndjson("x".repeat(2000), "stop"))
			.throttleBody(200, 100, TimeUnit.MILLISECONDS)
			.build();
	}

	static MockResponse json(int code, String body) {
		return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json; charset=utf-8")
			.body(body)
			.build();
	}
}
