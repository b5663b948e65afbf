package dev.troupe.generation.backend.xtts;

import org.springframework.stereotype.Component;

import dev.troupe.generation.spi.BackendConfig;
import dev.troupe.generation.spi.GenerationBackend;
import dev.troupe.generation.spi.GenerationBackendFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Adapters of type {@code xtts}. Options: {@code flavour} ({@code api-server}, the default, or
 * {@code streaming-server}), {@code language} (default "en"), {@code speaker} (default voice),
 * {@code speakerFolder} (api-server only: the server's speakers folder, shared with Troupe, for reference clips).
 */
@Component
class XttsBackendFactory implements GenerationBackendFactory {

	private final JsonMapper json;

	XttsBackendFactory(JsonMapper json) {
		this.json = json;
	}

	@Override
	public String type() {
		return "xtts";
	}

	@Override
	public GenerationBackend create(BackendConfig config) {
		return new XttsBackend(config, json);
	}
}
