package dev.troupe.engagement;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.troupe.character.CharacterManagement;
import dev.troupe.engagement.InboxItem.Author;
import dev.troupe.engagement.InboxItem.Flag;
import dev.troupe.generation.GenerationJob;
import dev.troupe.generation.GenerationKind;
import dev.troupe.generation.GenerationManagement;
import dev.troupe.publishing.InboxSources;
import dev.troupe.publishing.spi.PlatformException;
import dev.troupe.publishing.spi.PlatformInbox;
import dev.troupe.shared.ApiProblem;
import tools.jackson.databind.json.JsonMapper;

/**
 * An item with its context (the conversation, root first, read from the platform when it answers, else as
 * collected; the character's original post) and its drafted replies: a generation job on the text backend writes
 * 1–3 candidates from the persona, the lore the conversation triggers, the original post and the thread, within the
 * channel's text limit. Drafts are flagged like incoming items.
 */
@Component
class InboxConversations {

	private static final Logger log = LoggerFactory.getLogger(InboxConversations.class);

	private final InboxItems items;
	private final InboxSources sources;
	private final GenerationManagement generation;
	private final CharacterManagement characters;
	private final JsonMapper json;

	InboxConversations(InboxItems items, InboxSources sources, GenerationManagement generation,
			CharacterManagement characters, JsonMapper json) {
		this.items = items;
		this.sources = sources;
		this.generation = generation;
		this.characters = characters;
		this.json = json;
	}

	/** One message of the conversation; {@code itemId} when Troupe collected it. */
	record ThreadEntry(UUID itemId, String remoteId, String kind, Author author, String text, Instant createdAt,
			String url, String inReplyToRemoteId) {
	}

	record Draft(String id, String text, List<Flag> flags, Instant createdAt) {
	}

	record DraftJob(UUID jobId, String state, String error) {
	}

	/** The item as listed, plus its context and drafts. */
	record Detail(UUID id, UUID channelId, UUID characterId, String platform, String kind, Author author, String text,
			Instant createdAt, String url, InboxItem.State state, String threadKey, String inReplyToRemoteId,
			UUID originalPublicationId, List<Flag> flags, UUID replyPostId, List<ThreadEntry> thread,
			InboxSources.Original original, List<Draft> drafts, DraftJob draftJob) {
	}

	Detail detail(InboxItem i) {
		var original = original(i).orElse(null);
		var job = i.draftJobId() == null ? null : draftJob(i.draftJobId());
		return new Detail(i.id(), i.channelId(), i.characterId(), i.platform(), i.kind(), i.author(), i.text(),
				i.createdAt(), i.url(), i.state(), i.threadKey(), i.inReplyToRemoteId(), i.originalPublicationId(),
				i.flags(), i.replyPostId(), thread(i), original, drafts(i, job),
				job == null ? null : new DraftJob(job.id(), job.status().name(), job.error()));
	}

	/** Starts the drafting job; its candidates appear in {@link #detail}. */
	UUID draft(InboxItem item) {
		var source = sources.find(item.channelId())
			.orElseThrow(() -> ApiProblem.conflict("channelId", "The item's channel is gone or cannot read its inbox"));
		var thread = new StringBuilder();
		for (var entry : thread(item)) {
			if (!entry.remoteId().equals(item.remoteId())) {
				var who = entry.author() == null || entry.author().handle() == null ? "someone" : "@" + entry.author().handle();
				thread.append(who).append(": ").append(entry.text()).append('\n');
			}
		}
		var original = original(item).map(InboxSources.Original::text).orElse("");
		var input = json.createObjectNode();
		input.put("message", cut(item.text(), 4000));
		input.put("thread", cut(thread.toString(), 8000));
		input.put("original", cut(original, 4000));
		input.put("platform", source.platformName());
		input.put("maxLength", source.maxTextLength());
		input.put("count", 3);
		var job = generation.start(item.characterId(), GenerationKind.REPLY, input);
		items.draftJob(item.id(), job.id());
		return job.id();
	}

	/** The character's post the conversation is about: the one answered, else the thread's first. */
	private Optional<InboxSources.Original> original(InboxItem i) {
		return sources.original(i.channelId(), i.inReplyToRemoteId())
			.or(() -> sources.original(i.channelId(), i.threadRoot()))
			.or(() -> sources.original(i.channelId(), i.threadKey()));
	}

	/** The drafting job, or null when it was deleted meanwhile. */
	private GenerationJob draftJob(UUID id) {
		try {
			return generation.get(id);
		}
		catch (ApiProblem gone) {
			return null;
		}
	}

	private List<Draft> drafts(InboxItem item, GenerationJob job) {
		if (job == null || job.structured() == null) {
			return List.of();
		}
		var preferences = characters.get(item.characterId()).preferences();
		var drafts = new ArrayList<Draft>();
		var index = 0;
		for (var reply : job.structured().path("replies")) {
			var text = reply.path("text").asString("").strip();
			if (!text.isEmpty()) {
				drafts.add(new Draft(job.id() + "-" + index, text, Safety.banned(text, preferences), job.finishedAt()));
			}
			index++;
		}
		return drafts;
	}

	private List<ThreadEntry> thread(InboxItem i) {
		var collected = items.thread(i.channelId(), i.threadKey());
		try {
			var incoming = new PlatformInbox.IncomingItem(i.remoteId(), i.kind(),
					new PlatformInbox.Author(i.author().id(), i.author().handle(), i.author().displayName(), i.author().url()),
					i.text(), i.createdAt(), i.inReplyToRemoteId(), i.threadRoot(), i.url(), i.replyRefs());
			var live = sources.thread(i.channelId(), incoming);
			// an adapter that cannot read conversations answers with the item alone: what was collected says more
			if (!live.isEmpty() && (live.size() > 1 || collected.size() <= 1)) {
				return live.stream().map(e -> new ThreadEntry(collected.stream().filter(c -> c.remoteId().equals(e.remoteId()))
					.map(InboxItem::id).findFirst().orElse(null), e.remoteId(), e.kind(),
						e.author() == null ? null
								: new Author(e.author().id(), e.author().handle(), e.author().displayName(), e.author().url()),
						e.text(), e.createdAt(), e.url(), e.inReplyTo())).toList();
			}
		}
		catch (PlatformException | RuntimeException unavailable) {
			log.debug("Thread of inbox item {} not readable from the platform: {}", i.id(), unavailable.getMessage());
		}
		return collected.stream().map(c -> new ThreadEntry(c.id(), c.remoteId(), c.kind(), c.author(), c.text(),
				c.createdAt(), c.url(), c.inReplyToRemoteId())).toList();
	}

	private static String cut(String text, int max) {
		return text == null ? "" : text.length() <= max ? text : text.substring(0, max);
	}
}
