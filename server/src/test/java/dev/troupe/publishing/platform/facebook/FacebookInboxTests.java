package dev.troupe.publishing.platform.facebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.FakePublicMedia;
import dev.troupe.publishing.spi.PlatformException;
import dev.troupe.publishing.spi.PlatformInbox.IncomingItem;
import dev.troupe.publishing.spi.PublishOutcome;
import dev.troupe.publishing.spi.PublishRequest;
import dev.troupe.publishing.spi.ReplyTarget;

/** The Facebook Page inbox against the fake Graph API: comments on the Page's posts, replies under the comment. */
class FacebookInboxTests {

	private FakeFacebook facebook;
	private FakePublicMedia links;
	private FacebookPlatform platform;
	private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	@BeforeEach
	void start() throws Exception {
		facebook = new FakeFacebook();
		links = new FakePublicMedia();
		platform = new FacebookPlatform("v25.0", links, links);
	}

	@AfterEach
	void stop() {
		facebook.close();
		links.close();
	}

	private ChannelContext channel() {
		return new ChannelContext(UUID.randomUUID(), "facebook", facebook.baseUrl(),
				Map.of("accessToken", FakeFacebook.PAGE_TOKEN, "pageId", FakeFacebook.PAGE_ID), Map.of("timeoutMillis", "1000"),
				"mira");
	}

	private static PublishRequest reply(IncomingItem item, String text, Map<String, String> state) {
		return new PublishRequest(UUID.randomUUID(), "troupe-" + text.hashCode(), text, List.of(), Map.of(), Instant.now(), state,
				new ReplyTarget(item.remoteId(), item.replyRefs()));
	}

	@Test
	void commentsAndTheirRepliesAreReadOnceTheCursorPassesThemAndThePagesOwnAreLeftOut() throws Exception {
		var post = facebook.seedPost("Tour dates are out");
		var question = facebook.comment(post, "Ana K", "Any date in Lisbon?", now.minus(2, ChronoUnit.HOURS));
		facebook.comment(question, "Ben R", "I want to know too", now.minus(1, ChronoUnit.HOURS));
		facebook.comments.add(new FakeFacebook.Comment("own", post, question, "Soon!", FakeFacebook.PAGE_ID, "Mira's Page",
				now.minus(30, ChronoUnit.MINUTES)));

		var first = platform.fetch(channel(), null);

		assertThat(first.items()).extracting(IncomingItem::text).containsExactly("Any date in Lisbon?", "I want to know too");
		var second = first.items().get(1);
		assertThat(second.inReplyTo()).isEqualTo(question);
		assertThat(second.threadRoot()).isEqualTo(post);
		assertThat(second.author().displayName()).isEqualTo("Ben R");
		assertThat(second.replyRefs()).containsEntry("commentId", question);

		facebook.comment(post, "Cleo", "See you in Porto", now);
		assertThat(platform.fetch(channel(), first.cursor()).items()).extracting(IncomingItem::text)
			.contains("See you in Porto").doesNotContain("Any date in Lisbon?");
	}

	@Test
	void aReplyIsACommentOnTheTopLevelCommentAndALostAnswerIsReconciledToTheSameComment() throws Exception {
		var post = facebook.seedPost("New single");
		var top = facebook.comment(post, "Ana K", "On repeat", now.minusSeconds(40));
		facebook.comment(top, "Ben R", "Same here, where can I buy it?", now.minusSeconds(20));
		var item = platform.fetch(channel(), null).items().get(1);
		facebook.hangNextReply();
		var started = Instant.now();

		var outcome = platform.publish(reply(item, "On every store from Friday!", Map.of()), channel());
		assertThat(outcome).isInstanceOf(PublishOutcome.OutcomeUnknown.class);
		var state = Map.of(PublishRequest.FIRST_ATTEMPT_AT, started.toString(), PublishRequest.LAST_ATTEMPT_AT, started.toString());
		var reconciled = platform.reconcile(reply(item, "On every store from Friday!", state), channel());

		assertThat(facebook.pageReplies()).singleElement().satisfies(r -> {
			assertThat(r.parentId()).isEqualTo(top);
			assertThat(r.postId()).isEqualTo(post);
		});
		assertThat(reconciled).isInstanceOfSatisfying(PublishOutcome.Published.class,
				p -> assertThat(p.remoteId()).isEqualTo(facebook.pageReplies().get(0).id()));
		assertThat(facebook.posts).hasSize(1);
	}

	@Test
	void withoutTheEngagementPermissionAReplyNeedsAReconnect() throws Exception {
		var post = facebook.seedPost("Hello");
		facebook.comment(post, "Ana K", "Hi!", now);
		var item = platform.fetch(channel(), null).items().get(0);
		facebook.withoutEngagementPermission();

		assertThat(platform.publish(reply(item, "Hi Ana", Map.of()), channel())).isInstanceOf(PublishOutcome.ChannelRevoked.class);
		assertThat(facebook.pageReplies()).isEmpty();
	}

	@Test
	void aThrottledReadSaysWhenToAskAgain() {
		var post = facebook.seedPost("Hello");
		facebook.comment(post, "Ana K", "Hi!", now);
		facebook.throttleNextRead(4);
		assertThatThrownBy(() -> platform.fetch(channel(), null)).isInstanceOfSatisfying(PlatformException.class,
				e -> assertThat(e.retryAt().orElseThrow()).isAfter(Instant.now().plusSeconds(3 * 60)));
	}

	@Test
	void theDescriptorDeclaresComments() {
		assertThat(platform.descriptor().inbox().kinds()).containsExactly("comment");
		assertThat(platform.descriptor().inbox().autoReplyAllowed()).isTrue();
	}
}
