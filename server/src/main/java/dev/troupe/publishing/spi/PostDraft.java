package dev.troupe.publishing.spi;

import java.util.List;

/**
 * A post as it would go to one channel, for validation (media without bytes). {@code replyTo} is set when the post
 * answers an inbox item; adapters that cannot reply refuse it.
 */
public record PostDraft(String text, List<MediaInfo> media, ReplyTarget replyTo) {

	public PostDraft {
		text = text == null ? "" : text;
		media = media == null ? List.of() : List.copyOf(media);
	}

	/** A post that answers nothing. */
	public PostDraft(String text, List<MediaInfo> media) {
		this(text, media, null);
	}

	public record MediaInfo(String contentType, long size, Integer width, Integer height, String altText) {
	}
}
