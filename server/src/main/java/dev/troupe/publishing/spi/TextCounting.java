package dev.troupe.publishing.spi;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a platform counts the length of a post. The one implementation used by validation and caption generation;
 * the dashboard's counter mirrors it. A URL counts as {@code urlLength} characters when that is not negative
 * (Mastodon and X count every link as 23, however long).
 */
public enum TextCounting {

	/** What a reader sees as one character (extended grapheme clusters): Bluesky. */
	GRAPHEMES("graphemes"),
	/** Unicode code points: Mastodon, Telegram, Discord. */
	CHARACTERS("characters"),
	/** Bytes of the UTF-8 encoding. */
	UTF8_BYTES("utf8Bytes"),
	/**
	 * Like X (twitter-text 3): code points in the Latin and general punctuation ranges count 1, all others 2, an
	 * emoji (with its modifiers and joiners) counts 2, and a URL counts as {@code urlLength} (23).
	 */
	WEIGHTED("weighted");

	// \X is an extended grapheme cluster; Java 17's BreakIterator splits ZWJ emoji sequences such as 👩‍👩‍👧
	private static final Pattern GRAPHEME = Pattern.compile("\\X");
	private static final Pattern URL = Pattern.compile("https?://\\S+");
	private static final int[][] LIGHT_RANGES = { { 0, 4351 }, { 8192, 8205 }, { 8208, 8223 }, { 8242, 8247 } };

	private final String json;

	TextCounting(String json) {
		this.json = json;
	}

	@JsonValue
	public String json() {
		return json;
	}

	/** The length of {@code text}; each URL counts as {@code urlLength} when that is zero or more. */
	public int count(String text, int urlLength) {
		if (text == null || text.isEmpty()) {
			return 0;
		}
		var rest = text;
		int urls = 0;
		if (urlLength >= 0) {
			var matcher = URL.matcher(text);
			var without = new StringBuilder();
			while (matcher.find()) {
				urls++;
				matcher.appendReplacement(without, "");
			}
			matcher.appendTail(without);
			rest = without.toString();
		}
		return measure(rest) + urls * Math.max(urlLength, 0);
	}

	private int measure(String text) {
		return switch (this) {
			case GRAPHEMES -> (int) GRAPHEME.matcher(text).results().count();
			case CHARACTERS -> text.codePointCount(0, text.length());
			case UTF8_BYTES -> text.getBytes(StandardCharsets.UTF_8).length;
			case WEIGHTED -> weighted(text);
		};
	}

	private static int weighted(String text) {
		var clusters = GRAPHEME.matcher(text);
		int weight = 0;
		while (clusters.find()) {
			var cluster = clusters.group();
			if (emoji(cluster)) {
				weight += 2;
				continue;
			}
			weight += cluster.codePoints().map(TextCounting::weight).sum();
		}
		return weight;
	}

	private static int weight(int codePoint) {
		for (var range : LIGHT_RANGES) {
			if (codePoint >= range[0] && codePoint <= range[1]) {
				return 1;
			}
		}
		return 2;
	}

	/** Java 17 has no Emoji property; pictographs, dingbats and anything joined or styled as emoji count as one. */
	private static boolean emoji(String cluster) {
		var first = cluster.codePointAt(0);
		return first >= 0x1F000 && first <= 0x1FAFF || first >= 0x2600 && first <= 0x27BF
				|| cluster.indexOf('\u200D') >= 0 || cluster.indexOf('\uFE0F') >= 0;
	}
}
