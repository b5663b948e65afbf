package dev.troupe.generation.backend.espeak;

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
 * Adapters of type {@code espeak}: the local espeak-ng program. Options: {@code binary} (default "espeak-ng"),
 * {@code voice} (default "en", used when the task names neither voice nor language), {@code speed} (words per
 * minute, espeak default 175), {@code pitch} (0–99, default 50). The base URL is not used.
 */
@Component
class EspeakBackendFactory implements GenerationBackendFactory {

	static final BackendTypeDescriptor DESCRIPTOR = new BackendTypeDescriptor("espeak", "espeak-ng", Set.of(Modality.VOICE), true, List.of(
			Option.of("binary", "Program", OptionType.PATH, "espeak-ng", "The espeak-ng executable on the server.").onlyInConfigFile(),
			Option.of("voice", "Voice", OptionType.TEXT, "en", "Used when the task names neither voice nor language."),
			Option.of("speed", "Speed (words per minute)", OptionType.INTEGER, "175", "espeak's -s."),
			Option.of("pitch", "Pitch (0-99)", OptionType.INTEGER, "50", "espeak's -p.")));

	@Override
	public BackendTypeDescriptor descriptor() {
		return DESCRIPTOR;
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
