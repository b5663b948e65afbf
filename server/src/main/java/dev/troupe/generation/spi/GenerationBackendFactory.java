package dev.troupe.generation.spi;

/**
 * Creates adapters of one {@link #type()} from configuration. Each adapter package declares one as a Spring
 * bean; the registry finds them all, so adding a kind of server touches nothing else.
 */
public interface GenerationBackendFactory {

	default String type() {
		return descriptor().type();
	}

	/** Name, modalities, whether it runs locally and its options: what the API and dashboard show. */
	BackendTypeDescriptor descriptor();

	GenerationBackend create(BackendConfig config);
}
