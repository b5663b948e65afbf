package dev.troupe.generation.backend.ollama;

import org.springframework.stereotype.Component;

import dev.troupe.generation.spi.BackendConfig;
import dev.troupe.generation.spi.GenerationBackend;
import dev.troupe.generation.spi.GenerationBackendFactory;

/** Creates {@code ollama} backends: text generation through Ollama's native chat API. */
@Component
class OllamaBackendFactory implements GenerationBackendFactory {

	@Override
	public String type() {
		return "ollama";
	}

	@Override
	public GenerationBackend create(BackendConfig config) {
		return new OllamaBackend(config);
	}
}
