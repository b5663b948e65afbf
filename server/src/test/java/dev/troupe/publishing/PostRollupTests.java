package dev.troupe.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.troupe.content.PostState;
import dev.troupe.publishing.Publication.State;

class PostRollupTests {

	@Test
	void aPostsStateSumsUpItsPublicationsIgnoringCancelledOnes() {
		assertThat(PostRollup.of(List.of())).isEqualTo(PostState.APPROVED);
		assertThat(PostRollup.of(List.of(State.PUBLISHED, State.PUBLISHED))).isEqualTo(PostState.PUBLISHED);
		assertThat(PostRollup.of(List.of(State.PUBLISHED, State.IN_FLIGHT))).isEqualTo(PostState.PUBLISHING);
		assertThat(PostRollup.of(List.of(State.PUBLISHED, State.UNCONFIRMED))).isEqualTo(PostState.UNCONFIRMED);
		assertThat(PostRollup.of(List.of(State.PUBLISHED, State.FAILED))).isEqualTo(PostState.FAILED);
		assertThat(PostRollup.of(List.of(State.SCHEDULED, State.WAITING_FOR_CHANNEL))).isEqualTo(PostState.SCHEDULED);
		assertThat(PostRollup.of(List.of(State.RETRY_WAIT))).isEqualTo(PostState.PUBLISHING);
	}
}
