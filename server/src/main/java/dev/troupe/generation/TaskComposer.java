package dev.troupe.generation;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.troupe.character.Character;
import dev.troupe.character.VisualIdentity;
import dev.troupe.generation.spi.BackendException;
import dev.troupe.generation.spi.GenerationTask;
import dev.troupe.generation.spi.GenerationTask.InputFile;
import dev.troupe.media.MediaManagement;
import dev.troupe.shared.ApiProblem;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a character plus a request into a recipe: every parameter resolved (full prompt with the character's
 * base prompt, negative prompt, LoRAs, seed by the character's seed policy, persona as system prompt). The
 * recipe is stored with the job, so "generate again" repeats it exactly; {@link #materialize} loads the media
 * it names when the job runs.
 */
@Component
class TaskComposer {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final MediaManagement media;
	private final JsonMapper json;
	private final Prompts prompts;
	private final GenerationJobs jobs;

	TaskComposer(MediaManagement media, JsonMapper json, Prompts prompts, GenerationJobs jobs) {
		this.media = media;
		this.json = json;
		this.prompts = prompts;
		this.jobs = jobs;
	}

	ObjectNode compose(Character c, GenerationKind kind, JsonNode input, long earlierJobsOfKind) {
		var in = new Input(input);
		var recipe = json.createObjectNode();
		switch (kind) {
			case IMAGE -> {
				var prompt = in.text("prompt", 4000, true);
				recipe.put("prompt", join(c.visual().basePrompt(), prompt));
				recipe.put("negativePrompt", join(c.visual().negativePrompt(), in.text("negativePrompt", 4000, false)));
				recipe.put("width", in.integer("width", 1024, 64, 4096, 8));
				recipe.put("height", in.integer("height", 1024, 64, 4096, 8));
				recipe.put("steps", in.integer("steps", 30, 1, 150, 1));
				recipe.put("cfg", in.decimal("cfg", 6.5, 0, 30));
				recipe.put("count", in.integer("count", 1, 1, 8, 1));
				recipe.put("seed", seed(c.visual(), in, earlierJobsOfKind));
				visual(recipe, c.visual());
				recipe.put("template", in.text("template", 100, false));
				if (c.visual().faceMethod() != VisualIdentity.FaceMethod.NONE && c.visual().referenceAssetIds().isEmpty()) {
					throw ApiProblem.unprocessable("visual.referenceAssetIds", "The character uses "
							+ c.visual().faceMethod() + " for face consistency: upload at least one reference image first");
				}
			}
			case VIDEO -> {
				var source = in.uuid("sourceAssetId");
				var prompt = in.text("prompt", 4000, false);
				if (source == null && prompt.isBlank()) {
					throw ApiProblem.badRequest("input.sourceAssetId", "give a source image or a prompt");
				}
				if (source != null && !media.get(source).isImage()) {
					throw ApiProblem.badRequest("input.sourceAssetId", "must be an image");
				}
				recipe.put("sourceAssetId", source == null ? null : source.toString());
				recipe.put("prompt", join(c.visual().basePrompt(), prompt));
				recipe.put("negativePrompt", c.visual().negativePrompt());
				recipe.put("width", in.integer("width", 1024, 64, 2048, 8));
				recipe.put("height", in.integer("height", 576, 64, 2048, 8));
				recipe.put("frames", in.integer("frames", 25, 2, 240, 1));
				recipe.put("fps", in.integer("fps", 8, 1, 60, 1));
				recipe.put("steps", in.integer("steps", 20, 1, 100, 1));
				recipe.put("seed", seed(c.visual(), in, earlierJobsOfKind));
				visual(recipe, c.visual());
				recipe.put("template", in.text("template", 100, false));
			}
			case CAPTION -> prompts.caption(c, recipe, in.text("idea", 2000, false), in.uuid("assetId"),
					in.strings("platforms"), in.text("thread", 4000, false));
			case CONTENT_PLAN -> prompts.plan(c, recipe, in.integer("count", 7, 1, 60, 1), in.text("from", 10, false),
					in.text("to", 10, false), in.text("idea", 2000, false));
			case VOICE -> {
				recipe.put("text", in.text("text", 2000, true));
				recipe.put("language", c.voice().ttsLanguage().isBlank() ? c.language() : c.voice().ttsLanguage());
				recipe.put("voice", c.voice().ttsVoice());
				recipe.put("referenceClipAssetId",
						c.voice().referenceClipAssetId() == null ? null : c.voice().referenceClipAssetId().toString());
				// said in the recipe, so review sees whether the voice was the character's cloned one or a preset
				recipe.put("voiceMode", c.voice().referenceClipAssetId() == null ? "preset" : "cloned");
			}
			case TALKING_CLIP -> TalkingClips.compose(c, in, recipe, media, jobs);
		}
		return recipe;
	}

	/** The same recipe with a fresh seed. */
	ObjectNode varySeed(JsonNode recipe) {
		var copy = (ObjectNode) recipe.deepCopy();
		if (copy.has("seed")) {
			copy.put("seed", randomSeed());
		}
		return copy;
	}

	GenerationTask materialize(UUID jobId, GenerationKind kind, JsonNode r) throws BackendException {
		var clip = nullable(r, "referenceClipAssetId");
		if (kind == GenerationKind.VOICE && clip != null && media.find(UUID.fromString(clip)).isEmpty()) {
			// consent was withdrawn after the job was queued: the clip is gone and must not be used
			throw new BackendException(BackendException.Kind.REJECTED_INPUT,
					"The reference voice clip was removed (voice consent withdrawn); this voice line can no longer be made");
		}
		return switch (kind) {
			case IMAGE -> new GenerationTask.ImageTask(jobId, r.path("prompt").asString(""),
					r.path("negativePrompt").asString(""), r.path("width").asInt(), r.path("height").asInt(),
					r.path("steps").asInt(), r.path("cfg").asDouble(), r.path("seed").asLong(), r.path("count").asInt(1),
					r.path("checkpoint").asString(""), loras(r), r.path("faceMethod").asString("NONE"), files(r.path("referenceAssetIds")),
					null, 1.0, nullable(r, "template"));
			case VIDEO -> new GenerationTask.VideoTask(jobId, r.path("prompt").asString(""),
					r.path("negativePrompt").asString(""), file(nullable(r, "sourceAssetId")), r.path("width").asInt(),
					r.path("height").asInt(), r.path("frames").asInt(), r.path("fps").asInt(), r.path("steps").asInt(),
					r.path("seed").asLong(), r.path("checkpoint").asString(""), loras(r), nullable(r, "template"));
			case CAPTION, CONTENT_PLAN -> new GenerationTask.TextTask(jobId, r.path("systemPrompt").asString(""),
					r.path("userPrompt").asString(""), r.path("jsonSchema").toString(), r.path("temperature").asDouble(0.8),
					r.path("maxTokens").asInt(1200), nullable(r, "model"));
			case VOICE -> new GenerationTask.VoiceTask(jobId, r.path("text").asString(""), r.path("language").asString("en"),
					r.path("voice").asString(""), file(nullable(r, "referenceClipAssetId")));
			case TALKING_CLIP -> new GenerationTask.ClipTask(jobId, present(r, "imageAssetId"), present(r, "audioAssetId"),
					r.path("caption").asString(""), r.path("width").asInt(TalkingClips.WIDTH),
					r.path("height").asInt(TalkingClips.HEIGHT));
		};
	}

	private void visual(ObjectNode recipe, VisualIdentity v) {
		recipe.put("checkpoint", v.checkpoint());
		var loras = recipe.putArray("loras");
		v.loras().forEach(l -> loras.addObject().put("name", l.name()).put("weight", l.weight()));
		recipe.put("faceMethod", v.faceMethod().name());
		var refs = recipe.putArray("referenceAssetIds");
		v.referenceAssetIds().forEach(id -> refs.add(id.toString()));
	}

	private static long seed(VisualIdentity v, Input in, long earlierJobs) {
		var given = in.node.get("seed");
		if (given != null && !given.isNull()) {
			if (!given.isIntegralNumber() || given.asLong() < 0) {
				throw ApiProblem.badRequest("input.seed", "must be a whole number, zero or more");
			}
			return given.asLong();
		}
		return switch (v.seedPolicy()) {
			case FIXED -> v.seed();
			case INCREMENT -> v.seed() + earlierJobs;
			case RANDOM -> randomSeed();
		};
	}

	private static long randomSeed() {
		return RANDOM.nextLong(0, 1L << 32);
	}

	private static List<GenerationTask.Lora> loras(JsonNode r) {
		var list = new ArrayList<GenerationTask.Lora>();
		r.path("loras").forEach(l -> list.add(new GenerationTask.Lora(l.path("name").asString(), l.path("weight").asDouble())));
		return list;
	}

	private List<InputFile> files(JsonNode ids) {
		var list = new ArrayList<InputFile>();
		ids.forEach(id -> list.add(file(id.asString())));
		return list;
	}

	/** An input that must still exist when the job runs (it may have been deleted since the job was queued). */
	private InputFile present(JsonNode r, String field) throws BackendException {
		var id = nullable(r, field);
		if (id == null || media.find(UUID.fromString(id)).isEmpty()) {
			throw new BackendException(BackendException.Kind.REJECTED_INPUT, "The " + field.replace("AssetId", "")
					+ " of this clip was deleted after the job was queued");
		}
		return file(id);
	}

	private InputFile file(String assetId) {
		if (assetId == null) {
			return null;
		}
		var asset = media.get(UUID.fromString(assetId));
		var extension = asset.contentType().substring(asset.contentType().indexOf('/') + 1);
		return new InputFile("troupe-" + asset.sha256().substring(0, 16) + "." + extension, media.bytes(asset.id()));
	}

	private static String nullable(JsonNode r, String field) {
		var value = r.get(field);
		return value == null || value.isNull() || value.asString().isBlank() ? null : value.asString();
	}

	private static String join(String base, String extra) {
		if (base == null || base.isBlank()) {
			return extra == null ? "" : extra.trim();
		}
		return extra == null || extra.isBlank() ? base.trim() : base.trim() + ", " + extra.trim();
	}

	/** Reads request input with field-level errors named {@code input.<field>}. */
	static final class Input {

		private final JsonNode node;

		Input(JsonNode node) {
			this.node = node == null ? JsonMapper.builder().build().createObjectNode() : node;
			if (!this.node.isObject()) {
				throw ApiProblem.badRequest("input", "must be a JSON object");
			}
		}

		String text(String field, int max, boolean required) {
			var value = node.get(field);
			if (value == null || value.isNull() || (value.isString() && value.asString().isBlank())) {
				if (required) {
					throw ApiProblem.badRequest("input." + field, "is required");
				}
				return "";
			}
			if (!value.isString()) {
				throw ApiProblem.badRequest("input." + field, "must be text");
			}
			if (value.asString().length() > max) {
				throw ApiProblem.badRequest("input." + field, "must be at most " + max + " characters");
			}
			return value.asString().trim();
		}

		int integer(String field, int fallback, int min, int max, int multipleOf) {
			var value = node.get(field);
			if (value == null || value.isNull()) {
				return fallback;
			}
			if (!value.isIntegralNumber() || value.asInt() < min || value.asInt() > max || value.asInt() % multipleOf != 0) {
				throw ApiProblem.badRequest("input." + field, "must be a whole number from " + min + " to " + max
						+ (multipleOf > 1 ? ", a multiple of " + multipleOf : ""));
			}
			return value.asInt();
		}

		double decimal(String field, double fallback, double min, double max) {
			var value = node.get(field);
			if (value == null || value.isNull()) {
				return fallback;
			}
			if (!value.isNumber() || value.asDouble() < min || value.asDouble() > max) {
				throw ApiProblem.badRequest("input." + field, "must be a number from " + min + " to " + max);
			}
			return value.asDouble();
		}

		/** A nested object (empty when absent), read with its own Input so its errors name "input.field.x". */
		JsonNode object(String field) {
			var value = node.get(field);
			if (value == null || value.isNull()) {
				return JsonMapper.builder().build().createObjectNode();
			}
			if (!value.isObject()) {
				throw ApiProblem.badRequest("input." + field, "must be a JSON object");
			}
			return value;
		}

		boolean flag(String field) {
			var value = node.get(field);
			if (value == null || value.isNull()) {
				return false;
			}
			if (!value.isBoolean()) {
				throw ApiProblem.badRequest("input." + field, "must be true or false");
			}
			return value.asBoolean();
		}

		UUID uuid(String field) {
			var value = text(field, 36, false);
			if (value.isEmpty()) {
				return null;
			}
			try {
				return UUID.fromString(value);
			}
			catch (IllegalArgumentException e) {
				throw ApiProblem.badRequest("input." + field, "must be an asset id");
			}
		}

		List<String> strings(String field) {
			var value = node.get(field);
			if (value == null || value.isNull()) {
				return List.of();
			}
			if (!(value instanceof ArrayNode array)) {
				throw ApiProblem.badRequest("input." + field, "must be a list");
			}
			var list = new ArrayList<String>();
			for (int i = 0; i < array.size(); i++) {
				if (!array.get(i).isString()) {
					throw ApiProblem.badRequest("input." + field + "[" + i + "]", "must be text");
				}
				list.add(array.get(i).asString());
			}
			return list;
		}
	}
}
