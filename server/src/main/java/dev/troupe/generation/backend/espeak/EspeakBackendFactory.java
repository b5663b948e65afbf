package dev.troupe.generation.backend.espeak;

import org.springframework.stereotype.Component;

import dev.troupe.generation.spi.BackendConfig;
import dev.troupe.generation.spi.GenerationBackend;
import dev.troupe.generation.spi.GenerationBackendFactory;

/**
 * Adapters of type {@code espeak}: the local espeak-ng program. Options: {@code binary} (default "espeak-ng"),
 * {@code voice} (default "en", used when the task names neither voice nor language), {@code speed} (words per
 * minute, espeak default 175), {@code pitch} (0–99, default 50). The base URL is not used.
 */
@Component
class EspeakBackendFactory implements GenerationBackendFactory {

	@Override
	public String type() {
		return "espeak";
	}

	@Override
	public GenerationBackend create(BackendConfig config) {
		return new EspeakBackend(config);
	}

	/** {@code binary} is a program Troupe runs. */
	@Override
	public java.util.Set<String> configFileOnlyOptions() {
		return java.util.Set.of("binary");
	}
}
