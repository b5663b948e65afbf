package dev.troupe.generation.spi;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * An adapter to one AI server instance. Work is split in two steps so a job survives a restart of Troupe:
 * {@link #submit} puts the work on the server and returns a {@link RemoteJob} handle that Troupe stores;
 * {@link #await} follows that handle to the result and can be called again with the stored handle after a
 * restart (servers that cannot resume simply run the work inside {@code await}).
 * Every failure is a {@link BackendException} with a {@link BackendException.Kind}.
 */
public interface GenerationBackend extends AutoCloseable {

	BackendConfig config();

	Set<Modality> modalities();

	/**
	 * Whether this backend speaks with a voice cloned from a reference clip. A character with a reference clip is
	 * only ever voiced by a backend that says yes: never silently by a preset voice.
	 */
	default boolean clonesVoices() {
		return false;
	}

	/**
	 * The face-embedding service this backend offers, when its owner turned it on (a ComfyUI server with the
	 * face-analysis nodes); empty for most backends.
	 */
	default Optional<FaceComparer> faceComparer() {
		return Optional.empty();
	}

	/** Reachability, version, models and (where the server tells) missing custom nodes. Never throws. */
	BackendHealth check();

	/** Queues the task on the server (or prepares it, for servers without a queue). */
	RemoteJob submit(GenerationTask task) throws BackendException;

	/** Waits for the job, reporting progress, and returns what it produced. */
	GenerationResult await(RemoteJob job, GenerationTask task, ProgressListener progress, Duration timeout)
			throws BackendException;

	/** Best effort: stops the job on the server if it is queued or running. */
	void cancel(RemoteJob job);

	@Override
	default void close() {
	}
}
