package dev.troupe.publishing;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.troupe.content.PostManagement;
import dev.troupe.content.PostState;
import dev.troupe.publishing.Publication.State;

/**
 * A post's lifecycle state is the sum of its publications' states. Computed in its own transaction under a
 * per-post lock, so two publications finishing at once cannot leave a stale state, and a failure here never
 * rolls back the caller's work.
 */
@Component
class PostRollup {

	private static final Logger log = LoggerFactory.getLogger(PostRollup.class);

	private final Publications publications;
	private final PostManagement posts;
	private final JdbcClient jdbc;
	private final TransactionTemplate ownTransaction;

	PostRollup(Publications publications, PostManagement posts, JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.publications = publications;
		this.posts = posts;
		this.jdbc = jdbc;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	void update(UUID postId) {
		try {
			ownTransaction.executeWithoutResult(tx -> {
				jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param("troupe-post:" + postId).query().singleRow();
				var states = publications.statesOfPost(postId).stream().filter(s -> s != State.CANCELLED).toList();
				posts.lifecycle(postId, of(states), null);
			});
		}
		catch (RuntimeException e) {
			// the post was deleted or changed meanwhile; the next publication change rolls it up again
			log.debug("Could not roll up post {}", postId, e);
		}
	}

	static PostState of(java.util.List<State> states) {
		if (states.isEmpty()) {
			return PostState.APPROVED; // everything was unscheduled
		}
		if (states.stream().allMatch(s -> s == State.PUBLISHED)) {
			return PostState.PUBLISHED;
		}
		if (states.contains(State.UNCONFIRMED)) {
			return PostState.UNCONFIRMED;
		}
		if (states.contains(State.FAILED)) {
			return PostState.FAILED;
		}
		if (states.stream().allMatch(s -> s == State.SCHEDULED || s == State.WAITING_FOR_CHANNEL)) {
			return PostState.SCHEDULED;
		}
		return PostState.PUBLISHING;
	}
}
