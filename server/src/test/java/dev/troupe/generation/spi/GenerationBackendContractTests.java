package dev.troupe.generation.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

/**
 * What every backend adapter promises, run against each adapter's protocol-faithful fake server. An adapter's
 * test class extends this and supplies the fake-backed pieces; it adds its own protocol-specific tests.
 */
public abstract class GenerationBackendContractTests {

	/** An adapter pointed at a healthy fake server. */
	protected abstract GenerationBackend backend();

	/** An adapter pointed at an address where nothing listens. */
	protected abstract GenerationBackend unreachableBackend();

	/** A task the healthy fake completes. */
	protected abstract GenerationTask task();

	/** A task the fake refuses the way the real server refuses bad input. */
	protected abstract GenerationTask rejectedTask();

	/** Checks the produced result has the right shape for the adapter (e.g. a decodable PNG). */
	protected abstract void assertUsable(GenerationResult result);

	@Test
	void aHealthyServerReportsItselfUsable() {
		var health = backend().check();
		assertThat(health.reachable()).as(String.valueOf(health.error())).isTrue();
		assertThat(health.usable()).isTrue();
	}

	@Test
	void anUnreachableServerIsReportedNotThrown() {
		var health = unreachableBackend().check();
		assertThat(health.reachable()).isFalse();
		assertThat(health.error()).isNotBlank();
	}

	@Test
	void completesATaskReportingProgress() throws Exception {
		var backend = backend();
		var progress = new CopyOnWriteArrayList<Progress>();
		var job = backend.submit(task());
		assertThat(job.backendId()).isEqualTo(backend.config().id());
		var result = backend.await(job, task(), progress::add, Duration.ofSeconds(30));
		assertUsable(result);
		assertThat(progress).isNotEmpty();
		List<Double> fractions = new ArrayList<>(progress.stream().map(Progress::fraction).toList());
		assertThat(fractions).isSorted();
	}

	@Test
	void anUnreachableServerFailsRetryably() {
		assertThatThrownBy(() -> {
			var backend = unreachableBackend();
			var job = backend.submit(task());
			backend.await(job, task(), ProgressListener.NONE, Duration.ofSeconds(10));
		}).isInstanceOfSatisfying(BackendException.class, e -> {
			assertThat(e.kind()).isEqualTo(BackendException.Kind.UNREACHABLE);
			assertThat(e.kind().retryable()).isTrue();
			assertThat(e.getMessage()).contains(unreachableBackend().config().baseUrl().toString());
		});
	}

	@Test
	void rejectedInputIsNotRetriedAndSaysWhy() {
		assertThatThrownBy(() -> {
			var backend = backend();
			var job = backend.submit(rejectedTask());
			backend.await(job, rejectedTask(), ProgressListener.NONE, Duration.ofSeconds(10));
		}).isInstanceOfSatisfying(BackendException.class, e -> {
			assertThat(e.kind().retryable()).isFalse();
			assertThat(e.getMessage()).isNotBlank();
		});
	}
}
