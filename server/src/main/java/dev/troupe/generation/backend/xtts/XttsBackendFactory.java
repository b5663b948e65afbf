package dev.troupe.generation.backend.xtts;

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
import tools.jackson.databind.json.JsonMapper;

/**
 * Adapters of type {@code xtts}. Options: {@code flavour} ({@code api-server}, the default, or
 * {@code streaming-server}), {@code language} (default "en"), {@code speaker} (default voice),
 * {@code speakerFolder} (api-server only: the server's speakers folder, shared with Troupe, for reference clips).
 */
@Component
class XttsBackendFactory implements GenerationBackendFactory {

	static final BackendTypeDescriptor DESCRIPTOR = new BackendTypeDescriptor("xtts", "XTTS", Set.of(Modality.VOICE), false, List.of(
			Option.choice("flavour", "Server", "api-server", List.of("api-server", "streaming-server"), "xtts-api-server or Coqui's streaming server."),
			Option.of("language", "Language", OptionType.TEXT, "en", "Used when the task names none."),
			Option.of("speaker", "Speaker", OptionType.TEXT, null, "Default voice."),
			Option.of("speakerFolder", "Speakers folder", OptionType.PATH, null, "api-server only: its speakers folder, shared with Troupe, for reference clips.")));

	private final JsonMapper json;

	XttsBackendFactory(JsonMapper json) {
		this.json = json;
	}

	@Override
	public BackendTypeDescriptor descriptor() {
		return DESCRIPTOR;
	}

	@Override
	public GenerationBackend create(BackendConfig config) {
		return new XttsBackend(config, json);
	}
}
