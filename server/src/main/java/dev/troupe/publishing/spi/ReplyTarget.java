package dev.troupe.publishing.spi;

import java.util.Map;

/**
 * What a reply answers: the remote id of the item, and the platform-specific references its adapter put in
 * {@link PlatformInbox.IncomingItem#replyRefs()} (Bluesky's {@code rootUri}/{@code rootCid}/{@code parentUri}/
 * {@code parentCid}, Telegram's {@code chatId}…).
 */
public record ReplyTarget(String remoteId, Map<String, String> refs) {

	public ReplyTarget {
		refs = refs == null ? Map.of() : Map.copyOf(refs);
	}

	public String ref(String name) {
		return refs.get(name);
	}
}
