package dev.troupe.publishing;

import java.time.Instant;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.troupe.content.PostEvents.PostApproved;
import dev.troupe.content.PostManagement;

/**
 * A reply is due as soon as it is approved (by a person, or by a channel's inbox auto-approval): it is scheduled in
 * the approval's own transaction, so an approved reply and its publication exist together or not at all.
 */
@Component
class ReplyScheduling {

	private final PostManagement posts;
	private final PublishingManagement publishing;

	ReplyScheduling(PostManagement posts, PublishingManagement publishing) {
		this.posts = posts;
		this.publishing = publishing;
	}

	@EventListener
	void on(PostApproved approved) {
		if (posts.get(approved.postId()).replyTo() != null) {
			publishing.schedule(approved.postId(), Instant.now().toString());
		}
	}
}
