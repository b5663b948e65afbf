package dev.troupe.publishing.platform.x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
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

/** The X inbox against the fake: the mentions timeline with since_id, replies with reply.in_reply_to_tweet_id. */
class XInboxTests {

	private FakeX x;
	private FakePublicMedia handles;
	private XPlatform platform;

	@BeforeEach
	void start() throws Exception {
		x = new FakeX();
		handles = new FakePublicMedia();
		platform = new XPlatform(handles);
	}

	@AfterEach
	void stop() {
		x.close();
		handles.close();
	}

	private ChannelContext channel() {
		return new ChannelContext(UUID.randomUUID(), "x", x.baseUrl(), Map.of("accessToken", FakeX.ACCESS_TOKEN, "userId",
				FakeX.USER_ID, "username", "mira_sings"), Map.of("timeoutMillis", "1000", "lookupWindowSeconds", "5"), "mira");
	}

	private PublishRequest reply(IncomingItem item, String text, Map<String, String> state, UUID id) {
		return new PublishRequest(id, "troupe-" + text.hashCode(), text, List.of(), Map.of(), Instant.now(), state,
				new ReplyTarget(item.remoteId(), item.replyRefs()));
	}

	@Test
	void mentionsAreReadOldestFirstAcrossPagesAndSinceIdBringsOnlyNewOnes() throws Exception {
		var own = platform.publish(new PublishRequest(UUID.randomUUID(), "k", "New song tonight", List.of(), Map.of(),
				Instant.now(), Map.of()), channel());
		var ownId = ((PublishOutcome.Published) own).remoteId();
		var hello = x.mention("ana_k", "@mira_sings hello!", null);
		var answer = x.mention("ben_r", "@mira_sings can't wait", ownId);

		var first = platform.fetch(channel(), null);
		assertThat(first.items()).extracting(IncomingItem::remoteId).containsExactly(hello, answer);
		assertThat(first.items().get(0).kind()).isEqualTo("mention");
		var reply = first.items().get(1);
		assertThat(reply.kind()).isEqualTo("reply");
		assertThat(reply.inReplyTo()).isEqualTo(ownId);
		assertThat(reply.author().handle()).isEqualTo("@ben_r");
		assertThat(reply.url()).isEqualTo("https://x.com/ben_r/status/" + answer);
		assertThat(first.cursor()).isEqualTo(answer);

		for (int i = 0; i < 130; i++) {
			x.mention("fan" + i, "@mira_sings hi " + i, null);
		}
		var next = platform.fetch(channel(), first.cursor());
		assertThat(next.items()).hasSize(130).extracting(IncomingItem::text).startsWith("@mira_sings hi 0").endsWith("@mira_sings hi 129");
		assertThat(x.requests.stream().filter(r -> r.endsWith("/mentions"))).hasSize(3);
		assertThat(platform.fetch(channel(), next.cursor()).items()).isEmpty();
	}

	@Test
	void aReplyCarriesInReplyToTweetIdAndALostAnswerIsFoundByTheLookUp() throws Exception {
		x.mention("ana_k", "@mira_sings what's your favourite song?", null);
		var item = platform.fetch(channel(), null).items().get(0);
		x.hangNext();
		var id = UUID.randomUUID();
		var started = Instant.now();

		assertThat(platform.publish(reply(item, "@ana_k the next one", Map.of(), id), channel()))
			.isInstanceOf(PublishOutcome.OutcomeUnknown.class);
		var reconciled = platform.reconcile(reply(item, "@ana_k the next one", Map.of(PublishRequest.FIRST_ATTEMPT_AT,
				started.toString()), id), channel());

		assertThat(x.posts).singleElement().satisfies(p -> assertThat(p.inReplyTo()).isEqualTo(item.remoteId()));
		assertThat(reconciled).isInstanceOfSatisfying(PublishOutcome.Published.class,
				p -> assertThat(p.remoteId()).isEqualTo(x.posts.get(0).id()));
	}

	@Test
	void aRateLimitedReadSaysWhenTheWindowResets() {
		x.mention("ana_k", "@mira_sings hi", null);
		x.rateLimitNextRead(600);
		assertThatThrownBy(() -> platform.fetch(channel(), null)).isInstanceOfSatisfying(PlatformException.class,
				e -> assertThat(e.retryAt().orElseThrow()).isAfter(Instant.now().plusSeconds(590)));
	}

	@Test
	void automatedRepliesAreNotAllowedOnX() {
		var inbox = platform.descriptor().inbox();
		assertThat(inbox.autoReplyAllowed()).isFalse();
		assertThat(inbox.automationNote()).contains("prior approval");
		assertThat(inbox.kinds()).contains("mention", "reply", "quote");
	}
}
