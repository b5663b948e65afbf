package dev.troupe.character;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ContentDisposition;
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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import dev.troupe.shared.ApiProblem;
import tools.jackson.databind.JsonNode;

/**
 * Characters over HTTP. Viewers read; editors (and owners) write.
 */
@RestController
@RequestMapping("/api/v1/characters")
class CharacterController {

	private final CharacterManagement characters;

	CharacterController(CharacterManagement characters) {
		this.characters = characters;
	}

	@GetMapping
	@PreAuthorize("hasRole('VIEWER')")
	List<Character> list(@RequestParam(required = false) String q) {
		return characters.search(q);
	}

	@PostMapping
	@PreAuthorize("hasRole('EDITOR')")
	@ResponseStatus(HttpStatus.CREATED)
	Character create(@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = Character.class))) @RequestBody JsonNode body) {
		return characters.create(body);
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasRole('VIEWER')")
	ResponseEntity<Character> get(@PathVariable UUID id) {
		var character = characters.get(id);
		return ResponseEntity.ok().eTag(String.valueOf(character.version())).body(character);
	}

	@PatchMapping(path = "/{id}", consumes = { MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json" })
	@PreAuthorize("hasRole('EDITOR')")
	Character update(@PathVariable UUID id,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = Character.class))) @RequestBody JsonNode patch,
			@RequestHeader(name = "If-Match", required = false) String ifMatch) {
		return characters.update(id, patch, version(ifMatch));
	}

	@DeleteMapping("/{id}")
	@PreAuthorize("hasRole('EDITOR')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable UUID id, @RequestHeader(name = "If-Match", required = false) String ifMatch) {
		characters.delete(id, version(ifMatch));
	}

	@PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasRole('EDITOR')")
	ResponseEntity<Character> importCard(@RequestPart("file") MultipartFile file,
			@RequestParam(required = false) String handle, @RequestParam(defaultValue = "false") boolean dryRun)
			throws IOException {
		var character = characters.importCard(file.getBytes(), file.getOriginalFilename(), handle, dryRun);
		return ResponseEntity.status(dryRun ? HttpStatus.OK : HttpStatus.CREATED).body(character);
	}

	@GetMapping("/{id}/card")
	@PreAuthorize("hasRole('VIEWER')")
	ResponseEntity<byte[]> card(@PathVariable UUID id, @RequestParam(defaultValue = "png") String format,
			@RequestParam(defaultValue = "v3") String spec) {
		var card = characters.exportCard(id, format, spec);
		return ResponseEntity.ok().contentType(MediaType.parseMediaType(card.contentType()))
				.header("Content-Disposition", ContentDisposition.attachment().filename(card.filename()).build().toString())
				.body(card.bytes());
	}

	@PostMapping(path = "/{id}/avatar", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasRole('EDITOR')")
	Character avatar(@PathVariable UUID id, @RequestPart("file") MultipartFile file) throws IOException {
		return characters.setAvatar(id, file.getBytes(), file.getOriginalFilename());
	}

	@PostMapping(path = "/{id}/references", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasRole('EDITOR')")
	@ResponseStatus(HttpStatus.CREATED)
	Character addReference(@PathVariable UUID id, @RequestPart("file") MultipartFile file) throws IOException {
		return characters.addReference(id, file.getBytes(), file.getOriginalFilename());
	}

	@DeleteMapping("/{id}/references/{assetId}")
	@PreAuthorize("hasRole('EDITOR')")
	Character removeReference(@PathVariable UUID id, @PathVariable UUID assetId) {
		return characters.removeReference(id, assetId);
	}

	@PostMapping(path = "/{id}/voice/reference", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasRole('EDITOR')")
	@ResponseStatus(HttpStatus.CREATED)
	Character voiceReference(@PathVariable UUID id, @RequestPart("file") MultipartFile file) throws IOException {
		return characters.setVoiceReference(id, file.getBytes(), file.getOriginalFilename());
	}

	@DeleteMapping("/{id}/voice/consent")
	@PreAuthorize("hasRole('EDITOR')")
	Character withdrawVoiceConsent(@PathVariable UUID id) {
		return characters.withdrawVoiceConsent(id);
	}

	private static Integer version(String ifMatch) {
		if (ifMatch == null || ifMatch.isBlank() || ifMatch.equals("*")) {
			return null;
		}
		try {
			return Integer.valueOf(ifMatch.replace("W/", "").replace("\"", "").trim());
		}
		catch (NumberFormatException e) {
			throw ApiProblem.badRequest("If-Match", "must be the character's version, e.g. \"3\"");
		}
	}
}
