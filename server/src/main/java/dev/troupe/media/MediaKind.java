package dev.troupe.media;

/**
 * What a caller expects an upload to be; anything else is refused with a clear reason.
 */
public enum MediaKind {
	IMAGE, AUDIO,
	/** An image or a video: what a post carries. */
	VISUAL, ANY
}
