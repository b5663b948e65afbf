package dev.troupe.publishing.platform.threads;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Threads counts a post's 500 characters as characters, except that an emoji counts as the number of its UTF-8
 * bytes (Threads posts reference: "emojis are counted as the number of UTF-8 bytes").
 */
final class ThreadsText {

	private static final Pattern GRAPHEME = Pattern.compile("\\X");

	private ThreadsText() {
	}

	static int length(String text) {
		var clusters = GRAPHEME.matcher(text == null ? "" : text);
		int length = 0;
		while (clusters.find()) {
			var cluster = clusters.group();
			length += emoji(cluster) ? cluster.getBytes(StandardCharsets.UTF_8).length : cluster.codePointCount(0, cluster.length());
		}
		return length;
	}

	private static boolean emoji(String cluster) {
		var first = cluster.codePointAt(0);
		return first >= 0x1F000 && first <= 0x1FAFF || first >= 0x2600 && first <= 0x27BF
				|| cluster.indexOf('\u200D') >= 0 || cluster.indexOf('\uFE0F') >= 0;
	}
}
