package dev.troupe.generation.spi;

import java.net.URI;
import java.util.Map;

/**
 * One configured server. {@code type} picks the adapter ({@code comfyui}, {@code a1111}, {@code ollama},
 * {@code openai}, {@code llamacpp}, {@code xtts}, {@code espeak}); {@code apiKey} is already decrypted and may
 * be null; {@code options} holds adapter-specific settings (e.g. {@code model}, {@code flavour}).
 */
public record BackendConfig(String id, String type, URI baseUrl, String apiKey, int maxConcurrent, boolean enabled,
		Map<String, String> options) {

	public BackendConfig {
		options = options == null ? Map.of() : Map.copyOf(options);
		maxConcurrent = Math.max(1, maxConcurrent);
	}

	/** Never the API key: configs end up in log lines and exception messages. */
	@Override
	public String toString() {
		return "BackendConfig[id=" + id + ", type=" + type + ", baseUrl=" + baseUrl + ", apiKey="
				+ (apiKey == null ? "none" : "***") + ", maxConcurrent=" + maxConcurrent + ", enabled=" + enabled
				+ ", options=" + options + "]";
	}

	public String option(String name, String fallback) {
		var value = options.get(name);
		return value == null || value.isBlank() ? fallback : value;
	}
}
