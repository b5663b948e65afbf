package dev.troupe.publishing.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every platform adapter promises, run against a protocol-faithful fake of its platform. Adapter test
 * classes extend this and add their platform's own cases.
 */
public abstract class SocialPlatformContractTests {

	protected PlatformFake fake;

	protected abstract SocialPlatform platform();

	/** Starts the fake platform server. */
	protected abstract PlatformFake startFake() throws Exception;

	/** A channel with valid credentials on the fake; its settings must make requests time out after ~1 s. */
	protected abstract ChannelContext channel(PlatformFake fake);

	/** The same channel with credentials the fake refuses. */
	protected abstract ChannelContext channelWithBadCredentials(PlatformFake fake);

	@BeforeEach
	void startPlatform() throws Exception {
		fake = startFake();
	}

	@AfterEach
	void stopPlatform() throws Exception {
		fake.close();
	}

	protected PublishRequest request(String text) {
		return new PublishRequest(UUID.randomUUID(), "troupe-" + UUID.randomUUID(), text, List.of(), Map.of(),
				Instant.now(), Map.of());
	}

	@Test
	void verifiesTheAccount() throws Exception {
		var account = platform().verify(channel(fake));
		assertThat(account.name()).isNotBlank();
	}

	@Test
	void refusedCredentialsAreReportedAsRevoked() {
		assumeTrue(fake.remote(), "no remote server");
		assertThatThrownBy(() -> platform().verify(channelWithBadCredentials(fake)))
			.isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.revoked()).isTrue());
		assertThat(platform().publish(request("hello"), channelWithBadCredentials(fake)))
			.isInstanceOfAny(PublishOutcome.ChannelRevoked.class, PublishOutcome.TokenExpired.class);
		assertThat(fake.postsCreated()).isZero();
	}

	@Test
	void publishesExactlyOnePost() {
		var outcome = platform().publish(request("Hello from Troupe ✨"), channel(fake));
		assertThat(outcome).isInstanceOfSatisfying(PublishOutcome.Published.class, p -> assertThat(p.remoteId()).isNotBlank());
		assertThat(fake.postsCreated()).isEqualTo(1);
	}

	@Test
	void aRateLimitSaysUntilWhen() {
		assumeTrue(fake.remote(), "no remote server");
		fake.rateLimitNext(30);
		var outcome = platform().publish(request("limited"), channel(fake));
		assertThat(outcome).isInstanceOfSatisfying(PublishOutcome.RateLimited.class,
				r -> assertThat(r.until()).isAfter(Instant.now().plusSeconds(20)));
		assertThat(fake.postsCreated()).isZero();
	}

	@Test
	void aServerErrorIsNeverReportedAsPublished() {
		assumeTrue(fake.remote(), "no remote server");
		fake.failNextWith(503);
		var outcome = platform().publish(request("server trouble"), channel(fake));
		assertThat(outcome).isInstanceOfAny(PublishOutcome.Transient.class, PublishOutcome.OutcomeUnknown.class);
	}

	@Test
	void aTimeoutAfterSendingIsAnUnknownOutcome() {
		assumeTrue(fake.remote(), "no remote server");
		fake.hangNext();
		var outcome = platform().publish(request("into the void"), channel(fake));
		assertThat(outcome).isInstanceOf(PublishOutcome.OutcomeUnknown.class);
	}

	@Test
	void tooLongTextIsAViolation() {
		var caps = platform().capabilities(channel(fake));
		var text = "x".repeat(caps.maxTextLength() + 1);
		assertThat(platform().validate(new PostDraft(text, List.of()), channel(fake))).extracting(Violation::field)
			.contains("text");
	}
}
