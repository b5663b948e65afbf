package dev.troupe.generation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.troupe.generation.GenerationJob.FaceCheck;
import dev.troupe.generation.spi.BackendException;
import dev.troupe.generation.spi.GenerationTask.InputFile;
import dev.troupe.media.MediaManagement;
import tools.jackson.databind.JsonNode;

/**
 * Scores a stored image's face against the character's reference images on the first backend that offers a
 * face-embedding service. Nothing configured or no references: "not-checked". A failing service: "failed" with
 * the reason; the job itself is never failed by its face check.
 */
@Component
class FaceChecks {

	private static final Logger log = LoggerFactory.getLogger(FaceChecks.class);

	private final BackendRegistry registry;
	private final MediaManagement media;
	private final GenerationSettings settings;

	FaceChecks(BackendRegistry registry, MediaManagement media, GenerationSettings settings) {
		this.registry = registry;
		this.media = media;
		this.settings = settings;
	}

	/** The face check of one output image; {@code task} is the job's recipe (its {@code referenceAssetIds}). */
	FaceCheck check(JsonNode task, String filename, byte[] image) {
		var references = references(task.path("referenceAssetIds"));
		if (references.isEmpty()) {
			return FaceCheck.notChecked("The character has no reference images");
		}
		var service = registry.all().stream()
			.filter(l -> l.config().enabled() && !l.resting() && (l.health() == null || l.health().reachable()))
			.filter(l -> l.backend().faceComparer().isPresent())
			.min(Comparator.comparing((BackendRegistry.Live l) -> l.config().id())).orElse(null);
		if (service == null) {
			return FaceCheck.notChecked("No face-check service is configured");
		}
		try {
			var distance = service.backend().faceComparer().orElseThrow()
				.cosineDistance(references, new InputFile(filename, image), settings.faceCheckTimeout());
			return FaceCheck.checked(1 - distance, settings.faceCheckThreshold(), service.config().id());
		}
		catch (BackendException | RuntimeException e) {
			log.warn("Face check on backend {} failed: {}", service.config().id(), e.getMessage());
			return FaceCheck.failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(),
					service.config().id());
		}
	}

	/** The references still stored (one deleted since the job was queued is left out). */
	private List<InputFile> references(JsonNode ids) {
		var files = new ArrayList<InputFile>();
		for (var id : ids) {
			var asset = media.find(UUID.fromString(id.asString())).orElse(null);
			if (asset != null && asset.isImage()) {
				var extension = asset.contentType().substring(asset.contentType().indexOf('/') + 1);
				files.add(new InputFile("troupe-" + asset.sha256().substring(0, 16) + "." + extension, media.bytes(asset.id())));
			}
		}
		return files;
	}
}
