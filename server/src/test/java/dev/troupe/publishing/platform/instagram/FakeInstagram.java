package dev.troupe.publishing.platform.instagram;

import java.io.IOException;

import dev.troupe.publishing.platform.meta.FakeMetaGraph;

/** The Instagram API with Instagram Login (see {@link FakeMetaGraph}). */
public class FakeInstagram extends FakeMetaGraph {

	public FakeInstagram() throws IOException {
		super(INSTAGRAM);
	}
}
