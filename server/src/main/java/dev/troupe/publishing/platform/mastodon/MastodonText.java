package dev.troupe.publishing.platform.mastodon;

import java.util.regex.Pattern;

/**
 * Counts characters the way Mastodon does: every URL counts as a fixed number of characters (23 by default)
 * however long it is, and a remote mention {@code @user@domain} counts only as {@code @user}.
 */
final class MastodonText {

	private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"]+");
	private static final Pattern REMOTE_MENTION = Pattern.compile("(?<![\\w/])(@\\w+)@[\\w.-]+\\w");

	private MastodonText() {
	}

	static int length(String text, int charactersPerUrl) {
		var urls = URL.matcher(text);
		var withoutUrls = new StringBuilder();
		int urlCount = 0;
		while (urls.find()) {
			urls.appendReplacement(withoutUrls, "");
			urlCount++;
		}
		urls.appendTail(withoutUrls);
		var counted = REMOTE_MENTION.matcher(withoutUrls).replaceAll("$1");
		return counted.codePointCount(0, counted.length()) + urlCount * charactersPerUrl;
	}
}
