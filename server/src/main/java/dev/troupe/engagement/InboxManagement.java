package dev.troupe.engagement;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import dev.troupe.character.CharacterManagement;
import dev.troupe.content.Post;
import dev.troupe.content.PostManagement;
import dev.troupe.content.PostManagement.PostInput;
import dev.troupe.engagement.InboxChannels.Blocklist;
import dev.troupe.engagement.InboxChannels.Settings;
import dev.troupe.engagement.InboxEvents.InboxChanged;
import dev.troupe.engagement.InboxItem.State;
import dev.troupe.engagement.InboxItems.Filter;
import dev.troupe.publishing.InboxSources;
import dev.troupe.shared.Actors;
import dev.troupe.shared.ApiProblem;
import dev.troupe.shared.ApiProblem.FieldProblem;

/**
 * The inbox's API: reading and triaging items, answering them with reply posts (reviewed like any post unless the
 * channel's auto-approval of replies is on, allowed by the platform, and the conversation is under its limit), the
 * block list, and each channel's inbox settings.
 */
@Service
class InboxManagement {

	static final int MAX_LIMIT = 200;

	private final InboxItems items;
	private final InboxChannels channels;
	private final InboxSources sources;
	private final PostManagement posts;
	private final CharacterManagement characters;
	private final ApplicationEventPublisher events;
	private final InboxPolling polling;

	InboxManagement(InboxItems items, InboxChannels channels, InboxSources sources, PostManagement posts,
			CharacterManagement characters, ApplicationEventPublisher events, InboxPolling polling) {
		this.items = items;
		this.channels = channels;
		this.sources = sources;
		this.posts = posts;
		this.characters = characters;
		this.events = events;
		this.polling = polling;
	}

	record Page(List<InboxItem> items, int openCount) {
	}

	Page list(Filter filter, Integer limit) {
		if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
			throw ApiProblem.badRequest("limit", "must be between 1 and " + MAX_LIMIT);
		}
		if (filter.q() != null && filter.q().length() > 200) {
			throw ApiProblem.badRequest("q", "must be at most 200 characters");
		}
		var open = items.count(new Filter(filter.characterId(), filter.channelId(), filter.platform(), null, null, null));
		return new Page(items.search(filter, limit == null ? 50 : limit), open);
	}

	int openCount() {
		return items.count(new Filter(null, null, null, null, null, null));
	}

	InboxItem get(UUID id) {
		return items.find(id).orElseThrow(() -> ApiProblem.notFound("Inbox item", id));
	}

	InboxItem dismiss(UUID id) {
		get(id);
		items.state(id, State.DISMISSED, List.of(State.OPEN, State.ANSWERED, State.DISMISSED));
		return get(id);
	}

	/** Back to open; an item that was answered keeps its reply post. */
	InboxItem reopen(UUID id) {
		get(id);
		items.state(id, State.OPEN, List.of(State.DISMISSED, State.ANSWERED, State.OPEN));
		return get(id);
	}

	/** @param automatically whether the reply was approved by the channel's auto-approval; {@code note} says why not */
	record Reply(UUID postId, String state, boolean automatically, String note) {
	}

	/**
	 * Writes the answer as a reply post on the item's channel and submits it for review; approves it at once only
	 * when the channel's auto-approval of replies is on, the platform allows it, the text has no flag, and the
	 * conversation has had fewer automatic replies than the channel allows.
	 */
	Reply reply(UUID id, String text) {
		var item = get(id);
		if (text == null || text.isBlank()) {
			throw ApiProblem.badRequest("text", "is required: the reply to send");
		}
		if (item.state() == State.DISMISSED) {
			throw ApiProblem.conflict("state", "The item is dismissed; reopen it before answering");
		}
		var source = sources.find(item.channelId())
			.orElseThrow(() -> ApiProblem.conflict("channelId", "The item's channel is gone or cannot read its inbox"));
		var input = new PostInput(item.characterId(), text.strip(), List.of(), List.of(item.channelId()), null, null,
				new Post.ReplyTo(item.remoteId(), item.replyRefs()));
		var post = posts.create(input, null, null).post();
		Post submitted;
		try {
			submitted = posts.submit(post.id());
		}
		catch (RuntimeException refused) {
			posts.delete(post.id()); // it did not fit the channel: nothing half-made stays behind
			throw refused;
		}
		var settings = channels.settings(item.channelId());
		var automatically = false;
		String note = null;
		if (settings.autoApproveReplies()) {
			var flags = Safety.banned(text, characters.get(item.characterId()).preferences());
			if (!source.inbox().autoReplyAllowed()) {
				note = "auto-approval is not allowed on " + source.platformName() + "; the reply waits for review";
			}
			else if (!flags.isEmpty()) {
				note = "the reply " + flags.get(0).reason() + "; it waits for review";
			}
			else if (items.automaticReplies(item.channelId(), item.threadKey()) >= settings.maxAutoRepliesPerConversation()) {
				note = "this conversation already had " + settings.maxAutoRepliesPerConversation()
						+ " automatic replies (the channel's limit); the reply waits for review";
			}
			else {
				submitted = posts.approveAutomatically(post.id(),
						"auto-approved: the channel's inbox auto-approval of replies is on");
				automatically = true;
			}
		}
		items.answered(item.id(), post.id(), automatically);
		return new Reply(post.id(), posts.get(post.id()).state().name(), automatically, note);
	}

	Blocklist blocklist() {
		return channels.blocklist();
	}

	Blocklist blocklist(Blocklist list) {
		if (list == null) {
			throw ApiProblem.badRequest("body", "is required: {\"accounts\": [...], \"words\": [...]}");
		}
		var problems = new ArrayList<FieldProblem>();
		check(problems, "accounts", list.accounts(), 500);
		check(problems, "words", list.words(), 100);
		if (!problems.isEmpty()) {
			throw ApiProblem.invalid(problems);
		}
		var clean = new Blocklist(list.accounts().stream().map(String::strip).distinct().toList(),
				list.words().stream().map(String::strip).distinct().toList());
		channels.blocklist(clean);
		events.publishEvent(new InboxChanged("inbox-blocklist", "studio", Actors.current(), "inbox.blocklist.changed",
				Map.of("accounts", clean.accounts().size(), "words", clean.words().size())));
		return clean;
	}

	/** A channel's inbox settings, with what its platform allows. */
	record ChannelInbox(boolean enabled, boolean autoApproveReplies, int maxAutoRepliesPerConversation,
			boolean autoReplyAllowed, String automationNote, List<String> kinds, Instant lastPolledAt, String lastError) {
	}

	record ChannelInboxInput(Boolean enabled, Boolean autoApproveReplies, Integer maxAutoRepliesPerConversation) {
	}

	ChannelInbox channel(UUID channelId) {
		var source = source(channelId);
		var s = channels.settings(channelId);
		var position = channels.position(channelId);
		return new ChannelInbox(s.enabled(), s.autoApproveReplies(), s.maxAutoRepliesPerConversation(),
				source.inbox().autoReplyAllowed(), source.inbox().automationNote(), source.inbox().kinds(),
				position.lastPolledAt(), position.lastError());
	}

	ChannelInbox channel(UUID channelId, ChannelInboxInput in) {
		var source = source(channelId);
		if (in == null) {
			throw ApiProblem.badRequest("body", "is required");
		}
		var current = channels.settings(channelId);
		var next = new Settings(in.enabled() == null ? current.enabled() : in.enabled(),
				in.autoApproveReplies() == null ? current.autoApproveReplies() : in.autoApproveReplies(),
				in.maxAutoRepliesPerConversation() == null ? current.maxAutoRepliesPerConversation()
						: in.maxAutoRepliesPerConversation());
		if (next.maxAutoRepliesPerConversation() < 1 || next.maxAutoRepliesPerConversation() > 50) {
			throw ApiProblem.badRequest("maxAutoRepliesPerConversation", "must be between 1 and 50");
		}
		if (next.autoApproveReplies() && !source.inbox().autoReplyAllowed()) {
			var rule = source.inbox().automationNote() == null ? "its rules do not allow automated replies"
					: source.inbox().automationNote();
			throw ApiProblem.unprocessable("autoApproveReplies",
					source.platformName() + " does not allow automatic replies: " + rule);
		}
		channels.save(channelId, next);
		var detail = new LinkedHashMap<String, Object>();
		detail.put("enabled", next.enabled());
		detail.put("autoApproveReplies", next.autoApproveReplies());
		detail.put("maxAutoRepliesPerConversation", next.maxAutoRepliesPerConversation());
		var action = next.autoApproveReplies() && !current.autoApproveReplies() ? "inbox.auto-approval.enabled"
				: !next.autoApproveReplies() && current.autoApproveReplies() ? "inbox.auto-approval.disabled"
						: "inbox.settings.changed";
		events.publishEvent(new InboxChanged("channel", channelId.toString(), Actors.current(), action, detail));
		if (next.enabled()) {
			polling.start(channelId, Instant.now());
		}
		return channel(channelId);
	}

	private InboxSources.Source source(UUID channelId) {
		return sources.find(channelId).orElseThrow(() -> sources.exists(channelId)
				? ApiProblem.unprocessable("channelId", "this channel's platform has no inbox Troupe can read")
				: ApiProblem.notFound("Channel", channelId));
	}

	private static void check(List<FieldProblem> problems, String field, List<String> values, int max) {
		if (values.size() > 1000) {
			problems.add(new FieldProblem(field, "at most 1000 entries"));
		}
		for (int i = 0; i < values.size(); i++) {
			var value = values.get(i);
			if (value == null || value.isBlank() || value.length() > max) {
				problems.add(new FieldProblem(field + "[" + i + "]", "must be a text of 1 to " + max + " characters"));
			}
		}
	}
}
