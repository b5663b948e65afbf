package dev.troupe.generation.backend.openai;

import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers like an OpenAI-compatible server (vLLM / OpenAI): GET /v1/models and a streamed
 * POST /v1/chat/completions as server-sent events ending with {@code data: [DONE]}, with the error shapes and
 * status codes of the OpenAI API. Requests without the expected bearer key get 401.
 */
class FakeOpenAi extends Dispatcher {

	static final String KEY = "sk-test-123";
	static final String MODEL = "qwen2.5-7b-instruct";

	private static final JsonMapper JSON = JsonMapper.shared();

	final Deque<MockResponse> scripted = new ConcurrentLinkedDeque<>();
	final List<RecordedRequest> chats = new CopyOnWriteArrayList<>();
	final List<String> paths = new CopyOnWriteArrayList<>();
	String defaultAnswer = "Ada waves at the camera and smiles.";

	@Override
	public MockResponse dispatch(RecordedRequest request) {
		var path = request.getUrl().encodedPath();
		paths.add(path);
		if (path.endsWith("/chat/completions")) {
			chats.add(request);
		}
		if (!("Bearer " + KEY).equals(request.getHeaders().get("Authorization"))) {
			return error(401, "Incorrect API key provided: sk-wr***ng. You can find your API key at "
					+ "https://platform.openai.com/account/api-keys.", "invalid_request_error", "invalid_api_key");
		}
		return switch (request.getMethod() + " " + path) {
			case "GET /v1/models" -> json(200, """
					{"object":"list","data":[{"id":"qwen2.5-7b-instruct","object":"model","created":1736500000,
					"owned_by":"vllm","root":"Qwen/Qwen2.5-7B-Instruct","parent":null,"max_model_len":32768}]}""");
			case "POST /v1/chat/completions" -> chat(request);
			default -> json(404, "{\"detail\":\"Not Found\"}");
		};
	}

	private MockResponse chat(RecordedRequest request) {
		var model = body(request).path("model").asString();
		if (!model.equals(MODEL)) {
			return error(404, "The model `" + model + "` does not exist.", "NotFoundError", "model_not_found");
		}
		var next = scripted.poll();
		return next != null ? next : stream(defaultAnswer, "stop");
	}

	static JsonNode body(RecordedRequest request) {
		return JSON.readTree(request.getBody().utf8());
	}

	/** Chunks as vLLM streams them: a role chunk, content deltas, a finish chunk, a usage chunk, [DONE]. */
	static MockResponse stream(String answer, String finishReason) {
		var events = new StringBuilder(": keep-alive\n\n");
		events.append(event("{\"role\":\"assistant\",\"content\":\"\"}", null));
		for (int i = 0; i < answer.length(); i += 4) {
			var delta = answer.substring(i, Math.min(answer.length(), i + 4));
			events.append(event(JSON.writeValueAsString(JSON.createObjectNode().put("content", delta)), null));
		}
		events.append(event("{}", finishReason));
		events.append("data: {\"id\":\"chatcmpl-7f3a\",\"object\":\"chat.completion.chunk\",\"created\":1736500001,"
				+ "\"model\":\"" + MODEL + "\",\"choices\":[],\"usage\":{\"prompt_tokens\":31,\"total_tokens\":"
				+ (31 + answer.length() / 4) + ",\"completion_tokens\":" + answer.length() / 4 + "}}\n\n");
		events.append("data: [DONE]\n\n");
		return new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream; charset=utf-8")
			.body(events.toString())
			.build();
	}

	private static String event(String delta, String finishReason) {
		return "data: {\"id\":\"chatcmpl-7f3a\",\"object\":\"chat.completion.chunk\",\"created\":1736500001,\"model\":\""
				+ MODEL + "\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"logprobs\":null,\"finish_reason\":"
				+ (finishReason == null ? "null" : "\"" + finishReason + "\"") + "}]}\n\n";
	}

	static MockResponse error(int code, String message, String type, String errorCode) {
		return json(code, "{\"error\":{\"message\":" + JSON.writeValueAsString(message) + ",\"type\":\"" + type
				+ "\",\"param\":null,\"code\":\"" + errorCode + "\"}}");
	}

	static MockResponse json(int code, String body) {
		return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
	}
}
