package dev.troupe.generation.backend.a1111;

import org.springframework.stereotype.Component;

import dev.troupe.generation.spi.BackendConfig;
import dev.troupe.generation.spi.GenerationBackend;
import dev.troupe.generation.spi.GenerationBackendFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Adapters of type {@code a1111}: AUTOMATIC1111 stable-diffusion-webui started with {@code --api}.
 * Options: {@code sampler}, {@code scheduler}, {@code faceWeight}, {@code faceIdModule}, {@code faceIdModel},
 * {@code instantIdEmbeddingModel}, {@code instantIdKeypointsModel}, {@code pulidModel}, {@code pollIntervalMs};
 * the API key, when set, is the {@code --api-auth} "user:password".
 */
@Component
class A1111BackendFactory implements GenerationBackendFactory {

	private final JsonMapper json;

	A1111BackendFactory(JsonMapper json) {
		this.json = json;
	}

	@Override
	public String type() {
		return "a1111";
	}

	@Override
	public GenerationBackend create(BackendConfig config) {
		return new A1111Backend(config, json);
	}
}
