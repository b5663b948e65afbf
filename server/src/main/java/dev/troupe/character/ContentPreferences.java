package dev.troupe.character;

import java.util.List;

/**
 * What the character posts about and how: pillars (recurring topics), tone, hashtags, words and topics it
 * never uses, and a disclosure line added to its posts (e.g. "AI-generated character").
 */
public record ContentPreferences(List<String> pillars, String tone, List<String> hashtags, List<String> bannedWords,
		List<String> bannedTopics, String disclosure) {

	public ContentPreferences {
		pillars = pillars == null ? List.of() : List.copyOf(pillars);
		tone = tone == null ? "" : tone;
		hashtags = hashtags == null ? List.of() : List.copyOf(hashtags);
		bannedWords = bannedWords == null ? List.of() : List.copyOf(bannedWords);
		bannedTopics = bannedTopics == null ? List.of() : List.copyOf(bannedTopics);
		disclosure = disclosure == null ? "" : disclosure;
	}

	static ContentPreferences empty() {
		return new ContentPreferences(null, null, null, null, null, null);
	}
}
