package dev.troupe.publishing.platform.youtube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
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

/** The YouTube inbox against the fake Data API: comment threads of the channel, replies with snippet.parentId. */
class YouTubeInboxTests {

	private FakeYouTube youtube;
	private FakePublicMedia handles;
	private YouTubePlatform platform;
	private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	@BeforeEach
	void start() throws Exception {
		youtube = new FakeYouTube();
		handles = new FakePublicMedia();
		platform = new YouTubePlatform(handles, new YouTubePlatformTests.Counts());
	}

	@AfterEach
	void stop() {
		youtube.close();
		handles.close();
	}

	private ChannelContext channel() {
		return new ChannelContext(UUID.randomUUID(), "youtube", youtube.baseUrl(),
				Map.of("accessToken", FakeYouTube.ACCESS_TOKEN, "channelId", FakeYouTube.CHANNEL_ID),
				Map.of("timeoutMillis", "1000", "madeForKids", "no"), "mira");
	}

	private static PublishRequest reply(IncomingItem item, String text, Map<String, String> state) {
		return new PublishRequest(UUID.randomUUID(), "troupe-" + text.hashCode(), text, List.of(), Map.of(), Instant.now(), state,
				new ReplyTarget(item.remoteId(), item.replyRefs()));
	}

	@Test
	void threadsAreReadAcrossPagesAndTheCursorKeepsOnlyNewerComments() throws Exception {
		for (int i = 0; i < 120; i++) {
			youtube.comment("vid1", null, "fan" + i, "comment " + i, now.minus(300 - i, ChronoUnit.MINUTES));
		}
		var question = youtube.comment("vid1", null, "ana", "Is the song on Spotify?", now.minus(20, ChronoUnit.MINUTES));
		youtube.comment("vid1", question, "ben", "It is!", now.minus(10, ChronoUnit.MINUTES));
		youtube.comments.add(new FakeYouTube.Comment(question + ".own", "vid1", question, "Yes!", FakeYouTube.CHANNEL_ID,
				"@mirasings", now.minus(5, ChronoUnit.MINUTES)));

		var first = platform.fetch(channel(), null);
		// the first poll reads one page: the inbox begins with the newest 100 threads
		assertThat(first.items()).hasSize(101).extracting(IncomingItem::text).endsWith("Is the song on Spotify?", "It is!")
			.doesNotContain("Yes!");
		var nested = first.items().get(100);
		assertThat(nested.inReplyTo()).isEqualTo(question);
		assertThat(nested.replyRefs()).containsEntry("parentId", question).containsEntry("videoId", "vid1");

		youtube.comment("vid1", null, "cleo", "Encore!", now);
		var next = platform.fetch(channel(), first.cursor());
		assertThat(next.items()).extracting(IncomingItem::text).contains("Encore!").doesNotContain("Is the song on Spotify?");
	}

	@Test
	void aReplyIsInsertedUnderTheTopLevelCommentAndALostAnswerIsReconciled() throws Exception {
		var top = youtube.comment("vid1", null, "ana", "Great video", now.minusSeconds(60));
		youtube.comment("vid1", top, "ben", "What guitar is that?", now.minusSeconds(30));
		var item = platform.fetch(channel(), null).items().get(1);
		youtube.hangNextReply();
		var started = Instant.now();

		assertThat(platform.publish(reply(item, "A 1968 Gibson", Map.of()), channel()))
			.isInstanceOf(PublishOutcome.OutcomeUnknown.class);
		var state = Map.of(PublishRequest.FIRST_ATTEMPT_AT, started.toString(), PublishRequest.LAST_ATTEMPT_AT, started.toString());
		var reconciled = platform.reconcile(reply(item, "A 1968 Gibson", state), channel());

		assertThat(youtube.channelReplies()).singleElement().satisfies(r -> assertThat(r.parentId()).isEqualTo(top));
		assertThat(reconciled).isInstanceOfSatisfying(PublishOutcome.Published.class, p -> {
			assertThat(p.remoteId()).isEqualTo(youtube.channelReplies().get(0).id());
			assertThat(p.url()).contains("watch?v=vid1&lc=");
		});
		assertThat(youtube.videos).isEmpty();
	}

	@Test
	void aSpentQuotaWaitsForMidnightPacificAndAMissingScopeIsARevocation() {
		youtube.comment("vid1", null, "ana", "Hi", now);
		youtube.quotaExceededNextRead();
		assertThatThrownBy(() -> platform.fetch(channel(), null)).isInstanceOfSatisfying(PlatformException.class,
				e -> assertThat(e.retryAt().orElseThrow()).isEqualTo(LocalDate.now(YouTubePlatform.PACIFIC).plusDays(1)
					.atStartOfDay(YouTubePlatform.PACIFIC).toInstant()));

		youtube.withoutCommentScope();
		assertThatThrownBy(() -> platform.fetch(channel(), null)).isInstanceOfSatisfying(PlatformException.class,
				e -> assertThat(e.revoked()).isTrue());
	}

	@Test
	void aReplyNeedsNoVideo() {
		var target = new ReplyTarget("c1", Map.of("parentId", "c1"));
		assertThat(platform.validate(new dev.troupe.publishing.spi.PostDraft("Thank you!", List.of(), target), channel())).isEmpty();
		assertThat(platform.validate(new dev.troupe.publishing.spi.PostDraft("Thank you!", List.of(), null), channel())).isNotEmpty();
	}

	@Test
	void automatedRepliesAreNotAllowedAndTheDescriptorSaysWhy() {
		var inbox = platform.descriptor().inbox();
		assertThat(inbox.autoReplyAllowed()).isFalse();
		assertThat(inbox.automationNote()).contains("spam");
	}
}
