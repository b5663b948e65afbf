package dev.troupe.publishing.platform.meta;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import dev.troupe.publishing.spi.PlatformException;
import dev.troupe.publishing.spi.PublishOutcome;

/**
 * What the Meta inboxes (Instagram and Facebook comments, Threads replies) share: a Graph answer that is not ok
 * becomes the exception an inbox poll reports (throttling with the time access comes back, a dead token as a
 * revocation), and Graph timestamps ({@code 2026-12-03T10:15:30+0000}) become instants. Cursors are the newest
 * item's time: the comment edges have no "since" parameter, so each poll reads the recent posts' comments and keeps
 * what is newer.
 */
public final class GraphInbox {

	private static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");

	private GraphInbox() {
	}

	/** Throws what a failed read means; returns quietly when the answer is ok. */
	public static void check(String platform, GraphResponse response) throws PlatformException {
		if (response.ok()) {
			return;
		}
		var outcome = MetaErrors.classify(platform, response, Instant.now());
		if (outcome instanceof PublishOutcome.RateLimited limited) {
			throw new PlatformException(limited.reason(), limited.until());
		}
		var revoked = outcome instanceof PublishOutcome.TokenExpired || outcome instanceof PublishOutcome.ChannelRevoked;
		throw new PlatformException(platform + " did not list the comments: " + response.message(), revoked);
	}

	public static PlatformException unreachable(String platform, IOException e) {
		return new PlatformException("could not reach " + platform + " (" + e.getClass().getSimpleName() + ")", false, e);
	}

	/** Graph's {@code +0000} offsets and ISO instants alike; null when absent or unreadable. */
	public static Instant time(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return OffsetDateTime.parse(value, GRAPH_TIME).toInstant();
		}
		catch (DateTimeParseException notGraph) {
			try {
				return OffsetDateTime.parse(value).toInstant();
			}
			catch (DateTimeParseException unreadable) {
				return null;
			}
		}
	}

	/** The poll's lower bound from its cursor (an ISO instant), or null on the first poll. */
	public static Instant since(String cursor) {
		if (cursor == null || cursor.isBlank()) {
			return null;
		}
		try {
			return Instant.parse(cursor);
		}
		catch (DateTimeParseException foreign) {
			return null;
		}
	}

	/** The next cursor: the newest time seen, never older than the previous cursor. */
	public static String next(Instant since, Instant newest) {
		var value = newest == null ? since : since == null || newest.isAfter(since) ? newest : since;
		return value == null ? null : value.toString();
	}
}
