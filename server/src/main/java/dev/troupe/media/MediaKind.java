package dev.troupe.media;

/**
 * What a caller expects an upload to be; anything else is refused with a clear reason.
 */
public enum MediaKind {
	IMAGE, AUDIO,
	/** An image, a video or an audio clip: what a post carries, or a talking clip is made from. */
	VISUAL, ANY
}
