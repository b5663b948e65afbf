package dev.troupe.generation.backend.comfyui;

import org.springframework.stereotype.Component;

import dev.troupe.generation.spi.BackendConfig;
import dev.troupe.generation.spi.GenerationBackend;
import dev.troupe.generation.spi.GenerationBackendFactory;

/** Makes {@link ComfyUiBackend}s for backends of type {@code comfyui}. */
@Component
public class ComfyUiBackendFactory implements GenerationBackendFactory {

	private final WorkflowTemplates templates;

	public ComfyUiBackendFactory(WorkflowTemplates templates) {
		this.templates = templates;
	}

	@Override
	public String type() {
		return "comfyui";
	}

	@Override
	public GenerationBackend create(BackendConfig config) {
		return new ComfyUiBackend(config, templates);
	}
}
