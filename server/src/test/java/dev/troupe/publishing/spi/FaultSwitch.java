package dev.troupe.publishing.spi;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import mockwebserver3.MockResponse;

/**
 * The "next create" faults of a {@link PlatformFake}, kept once for every fake: a planned failure answered instead
 * of the next create, and a hang (the post is created, the answer comes after the client gave up).
 */
public final class FaultSwitch {

	private final AtomicReference<MockResponse> nextFailure = new AtomicReference<>();
	private final AtomicBoolean hangNext = new AtomicBoolean();

	/** The next create is answered with this (the platform's real error shape) and creates nothing. */
	public void failNextWith(MockResponse failure) {
		nextFailure.set(failure);
	}

	public void hangNext() {
		hangNext.set(true);
	}

	/** The planned failure for this create, used up, or null to create the post. */
	public MockResponse takeFailure() {
		return nextFailure.getAndSet(null);
	}

	/** The answer to a create that happened, held back past the client's timeout when a hang was planned. */
	public MockResponse answer(MockResponse created) {
		return hangNext.getAndSet(false) ? created.newBuilder().headersDelay(3, TimeUnit.SECONDS).build() : created;
	}
}
