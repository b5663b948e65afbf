package dev.troupe.publishing.platform.mastodon;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

import dev.troupe.publishing.spi.OutcomeException;
import dev.troupe.publishing.spi.PublishOutcome;
import dev.troupe.publishing.spi.PublishRequest.Media;

/**
 * Uploads one attachment and waits until the instance has processed it: a status can only attach media whose
 * {@code url} is set. Images are usually ready at once (200); video, GIF and audio answer 202 and are polled.
 */
final class MastodonMedia {

	private static final Duration FIRST_POLL = Duration.ofMillis(200);
	private static final Duration LONGEST_POLL = Duration.ofSeconds(5);

	private MastodonMedia() {
	}

	/** Returns the media id, ready to attach. Nothing is published yet, so every failure is safe to retry. */
	static String upload(MastodonClient client, Media media, Duration maxWait) throws OutcomeException {
		var uploaded = call(() -> client.uploadMedia(media));
		if (!uploaded.ok()) {
			throw new OutcomeException(MastodonErrors.mediaFailure(uploaded));
		}
		var id = uploaded.text("id");
		if (uploaded.status() == 202 || uploaded.text("url") == null) {
			awaitProcessed(client, id, maxWait);
		}
		return id;
	}

	private static void awaitProcessed(MastodonClient client, String id, Duration maxWait) throws OutcomeException {
		var deadline = Instant.now().plus(maxWait);
		var pause = FIRST_POLL;
		while (Instant.now().isBefore(deadline)) {
			sleep(pause);
			var polled = call(() -> client.media(id));
			if (polled.status() == 200 && polled.text("url") != null) {
				return;
			}
			if (polled.status() == 422) {
				throw new OutcomeException(new PublishOutcome.ContentRejected(
						"Mastodon could not process the media: " + polled.error()));
			}
			if (polled.status() != 206 && polled.status() != 200) {
				throw new OutcomeException(MastodonErrors.mediaFailure(polled));
			}
			pause = pause.multipliedBy(2).compareTo(LONGEST_POLL) > 0 ? LONGEST_POLL : pause.multipliedBy(2);
		}
		throw new OutcomeException(new PublishOutcome.Transient(
				"Mastodon was still processing media " + id + " after " + maxWait.toSeconds() + " s"));
	}

	private static MastodonResponse call(Call call) throws OutcomeException {
		try {
			return call.send();
		}
		catch (IOException | InterruptedException e) {
			throw new OutcomeException(MastodonErrors.transport(e, false));
		}
	}

	private static void sleep(Duration pause) throws OutcomeException {
		try {
			Thread.sleep(pause.toMillis());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new OutcomeException(new PublishOutcome.Transient("interrupted while Mastodon processed media"));
		}
	}

	@FunctionalInterface
	private interface Call {

		MastodonResponse send() throws IOException, InterruptedException;
	}
}
