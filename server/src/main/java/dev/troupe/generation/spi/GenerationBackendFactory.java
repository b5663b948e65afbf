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

	/**
	 * Options that may only come from the configuration file, because through the API they would let an owner
	 * run a program or write files where Troupe chooses (an executable path, a download directory). The
	 * backends API refuses them; stored backends never get them.
	 */
	default java.util.Set<String> configFileOnlyOptions() {
		return java.util.Set.of();
	}
}
