package dev.troupe.publishing.platform.instagram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
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

/** The Instagram inbox against the fake Graph API: comments on recent media, replies under the top-level comment. */
class InstagramInboxTests {

	private FakeInstagram instagram;
	private FakePublicMedia links;
	private InstagramPlatform platform;
	private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	@BeforeEach
	void start() throws Exception {
		instagram = new FakeInstagram();
		links = new FakePublicMedia();
		platform = new InstagramPlatform("v25.0", links, links);
	}

	@AfterEach
	void stop() {
		instagram.close();
		links.close();
	}

	private ChannelContext channel() {
		return new ChannelContext(UUID.randomUUID(), "instagram", instagram.baseUrl(),
				Map.of("accessToken", FakeInstagram.validToken(), "userId", FakeInstagram.USER_ID),
				Map.of("timeoutMillis", "1000", "pollMillis", "50"), "mira");
	}

	private static PublishRequest reply(IncomingItem item, String text, Map<String, String> state) {
		return new PublishRequest(UUID.nameUUIDFromBytes(text.getBytes()), "troupe-" + text.hashCode(), text, List.of(), Map.of(),
				Instant.now(), state, new ReplyTarget(item.remoteId(), item.replyRefs()));
	}

	@Test
	void commentsAndRepliesAreReadOldestFirstAndTheCursorOnlyBringsNewerOnes() throws Exception {
		var media = instagram.seedMedia("Sunset at the pier");
		var question = instagram.comment(media, "ana.k", "Where is this?", now.minus(2, ChronoUnit.HOURS));
		instagram.comment(question, "ben.r", "Looks like Brighton", now.minus(1, ChronoUnit.HOURS));
		instagram.comments.add(new FakeInstagram.Comment("own-1", media, question, "Thank you!", "mira.studio",
				FakeInstagram.USER_ID, now.minus(30, ChronoUnit.MINUTES), true));

		var first = platform.fetch(channel(), null);

		assertThat(first.items()).extracting(IncomingItem::text).containsExactly("Where is this?", "Looks like Brighton");
		var answer = first.items().get(1);
		assertThat(answer.kind()).isEqualTo("comment");
		assertThat(answer.author().handle()).isEqualTo("@ben.r");
		assertThat(answer.inReplyTo()).isEqualTo(question);
		assertThat(answer.threadRoot()).isEqualTo(media);
		assertThat(answer.replyRefs()).containsEntry("commentId", question).containsEntry("mediaId", media);
		assertThat(first.cursor()).isEqualTo(now.minus(1, ChronoUnit.HOURS).toString());

		instagram.comment(media, "cleo", "Gorgeous colours", now);
		var next = platform.fetch(channel(), first.cursor());
		assertThat(next.items()).extracting(IncomingItem::text).contains("Gorgeous colours").doesNotContain("Where is this?");
		assertThat(next.cursor()).isEqualTo(now.toString());
	}

	@Test
	void aReplyToAReplyGoesUnderTheTopLevelCommentOnce() throws Exception {
		var media = instagram.seedMedia("New song out");
		var top = instagram.comment(media, "ana.k", "Love it", now.minusSeconds(60));
		instagram.comment(top, "ben.r", "Same! Is there a video?", now.minusSeconds(30));
		var item = platform.fetch(channel(), null).items().get(1);

		var outcome = platform.publish(reply(item, "A video comes Friday!", Map.of()), channel());

		assertThat(outcome).isInstanceOf(PublishOutcome.Published.class);
		assertThat(instagram.ownReplies()).singleElement().satisfies(r -> {
			assertThat(r.parentId()).isEqualTo(top);
			assertThat(r.text()).isEqualTo("A video comes Friday!");
		});
		assertThat(instagram.requests).contains("POST /v25.0/" + top + "/replies").noneMatch(r -> r.startsWith("POST") && r.endsWith("/media"));
		assertThat(instagram.containers()).isZero();
	}

	@Test
	void aReplyWhoseAnswerWasLostIsFoundWhenReconciledAndNotSentAgain() throws Exception {
		var media = instagram.seedMedia("Behind the scenes");
		instagram.comment(media, "ana.k", "What camera?", now.minusSeconds(10));
		var item = platform.fetch(channel(), null).items().get(0);
		instagram.hangNextReply();
		var started = Instant.now();

		var outcome = platform.publish(reply(item, "A tiny film camera", Map.of()), channel());
		assertThat(outcome).isInstanceOf(PublishOutcome.OutcomeUnknown.class);

		var state = Map.of(PublishRequest.FIRST_ATTEMPT_AT, started.toString(), PublishRequest.LAST_ATTEMPT_AT, started.toString());
		var reconciled = platform.reconcile(reply(item, "A tiny film camera", state), channel());
		assertThat(reconciled).isInstanceOfSatisfying(PublishOutcome.Published.class,
				p -> assertThat(p.remoteId()).isEqualTo(instagram.ownReplies().get(0).id()));
		assertThat(instagram.ownReplies()).hasSize(1);
	}

	@Test
	void noReplyLongAfterTheAttemptIsCertainlyNotPublished() {
		var media = instagram.seedMedia("Rain");
		var comment = instagram.comment(media, "ana.k", "Cosy", now.minusSeconds(10));
		var longAgo = Instant.now().minusSeconds(600).toString();
		var request = new PublishRequest(UUID.randomUUID(), "k", "Thanks!", List.of(), Map.of(), Instant.now(),
				Map.of(PublishRequest.FIRST_ATTEMPT_AT, longAgo, PublishRequest.LAST_ATTEMPT_AT, longAgo),
				new ReplyTarget(comment, Map.of("commentId", comment)));
		assertThat(platform.reconcile(request, channel())).isInstanceOf(PublishOutcome.NotPublished.class);
	}

	@Test
	void aThrottledReadSaysWhenToAskAgainAndAMissingPermissionIsARevocation() {
		var media = instagram.seedMedia("Rain");
		instagram.comment(media, "ana.k", "Cosy", now);
		instagram.throttleNextRead(7);

		assertThatThrownBy(() -> platform.fetch(channel(), null)).isInstanceOfSatisfying(PlatformException.class,
				e -> assertThat(e.retryAt().orElseThrow()).isAfter(Instant.now().plusSeconds(6 * 60)));

		instagram.withoutCommentPermission();
		assertThatThrownBy(() -> platform.fetch(channel(), null)).isInstanceOfSatisfying(PlatformException.class,
				e -> assertThat(e.revoked()).isTrue());
	}

	@Test
	void theDescriptorDeclaresCommentsAndAllowsAutomatedReplies() {
		var inbox = platform.descriptor().inbox();
		assertThat(inbox.kinds()).containsExactly("comment");
		assertThat(inbox.autoReplyAllowed()).isTrue();
	}

	@Test
	void aReplyIsValidatedAsAComment() {
		var target = new ReplyTarget("1", Map.of("commentId", "1"));
		assertThat(platform.validate(new dev.troupe.publishing.spi.PostDraft("Thanks!", List.of(), target), channel())).isEmpty();
		assertThat(platform.validate(new dev.troupe.publishing.spi.PostDraft("Thanks!", List.of(), null), channel()))
			.extracting(dev.troupe.publishing.spi.Violation::field).contains("media");
		assertThat(platform.validate(new dev.troupe.publishing.spi.PostDraft("Look", List.of(new dev.troupe.publishing.spi.PostDraft
			.MediaInfo("image/jpeg", 10, 1080, 1080, null)), target), channel())).extracting(dev.troupe.publishing.spi.Violation::field)
			.containsExactly("media");
	}

	@Test
	void aReplyWithMediaIsRefused() {
		var request = new PublishRequest(UUID.randomUUID(), "k", "Look", List.of(new PublishRequest.Media(new byte[] { 1 },
				"image/jpeg", "a.jpg", null)), Map.of(), Instant.now(), new HashMap<>(), new ReplyTarget("1", Map.of()));
		assertThat(platform.publish(request, channel())).isInstanceOf(PublishOutcome.ContentRejected.class);
	}
}
