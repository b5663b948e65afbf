package dev.troupe.publishing.platform.threads;

import java.io.IOException;

import dev.troupe.publishing.platform.meta.FakeMetaGraph;

/** The Threads API (see {@link FakeMetaGraph}). */
public class FakeThreads extends FakeMetaGraph {

	public FakeThreads() throws IOException {
		super(THREADS);
	}
}
