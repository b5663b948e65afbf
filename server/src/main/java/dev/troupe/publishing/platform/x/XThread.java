package dev.troupe.publishing.platform.x;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A variant becomes a thread where the author puts a line holding only {@code ---}: each part is one post, every
 * later part a reply to the one before. Media go with the first part. Without a marker the text is one post.
 */
final class XThread {

	private static final Pattern MARKER = Pattern.compile("(?m)^[ \\t]*---[ \\t]*$");

	private XThread() {
	}

	static List<String> split(String text) {
		var parts = new ArrayList<String>();
		for (var part : MARKER.split(text == null ? "" : text, -1)) {
			var trimmed = part.strip();
			if (!trimmed.isEmpty()) {
				parts.add(trimmed);
			}
		}
		if (parts.isEmpty()) {
			parts.add(""); // a media-only post
		}
		return parts;
	}
}
