package dev.troupe.publishing.spi;

import java.util.List;

/** A post as it would go to one channel, for validation (media without bytes). */
public record PostDraft(String text, List<MediaInfo> media) {

	public PostDraft {
		text = text == null ? "" : text;
		media = media == null ? List.of() : List.copyOf(media);
	}

	public record MediaInfo(String contentType, long size, Integer width, Integer height, String altText) {
	}
}
