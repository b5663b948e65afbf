package dev.troupe.publishing.platform.threads;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.FakePublicMedia;
import dev.troupe.publishing.spi.OAuthApp;
import dev.troupe.publishing.spi.PlatformFake;
import dev.troupe.publishing.spi.PostDraft;
import dev.troupe.publishing.spi.PublishOutcome;
import dev.troupe.publishing.spi.PublishRequest;
import dev.troupe.publishing.spi.SocialPlatform;
import dev.troupe.publishing.spi.SocialPlatformContractTests;
import dev.troupe.publishing.spi.Violation;

class ThreadsPlatformTests extends SocialPlatformContractTests {

	private final FakePublicMedia links = newLinks();
	private final ThreadsPlatform platform = new ThreadsPlatform(links, links);

	@AfterEach
	void closeLinks() {
		links.close();
	}

	@Override
	protected SocialPlatform platform() {
		return platform;
	}

	@Override
	protected PlatformFake startFake() throws Exception {
		return new FakeThreads();
	}

	@Override
	protected ChannelContext channel(PlatformFake fake) {
		return channel(FakeThreads.validToken());
	}

	@Override
	protected ChannelContext channelWithBadCredentials(PlatformFake fake) {
		return channel("THrevoked");
	}

	private ChannelContext channel(String token) {
		return new ChannelContext(UUID.randomUUID(), "threads", fake.baseUrl(),
				Map.of("accessToken", token, "userId", FakeThreads.USER_ID), Map.of("timeoutMillis", "1000", "pollMillis", "50"),
				"mira");
	}

	private FakeThreads threads() {
		return (FakeThreads) fake;
	}

	private PublishRequest request(String text, List<PublishRequest.Media> media) {
		return new PublishRequest(UUID.randomUUID(), "troupe-" + UUID.randomUUID(), text, media, Map.of(), Instant.now(), Map.of());
	}

	@Test
	void fiveHundredCharactersCountAnEmojiAsItsUtf8Bytes() {
		var fits = new PostDraft("x".repeat(496) + "😀", List.of());
		var over = new PostDraft("x".repeat(497) + "😀", List.of());
		assertThat(platform.validate(fits, channel(fake))).isEmpty();
		assertThat(platform.validate(over, channel(fake))).singleElement()
			.satisfies(v -> assertThat(v.reason()).startsWith("501 characters as Threads counts them"));
		assertThat(platform.validate(new PostDraft("é".repeat(500), List.of()), channel(fake))).extracting(Violation::field)
			.as("letters count once, whatever their bytes").doesNotContain("text");
	}

	@Test
	void aCarouselIsFetchedThroughPublicLinksAndPublishedOnce() {
		var outcome = platform.publish(request("two looks", List.of(png(), png())), channel(fake));
		assertThat(outcome).isInstanceOf(PublishOutcome.Published.class);
		assertThat(threads().media).singleElement().satisfies(m -> {
			assertThat(m.kind()).isEqualTo("CAROUSEL");
			assertThat(m.items()).isEqualTo(2);
		});
		assertThat(threads().fetched).hasSize(2);
	}

	@Test
	void aUsedUpPublishingLimitHoldsThePost() {
		threads().quota(250, 250);
		assertThat(platform.publish(request("too many today"), channel(fake))).isInstanceOfSatisfying(
				PublishOutcome.RateLimited.class, r -> assertThat(r.reason()).contains("250 posts in 24 h"));
		assertThat(threads().containers()).isZero();
	}

	@Test
	void anUnknownOutcomeIsReconciledFromTheKeptContainer() {
		fake.hangNext();
		var request = request("lost in the void");
		assertThat(platform.publish(request, channel(fake))).isInstanceOf(PublishOutcome.OutcomeUnknown.class);
		var again = new PublishRequest(request.publicationId(), request.idempotencyKey(), request.text(), request.media(),
				request.options(), request.scheduledAt(), links.handle(request.publicationId()));
		assertThat(platform.reconcile(again, channel(fake))).isInstanceOf(PublishOutcome.Published.class);
		assertThat(fake.postsCreated()).isEqualTo(1);
		assertThat(threads().containers()).isEqualTo(1);
	}

	@Test
	void threadsLoginExchangesForALongLivedTokenAndRefreshesIt() throws Exception {
		var login = new ThreadsLogin();
		var app = new OAuthApp("threads", FakeThreads.CLIENT_ID, FakeThreads.CLIENT_SECRET, login.defaultScopes(),
				fake.baseUrl().resolve("/oauth/authorize"), fake.baseUrl().resolve("/oauth/access_token"), fake.baseUrl());
		var redirect = URI.create("https://troupe.example/oauth/callback/threads");
		var consent = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.authorizeUrl() + "?client_id="
				+ FakeThreads.CLIENT_ID + "&redirect_uri=" + redirect + "&response_type=code&state=s1")).build(),
				BodyHandlers.discarding());
		var code = consent.headers().firstValue("Location").orElseThrow().replaceAll(".*code=([^&#]+).*", "$1");
		var grant = login.exchange(app, code, redirect, null);
		var accounts = login.accounts(app, grant);
		assertThat(accounts).singleElement().satisfies(a -> {
			assertThat(a.id()).isEqualTo(FakeThreads.USER_ID);
			assertThat(a.handle()).isEqualTo("@mira.studio");
		});
		assertThat(login.refresh(app, channel(fake)).credential("accessToken")).startsWith("IGAArefreshed");
	}

	private static PublishRequest.Media png() {
		var out = new ByteArrayOutputStream();
		try {
			ImageIO.write(new BufferedImage(40, 50, BufferedImage.TYPE_INT_RGB), "png", out);
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		return new PublishRequest.Media(out.toByteArray(), "image/png", "look.png", null);
	}

	private static FakePublicMedia newLinks() {
		try {
			return new FakePublicMedia();
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}
}
