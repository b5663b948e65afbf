package dev.troupe.engagement;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.troupe.character.ContentPreferences;
import dev.troupe.engagement.InboxChannels.Blocklist;
import dev.troupe.engagement.InboxItem.Author;
import dev.troupe.engagement.InboxItem.Flag;

/**
 * Flags on incoming items and drafted replies: the character's banned words and topics ({@code banned-word}), and
 * the studio's block list ({@code blocked}: the author's account or one of its words). Words match whole words,
 * case-insensitively; accounts match the handle with or without a leading {@code @}, or the platform's account id.
 */
final class Safety {

	private Safety() {
	}

	static List<Flag> banned(String text, ContentPreferences preferences) {
		var flags = new ArrayList<Flag>();
		for (var word : preferences.bannedWords()) {
			if (contains(text, word)) {
				flags.add(new Flag("banned-word", "mentions \"" + word.strip() + "\", one of the character's banned words"));
			}
		}
		for (var topic : preferences.bannedTopics()) {
			if (contains(text, topic)) {
				flags.add(new Flag("banned-word", "touches \"" + topic.strip() + "\", one of the character's banned topics"));
			}
		}
		return flags;
	}

	static List<Flag> blocked(String text, Author author, Blocklist list) {
		var flags = new ArrayList<Flag>();
		for (var account : list.accounts()) {
			if (sameAccount(account, author)) {
				flags.add(new Flag("blocked", "the author " + account.strip() + " is on the block list"));
			}
		}
		for (var word : list.words()) {
			if (contains(text, word)) {
				flags.add(new Flag("blocked", "contains \"" + word.strip() + "\", a blocked word"));
			}
		}
		return flags;
	}

	static boolean contains(String text, String word) {
		if (text == null || word == null || word.isBlank()) {
			return false;
		}
		return Pattern.compile("(?<![\\p{L}\\p{N}_])" + Pattern.quote(word.strip()) + "(?![\\p{L}\\p{N}_])",
				Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(text).find();
	}

	private static boolean sameAccount(String blocked, Author author) {
		var wanted = normal(blocked);
		return !wanted.isEmpty() && (wanted.equals(normal(author.handle())) || wanted.equals(normal(author.id())));
	}

	private static String normal(String handle) {
		return handle == null ? "" : handle.strip().replaceFirst("^@", "").toLowerCase(Locale.ROOT);
	}
}
