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
