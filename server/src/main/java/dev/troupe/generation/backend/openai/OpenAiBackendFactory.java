package dev.troupe.generation.backend.openai;

import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.troupe.generation.spi.BackendConfig;
import dev.troupe.generation.spi.BackendTypeDescriptor;
import dev.troupe.generation.spi.BackendTypeDescriptor.Option;
import dev.troupe.generation.spi.BackendTypeDescriptor.OptionType;
import dev.troupe.generation.spi.GenerationBackend;
import dev.troupe.generation.spi.GenerationBackendFactory;
import dev.troupe.generation.spi.Modality;

/**
 * Creates {@code openai} backends: text generation on any server speaking the OpenAI chat completions API
 * (vLLM, llama.cpp server, LM Studio, Ollama's /v1, hosted providers).
 */
@Component
class OpenAiBackendFactory implements GenerationBackendFactory {

	static final BackendTypeDescriptor DESCRIPTOR = new BackendTypeDescriptor("openai", "OpenAI-compatible", Set.of(Modality.TEXT), false, List.of(
			Option.of("model", "Model", OptionType.TEXT, null, "Model name, e.g. gpt-4o-mini."),
			Option.of("includeUsage", "Ask for token usage", OptionType.BOOLEAN, "true", "stream_options.include_usage; turn off for servers that refuse it."),
			Option.of("strictSchema", "Strict JSON schema", OptionType.BOOLEAN, "true", "response_format strict; turn off for servers that refuse it.")));

	@Override
	public BackendTypeDescriptor descriptor() {
		return DESCRIPTOR;
	}

	@Override
	public GenerationBackend create(BackendConfig config) {
		return new OpenAiBackend(config);
	}
}
