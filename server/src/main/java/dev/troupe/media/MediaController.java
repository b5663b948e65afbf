package dev.troupe.media;

import java.io.IOException;
import java.util.UUID;

import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import dev.troupe.shared.ApiProblem;

/**
 * Serves assets to signed-in users. Content never changes under an id, so browsers may cache it privately.
 */
@RestController
@RequestMapping("/api/v1/media")
@PreAuthorize("hasRole('VIEWER')")
class MediaController {

	private static final CacheControl CACHE = CacheControl.maxAge(java.time.Duration.ofDays(365)).cachePrivate()
			.immutable();

	private final MediaManagement media;

	MediaController(MediaManagement media) {
		this.media = media;
	}

	/**
	 * A person's own image, clip or recording, to attach to posts or make a talking clip from. Stored exactly as uploaded: nothing is stamped as
	 * AI-generated (camera media stay unlabelled unless someone says otherwise through generated-elsewhere).
	 */
	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasRole('EDITOR')")
	ResponseEntity<MediaAsset> upload(@RequestPart("file") MultipartFile file) throws IOException {
		// streamed from the spooled upload: a video is never read into the heap whole
		return ResponseEntity.status(201).body(media.store(file, file.getSize(), file.getOriginalFilename(), MediaKind.VISUAL, "file"));
	}

	/** Streamed from the store; a Range request (video seeking) is answered with 206 and only those bytes. */
	@GetMapping("/{id}")
	ResponseEntity<Resource> content(@PathVariable UUID id) {
		var asset = media.get(id);
		return ResponseEntity.ok().cacheControl(CACHE).eTag(asset.sha256())
				.contentType(MediaType.parseMediaType(asset.contentType()))
				.body(media.resource(asset));
	}

	@GetMapping("/{id}/thumbnail")
	ResponseEntity<InputStreamResource> thumbnail(@PathVariable UUID id) throws IOException {
		media.get(id);
		var thumbnail = media.openThumbnail(id)
				.orElseThrow(() -> ApiProblem.notFound("Thumbnail of media asset", id + " (only images have one)"));
		return ResponseEntity.ok().cacheControl(CACHE).contentType(MediaType.IMAGE_JPEG)
				.body(new InputStreamResource(thumbnail));
	}

	/**
	 * A person says this uploaded file was made by an AI tool elsewhere: a copy stamped with the IPTC/XMP
	 * trainedAlgorithmicMedia label is stored and returned (attach that one to posts). Nothing is stamped
	 * without this explicit step, so camera photos never are.
	 */
	@PostMapping("/{id}/generated-elsewhere")
	@PreAuthorize("hasRole('EDITOR')")
	ResponseEntity<MediaAsset> generatedElsewhere(@PathVariable UUID id, @RequestBody(required = false) GeneratedBy body) {
		media.get(id); // an unknown asset is the first thing wrong (404 naming it), whatever the body says
		var tool = body == null || body.tool() == null ? "" : body.tool().strip();
		if (tool.isEmpty() || tool.length() > 200) {
			throw ApiProblem.badRequest("tool", "name the AI tool that made the file (at most 200 characters)");
		}
		return ResponseEntity.status(201).body(media.markGenerated(id, tool));
	}

	record GeneratedBy(String tool) {
	}

	@GetMapping("/{id}/info")
	MediaAsset info(@PathVariable UUID id) {
		return media.get(id);
	}
}
