package dev.troupe.publishing.platform.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.InsightsRateLimited;
import dev.troupe.publishing.spi.PlatformException;
import dev.troupe.publishing.spi.PlatformInsights.PublishedPost;

class TelegramInsightsTests {

	private final TelegramPlatform platform = new TelegramPlatform();
	private final FakeTelegram fake;

	TelegramInsightsTests() throws Exception {
		fake = new FakeTelegram();
	}

	@AfterEach
	void stop() {
		fake.close();
	}

	private ChannelContext channel(String token, String chatId) {
		return new ChannelContext(UUID.randomUUID(), "telegram", fake.baseUrl(), Map.of("botToken", token),
				Map.of("chatId", chatId, "timeoutMillis", "2000"), "ada");
	}

	@Test
	void theMemberCountIsTheChannelsFollowers() throws Exception {
		fake.members(1234);
		assertThat(platform.accountMetrics(channel(FakeTelegram.TOKEN, FakeTelegram.CHANNEL)))
			.containsExactly(Map.entry("member_count", 1234L));
		assertThat(fake.calls).extracting(RecordedFormMethod::of).containsExactly("getChatMemberCount");
		assertThat(platform.descriptor().metrics().account()).singleElement()
			.satisfies(m -> assertThat(m.common()).isEqualTo("followers"));
	}

	@Test
	void postsHaveNoNumbersBecauseTheBotApiGivesNone() throws Exception {
		var post = new PublishedPost("101", "https://t.me/ada_lovelace_daily/101", Instant.now());
		assertThat(platform.publicationMetrics(List.of(post), channel(FakeTelegram.TOKEN, FakeTelegram.CHANNEL))).isEmpty();
		assertThat(platform.descriptor().metrics().publication()).as("declared: nothing per post").isEmpty();
		assertThat(fake.calls).as("not even asked").isEmpty();
	}

	@Test
	void aRateLimitSaysUntilWhen() {
		fake.rateLimitNextRead(40);
		assertThatThrownBy(() -> platform.accountMetrics(channel(FakeTelegram.TOKEN, FakeTelegram.CHANNEL)))
			.isInstanceOfSatisfying(InsightsRateLimited.class,
					e -> assertThat(e.until()).isAfter(Instant.now().plusSeconds(30)));
	}

	@Test
	void anUnknownChatOrBadTokenIsReportedAsRevoked() {
		assertThatThrownBy(() -> platform.accountMetrics(channel(FakeTelegram.TOKEN, "@nobody_here")))
			.isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.revoked()).isTrue());
		assertThatThrownBy(() -> platform.accountMetrics(channel("123456:TEST-revoked-token", FakeTelegram.CHANNEL)))
			.isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.revoked()).isTrue());
	}

	private static final class RecordedFormMethod {
		static String of(dev.troupe.publishing.spi.RecordedForm form) {
			return form.method();
		}
	}
}
