package dev.troupe.generation.spi;

/**
 * What a backend can produce. {@code CLIP} is a talking clip assembled from an existing image and voice line (no
 * GPU model involved), kept apart from {@code VIDEO} so a diffusion job never lands on the clip maker.
 */
public enum Modality {
	IMAGE, VIDEO, TEXT, VOICE, CLIP
}
