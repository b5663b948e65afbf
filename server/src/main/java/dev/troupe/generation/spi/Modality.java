package dev.troupe.generation.spi;

/** What a backend can produce. */
public enum Modality {
	IMAGE, VIDEO, TEXT, VOICE
}
