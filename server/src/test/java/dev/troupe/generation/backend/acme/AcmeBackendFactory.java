package dev.troupe.generation.backend.acme;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.troupe.generation.spi.BackendConfig;
import dev.troupe.generation.spi.BackendException;
import dev.troupe.generation.spi.BackendHealth;
import dev.troupe.generation.spi.BackendTypeDescriptor;
import dev.troupe.generation.spi.BackendTypeDescriptor.Option;
import dev.troupe.generation.spi.BackendTypeDescriptor.OptionType;
import dev.troupe.generation.spi.GenerationBackend;
import dev.troupe.generation.spi.GenerationBackendFactory;
import dev.troupe.generation.spi.GenerationResult;
import dev.troupe.generation.spi.GenerationTask;
import dev.troupe.generation.spi.Modality;
import dev.troupe.generation.spi.ProgressListener;
import dev.troupe.generation.spi.RemoteJob;

/**
 * A throwaway backend type that exists only to prove that a backend is one package and nothing else: a plain
 * {@code @Component} found by component scanning in every test context. It runs "locally" (no server URL) and
 * refuses all work, so it never takes a job meant for a real or fake backend.
 */
@Component
class AcmeBackendFactory implements GenerationBackendFactory {

	static final BackendTypeDescriptor DESCRIPTOR = new BackendTypeDescriptor("acme", "Acme Voice", Set.of(Modality.VOICE),
			true, List.of(new Option("voice", "Voice", "Which Acme voice speaks.", OptionType.TEXT, null, true, List.of(),
					false, false),
					Option.of("speed", "Speed", OptionType.INTEGER, "100", "Percent of normal speed."),
					Option.choice("style", "Style", "calm", List.of("calm", "cheerful"), "How it sounds.")));

	@Override
	public BackendTypeDescriptor descriptor() {
		return DESCRIPTOR;
	}

	@Override
	public GenerationBackend create(BackendConfig config) {
		return new GenerationBackend() {
			@Override
			public BackendConfig config() {
				return config;
			}

			@Override
			public Set<Modality> modalities() {
				return Set.of();
			}

			@Override
			public BackendHealth check() {
				return BackendHealth.down("Acme is a test double that does no work");
			}

			@Override
			public RemoteJob submit(GenerationTask task) throws BackendException {
				throw new IllegalStateException("Acme does no work");
			}

			@Override
			public GenerationResult await(RemoteJob job, GenerationTask task, ProgressListener progress,
					Duration timeout) {
				throw new IllegalStateException("Acme does no work");
			}

			@Override
			public void cancel(RemoteJob job) {
				// nothing ever runs
			}
		};
	}
}
