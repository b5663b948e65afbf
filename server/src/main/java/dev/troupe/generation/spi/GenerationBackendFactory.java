package dev.troupe.generation.spi;

/**
 * Creates adapters of one {@link #type()} from configuration. Each adapter package declares one as a Spring
 * bean; the registry finds them all, so adding a kind of server touches nothing else.
 */
public interface GenerationBackendFactory {

	String type();

	GenerationBackend create(BackendConfig config);
}
