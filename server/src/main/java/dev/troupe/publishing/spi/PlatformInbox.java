package dev.troupe.publishing.spi;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Optional for adapters: what people say to the character on the channel (replies to its posts, mentions,
 * quotes, comments, messages addressed to it), read through the official API. Read-only; answers go out as
 * ordinary publications with a {@link PublishRequest#replyTo()}.
 */
public interface PlatformInbox {

	/**
	 * Items newer than {@code cursor} (null on the first poll), oldest first where the platform allows, and the
	 * cursor for the next poll. Repeating a poll with the same cursor may return the same items again: the caller
	 * stores each once by {@link IncomingItem#remoteId()}.
	 */
	InboxPage fetch(ChannelContext channel, String cursor) throws PlatformException;

	/** The conversation around an item, root first, for context when answering (may be just the item). */
	default List<IncomingItem> thread(IncomingItem item, ChannelContext channel) throws PlatformException {
		return List.of(item);
	}

	record InboxPage(List<IncomingItem> items, String cursor) {

		public InboxPage {
			items = List.copyOf(items);
		}
	}

	/**
	 * @param kind {@code reply}, {@code mention}, {@code quote}, {@code comment} or {@code message}
	 * @param inReplyTo the remote id of the post it answers (the character's post, or another item), or null
	 * @param threadRoot the remote id of the thread's first post, or null
	 * @param replyRefs what {@link ReplyTarget#refs()} needs to answer this item on this platform (Bluesky's root
	 *     and parent uri/cid, Telegram's chat id…)
	 */
	record IncomingItem(String remoteId, String kind, Author author, String text, Instant createdAt,
			String inReplyTo, String threadRoot, String url, Map<String, String> replyRefs) {

		public IncomingItem {
			replyRefs = replyRefs == null ? Map.of() : Map.copyOf(replyRefs);
		}
	}

	record Author(String id, String handle, String displayName, String url) {
	}
}
