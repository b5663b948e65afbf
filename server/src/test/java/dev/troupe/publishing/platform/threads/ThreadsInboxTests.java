package dev.troupe.publishing.platform.threads;

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

/** The Threads inbox against the fake: replies from the conversation edge, answers as containers with reply_to_id. */
class ThreadsInboxTests {

	private FakeThreads threads;
	private FakePublicMedia links;
	private ThreadsPlatform platform;
	private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	@BeforeEach
	void start() throws Exception {
		threads = new FakeThreads();
		links = new FakePublicMedia();
		platform = new ThreadsPlatform(links, links);
	}

	@AfterEach
	void stop() {
		threads.close();
		links.close();
	}

	private ChannelContext channel() {
		return new ChannelContext(UUID.randomUUID(), "threads", threads.baseUrl(),
				Map.of("accessToken", FakeThreads.validToken(), "userId", FakeThreads.USER_ID),
				Map.of("timeoutMillis", "1000", "pollMillis", "50"), "mira");
	}

	private PublishRequest reply(IncomingItem item, String text) {
		return new PublishRequest(UUID.randomUUID(), "troupe-" + text.hashCode(), text, List.of(), Map.of(), Instant.now(), Map.of(),
				new ReplyTarget(item.remoteId(), item.replyRefs()));
	}

	@Test
	void nestedRepliesAreReadWithTheirParentAndTheCursorMovesOn() throws Exception {
		var post = threads.seedMedia("What should I sing next?");
		var first = threads.comment(post, "ana.k", "Something slow", now.minus(2, ChronoUnit.HOURS));
		threads.comment(first, "ben.r", "Yes, a ballad", now.minus(1, ChronoUnit.HOURS));

		var page = platform.fetch(channel(), null);

		assertThat(page.items()).extracting(IncomingItem::text).containsExactly("Something slow", "Yes, a ballad");
		var nested = page.items().get(1);
		assertThat(nested.kind()).isEqualTo("reply");
		assertThat(nested.inReplyTo()).isEqualTo(first);
		assertThat(nested.threadRoot()).isEqualTo(post);
		assertThat(nested.replyRefs()).containsEntry("replyToId", nested.remoteId());

		threads.comment(post, "cleo", "Anything!", now);
		assertThat(platform.fetch(channel(), page.cursor()).items()).extracting(IncomingItem::text).contains("Anything!")
			.doesNotContain("Something slow");
	}

	@Test
	void anAnswerIsAContainerWithReplyToIdPublishedOnceAndCountedAsAReply() throws Exception {
		var post = threads.seedMedia("New video up");
		threads.comment(post, "ana.k", "Loved the ending", now);
		var item = platform.fetch(channel(), null).items().get(0);

		var outcome = platform.publish(reply(item, "Thank you, Ana!"), channel());

		assertThat(outcome).isInstanceOf(PublishOutcome.Published.class);
		assertThat(threads.ownReplies()).singleElement().satisfies(r -> {
			assertThat(r.parentId()).isEqualTo(item.remoteId());
			assertThat(r.rootId()).isEqualTo(post);
			assertThat(r.text()).isEqualTo("Thank you, Ana!");
		});
		assertThat(threads.postsCreated()).isEqualTo(1); // the seeded post only: a reply is not a new thread
		assertThat(platform.fetch(channel(), null).items()).extracting(IncomingItem::text).doesNotContain("Thank you, Ana!");
	}

	@Test
	void aReplyWhoseAnswerWasLostIsReconciledToThePublishedReplyNotItsContainer() throws Exception {
		var post = threads.seedMedia("Which colour next?");
		threads.comment(post, "ana.k", "Blue!", now.minus(1, ChronoUnit.MINUTES));
		threads.comment(post, "ben.r", "Red!", now);
		var items = platform.fetch(channel(), null).items();
		var ana = items.stream().filter(i -> i.text().equals("Blue!")).findFirst().orElseThrow();
		var ben = items.stream().filter(i -> i.text().equals("Red!")).findFirst().orElseThrow();

		threads.hangSeconds(3).hangNext();
		var lost = reply(ana, "Thanks for voting!");
		assertThat(platform.publish(lost, channel())).isInstanceOf(PublishOutcome.OutcomeUnknown.class);
		// the same words to someone else afterwards: the newest own reply, but not the one that was lost
		assertThat(platform.publish(reply(ben, "Thanks for voting!"), channel())).isInstanceOf(PublishOutcome.Published.class);

		var again = new PublishRequest(lost.publicationId(), lost.idempotencyKey(), lost.text(), lost.media(), lost.options(),
				lost.scheduledAt(), links.handle(lost.publicationId()), lost.replyTo());
		var toAna = threads.ownReplies().stream().filter(r -> r.parentId().equals(ana.remoteId())).findFirst().orElseThrow();
		assertThat(platform.reconcile(again, channel())).isInstanceOfSatisfying(PublishOutcome.Published.class, p -> {
			assertThat(p.remoteId()).isEqualTo(toAna.id()).doesNotStartWith("container:");
			assertThat(p.url()).endsWith("/post/" + toAna.id());
		});
		assertThat(threads.ownReplies()).hasSize(2);
	}

	@Test
	void aSpentReplyQuotaWaitsInsteadOfFailing() throws Exception {
		var post = threads.seedMedia("Hi");
		threads.comment(post, "ana.k", "Hello", now);
		var item = platform.fetch(channel(), null).items().get(0);
		threads.replyQuota(1000, 1000);

		assertThat(platform.publish(reply(item, "Hey"), channel())).isInstanceOf(PublishOutcome.RateLimited.class);
		assertThat(threads.ownReplies()).isEmpty();
	}

	@Test
	void aThrottledReadSaysWhenToAskAgain() {
		var post = threads.seedMedia("Hi");
		threads.comment(post, "ana.k", "Hello", now);
		threads.throttleNextRead(3);
		assertThatThrownBy(() -> platform.fetch(channel(), null)).isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.retryAt()).isPresent());
	}

	@Test
	void theDescriptorDeclaresReplies() {
		assertThat(platform.descriptor().inbox().kinds()).containsExactly("reply");
	}
}
