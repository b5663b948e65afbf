package dev.troupe.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;

import dev.troupe.character.CharacterManagement;
import dev.troupe.shared.ApiProblem.FieldProblem;

/**
 * A post must carry its character's disclosure line (e.g. "AI-generated character") on every channel that
 * requires one: the channel's own line where it has an override, none where it says "not required". Checked
 * when a post is submitted and when it is scheduled. Matching ignores case and runs of whitespace, so a line
 * wrapped or capitalised differently still counts. Replies from the inbox are exempt.
 */
@Component
class DisclosureCheck {

	private final CharacterManagement characters;
	private final ChannelRules rules;

	DisclosureCheck(CharacterManagement characters, ChannelRules rules) {
		this.characters = characters;
		this.rules = rules;
	}

	List<FieldProblem> problems(Post post) {
		var problems = new ArrayList<FieldProblem>();
		if (post.replyTo() != null) {
			// an answer in a conversation under the character's own (disclosed) posts and profile: the line would
			// take a third of a 300-character reply, so replies go without it
			return problems;
		}
		String characterLine = null;
		for (var channelId : post.channelIds()) {
			var channel = rules.disclosure(channelId);
			if (!channel.required()) {
				continue;
			}
			if (characterLine == null) {
				characterLine = characters.get(post.characterId()).preferences().disclosure();
			}
			var line = channel.line().isBlank() ? characterLine : channel.line();
			if (line.isBlank() || normal(post.captionFor(channelId)).contains(normal(line))) {
				continue;
			}
			var variant = post.variants().get(channelId);
			var field = variant != null && variant.caption() != null && !variant.caption().isBlank()
					? "variants." + channelId + ".caption" : "caption";
			problems.add(new FieldProblem(field, "must contain the disclosure line \"" + line.strip() + "\" ("
					+ (channel.line().isBlank() ? "the character's" : "this channel's") + ") for channel " + channelId));
		}
		return problems;
	}

	private static String normal(String text) {
		return text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
	}
}
