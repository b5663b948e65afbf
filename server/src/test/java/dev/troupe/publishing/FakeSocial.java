package dev.troupe.publishing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import dev.troupe.publishing.spi.AccountInfo;
import dev.troupe.publishing.spi.Capabilities;
import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.PlatformDescriptor;
import dev.troupe.publishing.spi.PlatformException;
import dev.troupe.publishing.spi.PublishOutcome;
import dev.troupe.publishing.spi.PublishRequest;
import dev.troupe.publishing.spi.SocialPlatform;
import dev.troupe.publishing.spi.TestDescriptors;

/**
 * A platform for publishing tests (type {@code fake-social}). Channel setting {@code mode} picks what happens:
 * {@code ok}, {@code ratelimit-once}, {@code unknown} (outcome unknown, and reconcile cannot tell),
 * {@code unknown-then-found} (unknown, but reconcile finds the post), {@code unknown-once} (unknown the first time, published after), {@code lookup} (publishes; reconcile
 * looks the post up and says for certain whether it exists), {@code revoked}, {@code reject};
 * {@code maxText} sets the text limit. Posts are kept per idempotency key, so a replay never duplicates.
 */
public class FakeSocial implements SocialPlatform {

	static final Map<String, String> POSTS = new ConcurrentHashMap<>();
	static final Map<UUID, AtomicInteger> CALLS = new ConcurrentHashMap<>();
	private static final Map<UUID, Hold> HOLDS = new ConcurrentHashMap<>();

	/** Holds the runner while it prepares a publication for the channel (its media), until released. */
	record Hold(java.util.concurrent.CountDownLatch started, java.util.concurrent.CountDownLatch release) {

		void awaitStarted() throws InterruptedException {
			if (!started.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
				throw new AssertionError("the runner never started preparing");
			}
		}
	}

	private static final Map<UUID, Hold> RECONCILE_HOLDS = new ConcurrentHashMap<>();

	/** Holds the next reconcile of a publication on the channel until released. */
	static Hold holdReconcile(UUID channelId) {
		var hold = new Hold(new java.util.concurrent.CountDownLatch(1), new java.util.concurrent.CountDownLatch(1));
		RECONCILE_HOLDS.put(channelId, hold);
		return hold;
	}

	static Hold holdPreparation(UUID channelId) {
		var hold = new Hold(new java.util.concurrent.CountDownLatch(1), new java.util.concurrent.CountDownLatch(1));
		HOLDS.put(channelId, hold);
		return hold;
	}

	@TestConfiguration(proxyBeanMethods = false)
	public static class Config {

		@Bean
		FakeSocial fakeSocial() {
			return new FakeSocial();
		}

		@Bean
		FakeOAuthPlatform fakeOAuthPlatform() {
			return new FakeOAuthPlatform();
		}
	}

	/** How many times Troupe called publish for posts on this channel. */
	public static int publishCalls(UUID channelId) {
		var calls = CALLS.get(channelId);
		return calls == null ? 0 : calls.get();
	}

	@Override
	public String type() {
		return "fake-social";
	}

	@Override
	public PlatformDescriptor descriptor() {
		return TestDescriptors.simple(type(), 280, 4, true);
	}

	@Override
	public Capabilities capabilities(ChannelContext channel) {
		var hold = HOLDS.get(channel.channelId());
		if (hold != null && StackWalker.getInstance()
			.walk(frames -> frames.anyMatch(f -> f.getClassName().endsWith(".PublicationRunner")))) {
			HOLDS.remove(channel.channelId());
			hold.started().countDown();
			try {
				hold.release().await(30, java.util.concurrent.TimeUnit.SECONDS);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
		return new Capabilities(Integer.parseInt(channel.setting("maxText", "280")), 4, List.of("image/"), false,
				200_000, 512, 0, 1000, true);
	}

	@Override
	public AccountInfo verify(ChannelContext channel) throws PlatformException {
		if ("revoked".equals(channel.setting("mode", "ok"))) {
			throw new PlatformException("401 The access token is invalid", true);
		}
		return new AccountInfo("Fake " + channel.characterHandle(), "@" + channel.characterHandle(), null, null);
	}

	@Override
	public PublishOutcome publish(PublishRequest request, ChannelContext channel) {
		var calls = CALLS.computeIfAbsent(channel.channelId(), id -> new AtomicInteger()).incrementAndGet();
		for (var media : request.media()) {
			if (media.bytes().length > 200_000) {
				return new PublishOutcome.ContentRejected("media larger than 200 kB reached the platform");
			}
		}
		switch (channel.setting("mode", "ok")) {
			case "ratelimit-once":
				if (calls == 1) {
					return new PublishOutcome.RateLimited(Instant.now().plusSeconds(2), "429 Too Many Requests");
				}
				break;
			case "ratelimit-global-once":
				if (calls == 1) {
					return new PublishOutcome.RateLimited(Instant.now().plusSeconds(2), "429 global", true);
				}
				break;
			case "unknown-once":
				if (calls == 1) {
					return new PublishOutcome.OutcomeUnknown("timed out before the request was sent");
				}
				break;
			case "unknown":
			case "unknown-then-found":
				POSTS.putIfAbsent(request.idempotencyKey(), "remote-" + calls);
				return new PublishOutcome.OutcomeUnknown("timed out after sending");
			case "revoked":
				return new PublishOutcome.ChannelRevoked("401 The access token is invalid");
			case "reject":
				return new PublishOutcome.ContentRejected("422 Validation failed: text is spam");
			default:
				break;
		}
		var id = POSTS.computeIfAbsent(request.idempotencyKey(), k -> "remote-" + UUID.randomUUID());
		return new PublishOutcome.Published(id, "https://fake.social/" + id);
	}

	@Override
	public PublishOutcome reconcile(PublishRequest request, ChannelContext channel) {
		var hold = RECONCILE_HOLDS.remove(channel.channelId());
		if (hold != null) {
			hold.started().countDown();
			try {
				hold.release().await(30, java.util.concurrent.TimeUnit.SECONDS);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
		if ("lookup".equals(channel.setting("mode", "ok"))) {
			var id = POSTS.get(request.idempotencyKey());
			return id == null ? new PublishOutcome.NotPublished("no such post")
					: new PublishOutcome.Published(id, "https://fake.social/" + id);
		}
		if ("unknown-then-found".equals(channel.setting("mode", "ok")) && POSTS.containsKey(request.idempotencyKey())) {
			var id = POSTS.get(request.idempotencyKey());
			return new PublishOutcome.Published(id, "https://fake.social/" + id);
		}
		return new PublishOutcome.OutcomeUnknown("fake-social cannot look posts up");
	}
}
