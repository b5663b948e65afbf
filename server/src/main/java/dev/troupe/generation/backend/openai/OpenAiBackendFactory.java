package dev.troupe.generation.backend.openai;

import org.springframework.stereotype.Component;

import dev.troupe.generation.spi.BackendConfig;
import dev.troupe.generation.spi.GenerationBackend;
import dev.troupe.generation.spi.GenerationBackendFactory;

/**
 * Creates {@code openai} backends: text generation on any server speaking the OpenAI chat completions API
 * (vLLM, llama.cpp server, LM Studio, Ollama's /v1, hosted providers).
 */
@Component
class OpenAiBackendFactory implements GenerationBackendFactory {

	@Override
	public String type() {
		return "openai";
	}

	@Override
	public GenerationBackend create(BackendConfig config) {
		return new OpenAiBackend(config);
	}
}
