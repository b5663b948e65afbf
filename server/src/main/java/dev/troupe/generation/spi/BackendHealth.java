package dev.troupe.generation.spi;

import java.util.List;

/**
 * What a health check found. {@code error} says, in words a user can act on, why the backend is not usable.
 */
public record BackendHealth(boolean reachable, String version, List<String> models, List<String> missingNodes,
		Integer queueDepth, String error) {

	public BackendHealth {
		models = models == null ? List.of() : List.copyOf(models);
		missingNodes = missingNodes == null ? List.of() : List.copyOf(missingNodes);
	}

	public static BackendHealth down(String error) {
		return new BackendHealth(false, null, List.of(), List.of(), null, error);
	}

	public boolean usable() {
		return reachable && missingNodes.isEmpty() && error == null;
	}
}
