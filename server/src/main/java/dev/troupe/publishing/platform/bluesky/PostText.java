package dev.troupe.publishing.platform.bluesky;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.troupe.publishing.spi.TextCounting;

/**
 * What Bluesky needs to know about a post's text beyond its length: its rich-text facets, which point into the
 * text by UTF-8 byte offsets.
 */
final class PostText {

	/** One facet: the byte range and the feature ({@code link} with a URI, or {@code tag} without the '#'). */
	record Facet(int byteStart, int byteEnd, String kind, String value) {
	}

	private static final Pattern LINK = Pattern.compile("(?<=^|\\s|\\()https?://[^\\s]+");
	// the app's rule: '#' after a boundary, then a tag that is not only digits; trailing punctuation is not part of it
	private static final Pattern TAG = Pattern.compile("(?<=^|\\s)[#＃]([^\\s#＃\\u00AD\\u2060\\u200A-\\u200D\\u20E2]+)");
	private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("\\p{P}+$");
	private static final int MAX_TAG_LENGTH = 64;

	private PostText() {
	}

	static int bytes(String text) {
		return TextCounting.UTF8_BYTES.count(text, -1);
	}

	/** Links and hashtags; mentions are left out because they need the handle resolved to a DID. */
	static List<Facet> facets(String text) {
		var facets = new ArrayList<Facet>();
		var links = LINK.matcher(text);
		while (links.find()) {
			var url = trimUrl(links.group());
			facets.add(facet(text, links.start(), url, "link", url));
		}
		var tags = TAG.matcher(text);
		while (tags.find()) {
			var tag = TRAILING_PUNCTUATION.matcher(tags.group(1)).replaceAll("");
			if (!tag.isEmpty() && !tag.chars().allMatch(Character::isDigit) && tag.length() <= MAX_TAG_LENGTH) {
				facets.add(facet(text, tags.start(), tags.group().charAt(0) + tag, "tag", tag));
			}
		}
		return facets;
	}

	private static Facet facet(String text, int start, String matched, String kind, String value) {
		int byteStart = bytes(text.substring(0, start));
		return new Facet(byteStart, byteStart + bytes(matched), kind, value);
	}

	/** "see https://x.org/a." ends the sentence, not the URL; a closing parenthesis only belongs if one opened. */
	private static String trimUrl(String url) {
		var trimmed = url.replaceAll("[.,;:!?\"']+$", "");
		if (trimmed.endsWith(")") && !trimmed.contains("(")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		return trimmed;
	}
}
