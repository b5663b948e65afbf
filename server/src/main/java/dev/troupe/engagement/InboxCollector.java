package dev.troupe.engagement;

import java.time.Instant;
import java.util.ArrayList;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.troupe.character.CharacterManagement;
import dev.troupe.engagement.InboxItem.State;
import dev.troupe.publishing.InboxSources;
import dev.troupe.publishing.spi.PlatformException;
import dev.troupe.publishing.spi.PlatformInbox.IncomingItem;

/**
 * Reads one channel's inbox once: asks the adapter for what is newer than the stored cursor, stores each item once
 * (flagged, and dismissed at once when the block list matches), and moves the cursor in the same transaction. Safe to
 * run twice at once or again after a crash: the items' uniqueness per channel and platform id absorbs repeats.
 */
@Component
class InboxCollector {

	private static final Logger log = LoggerFactory.getLogger(InboxCollector.class);
	private static final int MAX_PAGES_PER_RUN = 5;

	private final InboxSources sources;
	private final InboxItems items;
	private final InboxChannels channels;
	private final CharacterManagement characters;
	private final TransactionTemplate transactions;
	private final InboxSettings settings;

	InboxCollector(InboxSources sources, InboxItems items, InboxChannels channels, CharacterManagement characters,
			TransactionTemplate transactions, InboxSettings settings) {
		this.sources = sources;
		this.items = items;
		this.channels = channels;
		this.characters = characters;
		this.transactions = transactions;
		this.settings = settings;
	}

	/** What a run did, and when to run again ({@code null}: stop polling this channel). */
	record Run(int collected, Instant next) {
	}

	Run collect(UUID channelId) {
		var source = sources.find(channelId).orElse(null);
		if (source == null || !channels.settings(channelId).enabled()) {
			return new Run(0, null); // deleted, no inbox, or turned off: the sweep starts it again if that changes
		}
		var now = Instant.now();
		var regular = now.plus(settings.pollInterval());
		if (!source.connected()) {
			return new Run(0, regular);
		}
		var waitUntil = later(source.blockedUntil(), channels.position(channelId).retryAt());
		if (waitUntil != null && waitUntil.isAfter(now)) {
			return new Run(0, waitUntil);
		}
		var collected = 0;
		var cursor = channels.position(channelId).cursor();
		try {
			for (int page = 0; page < MAX_PAGES_PER_RUN; page++) {
				var result = sources.fetch(channelId, cursor);
				var before = cursor;
				var next = result.cursor();
				collected += transactions.execute(tx -> {
					var stored = 0;
					for (var incoming : result.items()) {
						stored += store(source, incoming) ? 1 : 0;
					}
					channels.polled(channelId, next, null, null);
					return stored;
				});
				cursor = next == null ? before : next;
				if (result.items().isEmpty() || next == null || next.equals(before)) {
					break;
				}
			}
			return new Run(collected, regular);
		}
		catch (PlatformException e) {
			var retryAt = e.retryAt().filter(at -> at.isAfter(now)).orElse(null);
			log.info("Reading the inbox of channel {} failed: {}", channelId, e.getMessage());
			channels.polled(channelId, null, e.getMessage(), retryAt);
			return new Run(collected, retryAt != null ? later(retryAt, regular)
					: e.revoked() ? now.plus(settings.pollInterval().multipliedBy(5)) : regular);
		}
	}

	private boolean store(InboxSources.Source source, IncomingItem incoming) {
		if (incoming.remoteId() == null || incoming.remoteId().isBlank()) {
			return false;
		}
		var author = incoming.author() == null ? new InboxItem.Author(null, null, null, null)
				: new InboxItem.Author(incoming.author().id(), incoming.author().handle(), incoming.author().displayName(),
						incoming.author().url());
		var text = incoming.text() == null ? "" : incoming.text();
		var flags = new ArrayList<InboxItem.Flag>();
		flags.addAll(Safety.banned(text, characters.get(source.characterId()).preferences()));
		var blocked = Safety.blocked(text, author, channels.blocklist());
		flags.addAll(blocked);
		// the platform's thread root where it says; else the conversation of the collected item it answers, or of
		// the item that Troupe's answer it replies to was written for
		var threadKey = incoming.threadRoot() != null ? incoming.threadRoot()
				: incoming.inReplyTo() == null ? incoming.remoteId()
						: items.threadKeyOf(source.channelId(), incoming.inReplyTo())
							.or(() -> sources.original(source.channelId(), incoming.inReplyTo())
								.flatMap(answer -> items.threadKeyAnsweredBy(source.channelId(), answer.postId())))
							.orElse(incoming.inReplyTo());
		var original = sources.original(source.channelId(), incoming.inReplyTo())
			.or(() -> sources.original(source.channelId(), incoming.threadRoot()))
			.or(() -> sources.original(source.channelId(), threadKey)).orElse(null);
		var item = new InboxItem(UUID.randomUUID(), source.channelId(), source.characterId(), source.platform(),
				incoming.kind(), author, text, incoming.createdAt() == null ? Instant.now() : incoming.createdAt(),
				incoming.url(), blocked.isEmpty() ? State.OPEN : State.DISMISSED, threadKey, incoming.inReplyTo(),
				original == null ? null : original.publicationId(), flags, null, incoming.remoteId(),
				incoming.threadRoot(), incoming.replyRefs(), false, null);
		return items.insertOnce(item);
	}

	private static Instant later(Instant a, Instant b) {
		if (a == null) {
			return b;
		}
		return b == null || a.isAfter(b) ? a : b;
	}
}
