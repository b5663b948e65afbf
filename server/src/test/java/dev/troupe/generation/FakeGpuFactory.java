package dev.troupe.generation;

import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.troupe.generation.spi.BackendConfig;
import dev.troupe.generation.spi.BackendTypeDescriptor;
import dev.troupe.generation.spi.GenerationBackend;
import dev.troupe.generation.spi.GenerationBackendFactory;
import dev.troupe.generation.spi.Modality;

/**
 * {@link FakeBackend} as type {@code fake-gpu}, found by component scanning, so a Troupe started in its own JVM
 * from the test class path ({@code support.ChildTroupe}) has a stand-in GPU too. A job is kept by the JVM that
 * runs it: when that process dies, another node's instance runs the job again from the start.
 */
@Component
class FakeGpuFactory implements GenerationBackendFactory {

	@Override
	public BackendTypeDescriptor descriptor() {
		return new BackendTypeDescriptor("fake-gpu", "Fake GPU", Set.of(Modality.values()), false, List.of());
	}

	@Override
	public GenerationBackend create(BackendConfig config) {
		return new FakeBackend(config);
	}
}
