package dev.troupe.generation;

import java.util.UUID;

import dev.troupe.character.Character;
import dev.troupe.generation.TaskComposer.Input;
import dev.troupe.media.MediaAsset;
import dev.troupe.media.MediaManagement;
import dev.troupe.shared.ApiProblem;
import tools.jackson.databind.node.ObjectNode;

/**
 * The recipe of a talking clip: an image, a voice line and an optional caption, as a vertical 1080×1920 clip (the
 * short-video frame Reels, Shorts and TikTok take). The voice line is either one Troupe made for this character
 * (a voice job's output, itself under the character's voice rules) or an uploaded recording, which carries a
 * real person's voice and so needs a consent statement saying whose voice it is, recorded in the recipe.
 */
final class TalkingClips {

	static final int WIDTH = 1080;
	static final int HEIGHT = 1920;

	private TalkingClips() {
	}

	static void compose(Character c, Input in, ObjectNode recipe, MediaManagement media, GenerationJobs jobs) {
		var image = asset(in, "imageAssetId", media);
		if (!image.isImage()) {
			throw ApiProblem.badRequest("input.imageAssetId", "must be an image");
		}
		var audio = asset(in, "audioAssetId", media);
		if (!audio.isAudio()) {
			throw ApiProblem.badRequest("input.audioAssetId", "must be an audio file (a voice line)");
		}
		var caption = in.text("caption", 1000, false);
		var line = jobs.voiceLine(c.id(), audio.id());
		if (line.isPresent()) {
			recipe.put("audioOrigin", "voice-line");
			recipe.put("voiceJobId", line.get().id().toString());
			recipe.put("voiceMode", line.get().task().path("voiceMode").asString("preset"));
			if (caption.isEmpty() && in.flag("captionFromVoiceLine")) {
				caption = line.get().task().path("text").asString("");
			}
		}
		else {
			if (in.flag("captionFromVoiceLine")) {
				throw ApiProblem.badRequest("input.captionFromVoiceLine",
						"only a voice line Troupe made has its words on record: type the caption instead");
			}
			var consent = new Input(in.object("consent"));
			var speaker = text(consent, "speaker", 200);
			var statement = text(consent, "statement", 2000);
			recipe.put("audioOrigin", "upload");
			recipe.putObject("consent").put("speaker", speaker).put("statement", statement);
		}
		recipe.put("imageAssetId", image.id().toString());
		recipe.put("audioAssetId", audio.id().toString());
		recipe.put("caption", caption);
		recipe.put("width", WIDTH);
		recipe.put("height", HEIGHT);
	}

	private static String text(Input consent, String field, int max) {
		try {
			return consent.text(field, max, true);
		}
		catch (ApiProblem e) {
			throw ApiProblem.badRequest("input.consent." + field, "an uploaded recording is a real person's voice: say "
					+ (field.equals("speaker") ? "whose voice it is" : "what they agreed to") + " (at most " + max
					+ " characters)");
		}
	}

	private static MediaAsset asset(Input in, String field, MediaManagement media) {
		UUID id = in.uuid(field);
		if (id == null) {
			throw ApiProblem.badRequest("input." + field, "is required");
		}
		return media.find(id).orElseThrow(() -> ApiProblem.badRequest("input." + field, "no such asset"));
	}
}
