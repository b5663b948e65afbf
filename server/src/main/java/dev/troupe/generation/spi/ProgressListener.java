package dev.troupe.generation.spi;

@FunctionalInterface
public interface ProgressListener {

	void progress(Progress progress);

	ProgressListener NONE = p -> {
	};
}
