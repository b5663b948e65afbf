package dev.troupe.generation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.troupe.character.CharacterManagement;
import dev.troupe.generation.GenerationJob.FaceCheck;
import dev.troupe.generation.GenerationJob.Output;
import dev.troupe.generation.GenerationJob.Quality;
import dev.troupe.generation.quality.CaptionChecks;
import dev.troupe.generation.quality.CaptionLimit;
import dev.troupe.generation.spi.BackendConfig;
import dev.troupe.generation.spi.GenerationResult;
import dev.troupe.generation.spi.Modality;
import dev.troupe.media.ImageQuality;
import dev.troupe.media.MediaKind;
import dev.troupe.media.MediaManagement;
import dev.troupe.media.Provenance;
import dev.troupe.media.ProvenanceInfo;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What happens to a finished job's output before anyone sees it: files get AI-provenance metadata and are
 * stored as media with their full recipe; images and captions are checked (decodable, size, blank,
 * near-duplicates of the character's earlier work, length, banned words). Flags do not fail the job: they
 * travel with the output to review.
 */
@Component
class OutputStage {

	private final GenerationJobs jobs;
	private final MediaManagement media;
	private final CharacterManagement characters;
	private final CaptionChecks captions;
	private final CaptionPlatforms platforms;
	private final JdbcClient jdbc;
	private final JsonMapper json;
	private final FaceChecks faces;

	OutputStage(GenerationJobs jobs, MediaManagement media, CharacterManagement characters, CaptionChecks captions,
			CaptionPlatforms platforms, JdbcClient jdbc, JsonMapper json, FaceChecks faces) {
		this.faces = faces;
		this.jobs = jobs;
		this.media = media;
		this.characters = characters;
		this.captions = captions;
		this.platforms = platforms;
		this.jdbc = jdbc;
		this.json = json;
	}

	void finish(GenerationJob job, BackendConfig backend, GenerationResult result) {
		var character = characters.get(job.characterId());
		var recipe = recipe(job, backend, result);
		var outputs = new ArrayList<Output>();
		var earlierHashes = hashes(job.characterId());
		for (var artifact : result.artifacts()) {
			var info = new ProvenanceInfo("Troupe via " + backend.type() + " (" + backend.id() + ")", character.name(),
					job.id().toString(), Instant.now());
			var stamped = Provenance.stamp(artifact.bytes(), artifact.contentType(), info);
			var asset = media.store(stamped, artifact.filename(), MediaKind.ANY, "output", job.createdBy());
			var quality = new Quality(true, List.of());
			var face = FaceCheck.notChecked("Only images are face-checked");
			if (asset.isImage()) {
				var expectedWidth = job.task().has("width") && job.kind() == GenerationKind.IMAGE ? job.task().get("width").asInt() : null;
				var expectedHeight = job.task().has("height") && job.kind() == GenerationKind.IMAGE ? job.task().get("height").asInt() : null;
				var report = ImageQuality.check(artifact.bytes(), expectedWidth, expectedHeight, earlierHashes);
				quality = new Quality(report.passed(), report.flags());
				fingerprint(job, asset.id(), report.perceptualHash(), null);
				earlierHashes.add(report.perceptualHash());
				face = faces.check(job.task(), artifact.filename(), stamped);
			}
			outputs.add(new Output(asset.id(), asset.contentType(), asset.width(), asset.height(), recipe, quality, face));
		}
		JsonNode structured = null;
		if (result.text() != null && job.kind().modality() == Modality.TEXT) {
			structured = json.readTree(result.text());
			if (job.kind() == GenerationKind.CAPTION) {
				checkCaptions(job, structured);
			}
		}
		if (outputs.isEmpty() && result.text() == null) {
			jobs.fail(job.id(), backend.id() + " finished without producing any output");
			return;
		}
		jobs.succeed(job.id(), outputs, result.text(), structured);
	}

	private Map<String, Object> recipe(GenerationJob job, BackendConfig backend, GenerationResult result) {
		var recipe = new LinkedHashMap<String, Object>();
		recipe.put("backend", backend.id());
		recipe.put("backendType", backend.type());
		job.task().properties().forEach(e -> {
			if (!e.getKey().equals("systemPrompt") && !e.getKey().equals("jsonSchema")) {
				recipe.put(e.getKey(), json.treeToValue(e.getValue(), Object.class));
			}
		});
		recipe.putAll(result.recipe());
		if (job.startedAt() != null) {
			recipe.put("seconds", Duration.between(job.startedAt(), Instant.now()).toMillis() / 1000.0);
		}
		return recipe;
	}

	/** Annotates each caption with its checks against its platform's limit, banned words and earlier captions. */
	private void checkCaptions(GenerationJob job, JsonNode structured) {
		var banned = new ArrayList<String>();
		job.task().path("bannedWords").forEach(w -> banned.add(w.asString()));
		var earlier = embeddings(job.characterId());
		var limits = platforms.limits();
		for (var caption : structured.path("captions")) {
			var platform = caption.path("platform").asString();
			var limit = limits.get(platform); // null: a platform this server no longer has, so no length to check
			var written = job.task().path("limits").path(platform);
			if (limit != null && written.isInt()) {
				limit = new CaptionLimit(platform, written.asInt(), limit.length()); // the limit the prompt asked for
			}
			var report = captions.check(caption.path("text").asString(""), limit, banned, earlier);
			var quality = ((ObjectNode) caption).putObject("quality").put("passed", report.passed());
			var flags = quality.putArray("flags");
			report.flags().forEach(flags::add);
			fingerprint(job, null, null, report.embedding());
			earlier.add(report.embedding());
		}
	}

	private List<Long> hashes(UUID characterId) {
		return new ArrayList<>(jdbc.sql("select phash from generation_fingerprints where character_id = ? and phash is not null")
			.param(characterId).query(Long.class).list());
	}

	private List<float[]> embeddings(UUID characterId) {
		return new ArrayList<>(jdbc.sql("select embedding from generation_fingerprints where character_id = ? and embedding is not null")
			.param(characterId).query((rs, n) -> {
				var values = (Float[]) rs.getArray(1).getArray();
				var vector = new float[values.length];
				for (int i = 0; i < values.length; i++) {
					vector[i] = values[i];
				}
				return vector;
			}).list());
	}

	private void fingerprint(GenerationJob job, UUID assetId, Long phash, float[] embedding) {
		Float[] boxed = null;
		if (embedding != null) {
			boxed = new Float[embedding.length];
			for (int i = 0; i < embedding.length; i++) {
				boxed[i] = embedding[i];
			}
		}
		var vector = boxed;
		jdbc.sql("""
				insert into generation_fingerprints (job_id, character_id, asset_id, phash, embedding, created_at)
				values (?, ?, ?, ?, ?, now())""")
			.params(job.id(), job.characterId(), assetId, phash, vector)
			.update();
	}
}
