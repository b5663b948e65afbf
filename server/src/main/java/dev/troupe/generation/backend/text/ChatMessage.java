package dev.troupe.generation.backend.text;

/** One turn of a chat request, in the role vocabulary both Ollama and OpenAI-compatible servers share. */
public record ChatMessage(String role, String content) {

	public static ChatMessage system(String content) {
		return new ChatMessage("system", content);
	}

	public static ChatMessage user(String content) {
		return new ChatMessage("user", content);
	}

	public static ChatMessage assistant(String content) {
		return new ChatMessage("assistant", content);
	}
}
