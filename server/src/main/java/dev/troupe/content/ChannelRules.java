package dev.troupe.content;

import java.util.List;
import java.util.UUID;

import dev.troupe.shared.ApiProblem.FieldProblem;

/**
 * What the target channels accept and allow, implemented by the publishing module (which knows channels and
 * platforms). Field names are {@code channels.<channelId>.<field>}.
 */
public interface ChannelRules {

	/** Everything that would stop the post from being published on one of its channels. */
	List<FieldProblem> validate(Post post);

	/** True when every one of the channels has auto-approval turned on by an owner. */
	boolean autoApproves(List<UUID> channelIds);

	/** What a channel says about the disclosure line; by default the character's line is required. */
	default Disclosure disclosure(UUID channelId) {
		return new Disclosure(true, "");
	}

	/**
	 * A channel's disclosure rule.
	 *
	 * @param required false where the owner set "not required" for this channel
	 * @param line     the channel's own line, or empty for the character's
	 */
	record Disclosure(boolean required, String line) {

		public Disclosure {
			line = line == null ? "" : line;
		}
	}
}
