package dev.troupe.publishing;

import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.troupe.content.PostManagement;
import dev.troupe.content.PostState;
import dev.troupe.publishing.Publication.State;

/** A post's lifecycle state is the sum of its publications' states. */
@Component
class PostRollup {

	private final Publications publications;
	private final PostManagement posts;

	PostRollup(Publications publications, PostManagement posts) {
		this.publications = publications;
		this.posts = posts;
	}

	void update(UUID postId) {
		var states = publications.statesOfPost(postId);
		if (states.isEmpty()) {
			return;
		}
		PostState state;
		if (states.stream().allMatch(s -> s == State.PUBLISHED)) {
			state = PostState.PUBLISHED;
		}
		else if (states.contains(State.UNCONFIRMED)) {
			state = PostState.UNCONFIRMED;
		}
		else if (states.contains(State.FAILED)) {
			state = PostState.FAILED;
		}
		else if (states.stream().allMatch(s -> s == State.CANCELLED)) {
			state = PostState.APPROVED;
		}
		else if (states.stream().allMatch(s -> s == State.SCHEDULED || s == State.WAITING_FOR_CHANNEL || s == State.CANCELLED)) {
			state = PostState.SCHEDULED;
		}
		else {
			state = PostState.PUBLISHING;
		}
		try {
			posts.lifecycle(postId, state, null);
		}
		catch (RuntimeException e) {
			// the post changed concurrently; the next publication change rolls it up again
		}
	}
}
