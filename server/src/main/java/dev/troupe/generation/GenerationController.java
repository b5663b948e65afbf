package dev.troupe.generation;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.troupe.generation.spi.BackendTypeDescriptor;
import dev.troupe.shared.ApiProblem;
import tools.jackson.databind.JsonNode;

/**
 * Studio and System → Backends over HTTP.
 */
@RestController
@RequestMapping("/api/v1")
class GenerationController {

	private final GenerationManagement generations;
	private final BackendManagement backends;
	private final JobEventStreams streams;

	GenerationController(GenerationManagement generations, BackendManagement backends, JobEventStreams streams) {
		this.generations = generations;
		this.backends = backends;
		this.streams = streams;
	}

	record StartRequest(UUID characterId, String kind, JsonNode input) {
	}

	record AgainRequest(boolean varySeed) {
	}

	@PostMapping("/generations")
	@PreAuthorize("hasRole('EDITOR')")
	@ResponseStatus(HttpStatus.CREATED)
	GenerationJob start(@RequestBody StartRequest request) {
		return generations.start(request.characterId(), kind(request.kind()), request.input());
	}

	@GetMapping("/generations")
	@PreAuthorize("hasRole('VIEWER')")
	List<GenerationJob> list(@RequestParam(required = false) UUID characterId,
			@RequestParam(required = false) JobStatus status, @RequestParam(defaultValue = "50") int limit) {
		if (limit < 1 || limit > 500) {
			throw ApiProblem.badRequest("limit", "must be from 1 to 500");
		}
		return generations.list(characterId, status, limit);
	}

	/** The face check of each asset (review shows it beside a post's images); at most 50 at once. */
	@GetMapping("/generations/face-checks")
	@PreAuthorize("hasRole('VIEWER')")
	List<GenerationManagement.AssetFaceCheck> faceChecks(@RequestParam List<UUID> assetId) {
		if (assetId.isEmpty() || assetId.size() > 50 || assetId.contains(null)) {
			throw ApiProblem.badRequest("assetId", "give from 1 to 50 asset ids");
		}
		return generations.faceChecks(assetId);
	}

	@GetMapping("/generations/{id}")
	@PreAuthorize("hasRole('VIEWER')")
	GenerationJob get(@PathVariable UUID id) {
		return generations.get(id);
	}

	@GetMapping(path = "/generations/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@PreAuthorize("hasRole('VIEWER')")
	SseEmitter events(@PathVariable UUID id) {
		return streams.open(generations.get(id));
	}

	@GetMapping("/generations/{id}/preview")
	@PreAuthorize("hasRole('VIEWER')")
	ResponseEntity<byte[]> preview(@PathVariable UUID id) {
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.IMAGE_JPEG)
			.body(generations.preview(id));
	}

	@PostMapping("/generations/{id}/cancel")
	@PreAuthorize("hasRole('EDITOR')")
	GenerationJob cancel(@PathVariable UUID id) {
		return generations.cancel(id);
	}

	@PostMapping("/generations/{id}/again")
	@PreAuthorize("hasRole('EDITOR')")
	@ResponseStatus(HttpStatus.CREATED)
	GenerationJob again(@PathVariable UUID id, @RequestBody(required = false) AgainRequest request) {
		return generations.again(id, request != null && request.varySeed());
	}

	@GetMapping("/backend-types")
	@PreAuthorize("hasRole('VIEWER')")
	List<BackendTypeDescriptor> backendTypes() {
		return backends.types();
	}

	@GetMapping("/backends")
	@PreAuthorize("hasRole('VIEWER')")
	List<BackendManagement.BackendView> backends() {
		return backends.all();
	}

	@PostMapping("/backends")
	@PreAuthorize("hasRole('OWNER')")
	@ResponseStatus(HttpStatus.CREATED)
	BackendManagement.BackendView createBackend(
			@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = BackendInput.class))) @RequestBody JsonNode body) {
		return backends.create(body);
	}

	@PatchMapping("/backends/{id}")
	@PreAuthorize("hasRole('OWNER')")
	BackendManagement.BackendView updateBackend(@PathVariable String id,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = BackendInput.class))) @RequestBody JsonNode body) {
		return backends.update(id, body);
	}

	@DeleteMapping("/backends/{id}")
	@PreAuthorize("hasRole('OWNER')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void deleteBackend(@PathVariable String id) {
		backends.delete(id);
	}

	@PostMapping("/backends/{id}/check")
	@PreAuthorize("hasRole('EDITOR')")
	BackendManagement.HealthView check(@PathVariable String id) {
		return backends.check(id);
	}

	private static GenerationKind kind(String kind) {
		try {
			return kind == null ? null : GenerationKind.valueOf(kind.trim().toUpperCase());
		}
		catch (IllegalArgumentException e) {
			throw ApiProblem.badRequest("kind", "must be one of IMAGE, VIDEO, CAPTION, VOICE, CONTENT_PLAN, TALKING_CLIP, REPLY");
		}
	}
}
