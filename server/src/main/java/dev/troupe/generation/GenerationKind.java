package dev.troupe.generation;

import dev.troupe.generation.spi.Modality;

/** What a person asks for, and which kind of backend produces it. */
public enum GenerationKind {
	IMAGE(Modality.IMAGE), VIDEO(Modality.VIDEO), CAPTION(Modality.TEXT), VOICE(Modality.VOICE),
	CONTENT_PLAN(Modality.TEXT), TALKING_CLIP(Modality.CLIP);

	private final Modality modality;

	GenerationKind(Modality modality) {
		this.modality = modality;
	}

	public Modality modality() {
		return modality;
	}
}
