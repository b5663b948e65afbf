package dev.troupe.publishing.platform.feed;

import java.util.List;

import dev.troupe.publishing.spi.PlatformDescriptor;
import dev.troupe.publishing.spi.PlatformDescriptor.CapabilityFlags;
import dev.troupe.publishing.spi.PlatformDescriptor.ConnectKind;
import dev.troupe.publishing.spi.PlatformDescriptor.ConnectSpec;
import dev.troupe.publishing.spi.PlatformDescriptor.MediaRules;
import dev.troupe.publishing.spi.PlatformDescriptor.Metric;
import dev.troupe.publishing.spi.PlatformDescriptor.MetricsSpec;
import dev.troupe.publishing.spi.PlatformDescriptor.TextRules;
import dev.troupe.publishing.spi.TextCounting;

/** The character's own feed: no account, no real limits (Troupe stores what it publishes as it is). */
final class FeedDescriptor {

	static final PlatformDescriptor DESCRIPTOR = new PlatformDescriptor("feed", "Feed", "rss", null,
			new ConnectSpec(ConnectKind.NONE, List.of()), List.of(),
			new CapabilityFlags(new TextRules(100_000, TextCounting.CHARACTERS, null),
					new MediaRules(List.of("image", "video", "gif", "audio"), 0, 20, List.of("image/*", "video/*", "audio/*"),
							0, null, 0, null, null, null, true, 5000),
					false, false, false, false, true))
		.withMetrics(new MetricsSpec(List.of(new Metric("page_views", "Page views", "views"),
				new Metric("feed_fetches", "Feed fetches", null)),
				List.of(new Metric("page_views", "Page views", null), new Metric("feed_fetches", "Feed fetches", null))));

	private FeedDescriptor() {
	}
}
