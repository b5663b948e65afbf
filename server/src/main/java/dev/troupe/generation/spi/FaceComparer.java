package dev.troupe.generation.spi;

import java.time.Duration;
import java.util.List;

import dev.troupe.generation.spi.GenerationTask.InputFile;

/**
 * A face-embedding service on a backend: compares the face in an image with the faces in a set of reference
 * images. Offered by a backend through {@link GenerationBackend#faceComparer()} when its owner set it up for it.
 */
public interface FaceComparer {

	/**
	 * The cosine distance between the image's face embedding and the references' averaged embedding: 0 is the same
	 * face, 1 unrelated, up to 2. Throws when the service fails or finds no face (never a made-up distance).
	 */
	double cosineDistance(List<InputFile> references, InputFile image, Duration timeout) throws BackendException;
}
