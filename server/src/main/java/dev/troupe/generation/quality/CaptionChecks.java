package dev.troupe.generation.quality;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * Checks a generated caption: length, banned words and whether it repeats an earlier caption in other words.
 * Repetition is judged by cosine similarity of all-MiniLM-L6-v2 (quantised) sentence embeddings, which runs in
 * process (the model ships inside the langchain4j jar), so no backend is needed. Thread-safe; the model is loaded
 * once per JVM on first use, because loading takes a noticeable moment and most processes never check captions.
 * A bean so the generation pipeline can inject it; {@code new CaptionChecks()} works just as well in tests.
 */
@Component
public final class CaptionChecks {

	/** Cosine similarity at or above which two captions say the same thing. */
	public static final double NEAR_DUPLICATE_SIMILARITY = 0.92;

	private static volatile EmbeddingModel model;

	public CaptionChecks() {
	}

	/**
	 * @param limit the platform's limit and counter; null checks no length
	 */
	public CaptionReport check(String text, CaptionLimit limit, List<String> bannedWords,
			List<float[]> earlierCaptionEmbeddings) {
		String caption = text == null ? "" : Normalizer.normalize(text, Normalizer.Form.NFC);
		List<String> flags = new ArrayList<>();
		if (caption.isBlank()) {
			flags.add("empty caption");
			return new CaptionReport(false, flags, new float[0]);
		}
		if (limit != null) {
			int length = limit.length().applyAsInt(caption);
			if (length > limit.maxLength()) {
				flags.add(length + " characters, the limit " + (limit.platform() == null ? "" : "for " + limit.platform() + " ")
						+ "is " + limit.maxLength());
			}
		}
		if (bannedWords != null) {
			for (String word : bannedWords) {
				if (word != null && !word.isBlank() && wholeWord(word).matcher(caption).find()) {
					flags.add("banned word: \"" + word.strip() + "\"");
				}
			}
		}
		float[] embedding = embed(caption);
		double closest = mostSimilar(embedding, earlierCaptionEmbeddings);
		if (closest >= NEAR_DUPLICATE_SIMILARITY) {
			flags.add(String.format(Locale.ROOT, "near-duplicate of an earlier caption (similarity %.2f)", closest));
		}
		return new CaptionReport(flags.isEmpty(), flags, embedding);
	}

	/** The caption's 384-dimensional MiniLM sentence embedding. */
	public float[] embed(String text) {
		return model().embed(text).content().vector();
	}

	public static double cosine(float[] a, float[] b) {
		double dot = 0, normA = 0, normB = 0;
		for (int i = 0; i < a.length; i++) {
			dot += a[i] * b[i];
			normA += a[i] * a[i];
			normB += b[i] * b[i];
		}
		return normA == 0 || normB == 0 ? 0 : dot / Math.sqrt(normA * normB);
	}

	private static double mostSimilar(float[] embedding, List<float[]> earlier) {
		double best = -1;
		if (earlier != null) {
			for (float[] other : earlier) {
				// Embeddings stored by another model have another length and cannot be compared.
				if (other != null && other.length == embedding.length) {
					best = Math.max(best, cosine(embedding, other));
				}
			}
		}
		return best;
	}

	/**
	 * The word not touching letters, digits or underscore on either side, so "ass" does not match "class".
	 * UNICODE_CASE makes case-insensitivity work beyond ASCII (Ü/ü); \p{L} and \p{N} cover all scripts.
	 */
	private static Pattern wholeWord(String word) {
		String normalized = Normalizer.normalize(word.strip(), Normalizer.Form.NFC);
		return Pattern.compile("(?<![\\p{L}\\p{N}\\p{M}_])" + Pattern.quote(normalized) + "(?![\\p{L}\\p{N}\\p{M}_])",
				Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
	}

	private static EmbeddingModel model() {
		EmbeddingModel loaded = model;
		if (loaded == null) {
			synchronized (CaptionChecks.class) {
				loaded = model;
				if (loaded == null) {
					loaded = new AllMiniLmL6V2QuantizedEmbeddingModel();
					model = loaded;
				}
			}
		}
		return loaded;
	}
}
