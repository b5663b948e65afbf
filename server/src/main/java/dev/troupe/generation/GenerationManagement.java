package dev.troupe.generation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.troupe.character.CharacterManagement;
import dev.troupe.shared.Actors;
import dev.troupe.shared.ApiProblem;
import tools.jackson.databind.JsonNode;

/**
 * The generation module's API: start, follow, cancel and repeat jobs. A job row and its scheduled execution
 * are written in one transaction: both exist or neither.
 */
@Service
public class GenerationManagement {

	private final GenerationJobs jobs;
	private final CharacterManagement characters;
	private final TaskComposer composer;
	private final JobRunner runner;
	private final BackendRegistry registry;
	private final ContinuityCheck continuity;

	GenerationManagement(GenerationJobs jobs, CharacterManagement characters, TaskComposer composer, JobRunner runner,
			BackendRegistry registry, ContinuityCheck continuity) {
		this.continuity = continuity;
		this.jobs = jobs;
		this.characters = characters;
		this.composer = composer;
		this.runner = runner;
		this.registry = registry;
	}

	@Transactional
	public GenerationJob start(UUID characterId, GenerationKind kind, JsonNode input) {
		if (characterId == null) {
			throw ApiProblem.badRequest("characterId", "is required");
		}
		if (kind == null) {
			throw ApiProblem.badRequest("kind", "must be one of IMAGE, VIDEO, CAPTION, VOICE, CONTENT_PLAN, TALKING_CLIP, REPLY");
		}
		var character = characters.get(characterId);
		var recipe = composer.compose(character, kind, input, jobs.countForCharacter(characterId, kind));
		return enqueue(characterId, kind, input, recipe);
	}

	@Transactional
	public GenerationJob again(UUID id, boolean varySeed) {
		var job = get(id);
		var recipe = varySeed ? composer.varySeed(job.task()) : job.task();
		return enqueue(job.characterId(), job.kind(), job.input(), recipe);
	}

	public GenerationJob cancel(UUID id) {
		var job = get(id);
		if (jobs.cancel(id) && job.status() == JobStatus.RUNNING && job.remote() != null) {
			registry.get(job.backendId()).ifPresent(l -> l.backend().cancel(job.remote()));
		}
		return get(id);
	}

	public GenerationJob get(UUID id) {
		return jobs.find(id).orElseThrow(() -> ApiProblem.notFound("Generation job", id));
	}

	/** One asset's face check, as review shows it beside the post's media. */
	public record AssetFaceCheck(UUID assetId, GenerationJob.FaceCheck faceCheck) {
	}

	/** The face check of each asset: from the job that produced it, "not-checked" for anything else. */
	public List<AssetFaceCheck> faceChecks(List<UUID> assetIds) {
		return assetIds.stream().map(id -> new AssetFaceCheck(id, jobs.producerOf(id)
			.flatMap(job -> job.outputs().stream().filter(o -> id.equals(o.assetId())).findFirst())
			.map(GenerationJob.Output::faceCheck)
			.orElse(GenerationJob.FaceCheck.notChecked("Not an image Troupe generated")))).toList();
	}

	public List<GenerationJob> list(UUID characterId, JobStatus status, int limit) {
		return jobs.list(characterId, status, limit);
	}

	/**
	 * Whether {@code caption} contradicts the character's persona or lore, asked of the configured text backend
	 * while the caller waits. Call outside a transaction: it waits for the backend.
	 */
	public Continuity checkContinuity(UUID characterId, String caption) {
		return continuity.check(characterId, caption);
	}

	byte[] preview(UUID id) {
		return jobs.preview(id).orElseThrow(() -> ApiProblem.notFound("Preview of generation job", id));
	}

	private GenerationJob enqueue(UUID characterId, GenerationKind kind, JsonNode input, JsonNode recipe) {
		var id = UUID.randomUUID();
		jobs.insert(id, characterId, kind, input, recipe, Actors.current());
		runner.schedule(id, Instant.now());
		return get(id);
	}
}
