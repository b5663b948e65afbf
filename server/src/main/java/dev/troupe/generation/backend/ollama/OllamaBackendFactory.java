package dev.troupe.generation.backend.ollama;

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

/** Creates {@code ollama} backends: text generation through Ollama's native chat API. */
@Component
class OllamaBackendFactory implements GenerationBackendFactory {

	static final BackendTypeDescriptor DESCRIPTOR = new BackendTypeDescriptor("ollama", "Ollama", Set.of(Modality.TEXT), false, List.of(
			Option.of("model", "Model", OptionType.TEXT, null, "Model to use, e.g. llama3.1:8b; the first installed when empty."),
			Option.of("numCtx", "Context size", OptionType.INTEGER, null, "num_ctx; the model's default when empty."),
			Option.of("keepAlive", "Keep alive", OptionType.TEXT, null, "How long Ollama keeps the model loaded, e.g. 10m.")));

	@Override
	public BackendTypeDescriptor descriptor() {
		return DESCRIPTOR;
	}

	@Override
	public GenerationBackend create(BackendConfig config) {
		return new OllamaBackend(config);
	}
}
