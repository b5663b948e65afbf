package dev.troupe.generation.spi;

import java.util.List;
import java.util.UUID;

/**
 * Work for a backend, already composed from the character and the request (persona → system prompt, visual
 * identity → prompt, LoRAs, references). One record per modality.
 */
public sealed interface GenerationTask {

	UUID jobId();

	Modality modality();

	/** A LoRA by file/model name with its weight. */
	record Lora(String name, double weight) {
	}

	/** An input file (reference face, source frame, voice clip) with a file name the server may keep. */
	record InputFile(String filename, byte[] bytes) {
	}

	/**
	 * Text-to-image (or image-to-image when {@code initImage} is set). {@code template} names a workflow for
	 * workflow-based servers (ComfyUI); {@code faceMethod} is NONE, IP_ADAPTER_FACEID, INSTANTID or PULID.
	 */
	record ImageTask(UUID jobId, String prompt, String negativePrompt, int width, int height, int steps, double cfg,
			long seed, int count, String checkpoint, List<Lora> loras, String faceMethod,
			List<InputFile> references, InputFile initImage, double denoise, String template) implements GenerationTask {

		public ImageTask {
			loras = loras == null ? List.of() : List.copyOf(loras);
			references = references == null ? List.of() : List.copyOf(references);
			count = Math.max(1, count);
		}

		public Modality modality() {
			return Modality.IMAGE;
		}
	}

	/** Image-to-video (Stable Video Diffusion) or text-to-video (AnimateDiff) through a workflow template. */
	record VideoTask(UUID jobId, String prompt, String negativePrompt, InputFile source, int width, int height,
			int frames, int fps, int steps, long seed, String checkpoint, List<Lora> loras, String template)
			implements GenerationTask {

		public VideoTask {
			loras = loras == null ? List.of() : List.copyOf(loras);
		}

		public Modality modality() {
			return Modality.VIDEO;
		}
	}

	/**
	 * A chat completion. {@code jsonSchema} (a JSON Schema document as a string) asks for structured output;
	 * null means free text.
	 */
	record TextTask(UUID jobId, String systemPrompt, String userPrompt, String jsonSchema, double temperature,
			int maxTokens, String model) implements GenerationTask {

		public Modality modality() {
			return Modality.TEXT;
		}
	}

	/** Text to speech, optionally cloning the character's consented reference clip. */
	record VoiceTask(UUID jobId, String text, String language, String voice, InputFile referenceClip)
			implements GenerationTask {

		public Modality modality() {
			return Modality.VOICE;
		}
	}

	/**
	 * A vertical talking clip: the still {@code image} with a slow pan and zoom, {@code audio} (the voice line) as
	 * its sound track, and {@code caption} burned in when not blank. {@code width}×{@code height} is the frame.
	 */
	record ClipTask(UUID jobId, InputFile image, InputFile audio, String caption, int width, int height)
			implements GenerationTask {

		public ClipTask {
			caption = caption == null ? "" : caption.strip();
		}

		public Modality modality() {
			return Modality.CLIP;
		}
	}
}
