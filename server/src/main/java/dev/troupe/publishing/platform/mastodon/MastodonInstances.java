package dev.troupe.publishing.platform.mastodon;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.troupe.publishing.spi.Capabilities;
import dev.troupe.publishing.spi.ChannelContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each instance sets its own limits (glitch-soc and many instances allow far more than 500 characters), read from
 * {@code GET /api/v2/instance} and cached per instance: validation runs often and limits rarely change.
 */
final class MastodonInstances {

	/** What an instance allows, plus how many characters it counts for any URL. */
	record Limits(Capabilities capabilities, int charactersPerUrl) {
	}

	/** Mastodon's own defaults (4.x), used when an instance does not answer. */
	static final Limits DEFAULTS = new Limits(Capabilities.of(MastodonDescriptor.DESCRIPTOR),
			MastodonDescriptor.DESCRIPTOR.capabilities().text().urlLength());

	private static final Duration TTL = Duration.ofHours(1);
	// an instance that is down is asked again sooner, so its real limits replace the defaults
	private static final Duration FALLBACK_TTL = Duration.ofMinutes(5);

	private record Cached(Limits limits, Instant expires) {
	}

	private final Map<String, Cached> cache = new ConcurrentHashMap<>();
	private final JsonMapper json;
	private final Clock clock;

	MastodonInstances(JsonMapper json, Clock clock) {
		this.json = json;
		this.clock = clock;
	}

	Limits limits(ChannelContext channel) {
		var key = channel.baseUrl().toString();
		var cached = cache.get(key);
		if (cached != null && clock.instant().isBefore(cached.expires())) {
			return cached.limits();
		}
		var fresh = fetch(channel);
		var ttl = fresh == DEFAULTS ? FALLBACK_TTL : TTL;
		cache.put(key, new Cached(fresh, clock.instant().plus(ttl)));
		return fresh;
	}

	private Limits fetch(ChannelContext channel) {
		try {
			var response = new MastodonClient(channel, json).instance();
			return response.ok() && response.body().has("configuration") ? parse(response.body().path("configuration"))
					: DEFAULTS;
		}
		catch (IOException e) {
			return DEFAULTS;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return DEFAULTS;
		}
	}

	static Limits parse(JsonNode configuration) {
		var defaults = DEFAULTS.capabilities();
		var statuses = configuration.path("statuses");
		var media = configuration.path("media_attachments");
		var types = new ArrayList<String>();
		media.path("supported_mime_types").values().forEach(type -> types.add(type.asString()));
		long matrix = media.path("image_matrix_limit").asLong(0);
		var caps = new Capabilities(statuses.path("max_characters").asInt(defaults.maxTextLength()),
				statuses.path("max_media_attachments").asInt(defaults.maxMedia()),
				types.isEmpty() ? defaults.mediaTypes() : List.copyOf(types), false,
				media.path("image_size_limit").asLong(defaults.maxImageBytes()),
				// the instance limits pixels (width × height); a square of that area fits any aspect ratio's edge
				matrix > 0 ? (int) Math.sqrt(matrix) : defaults.maxImageEdge(),
				media.path("video_size_limit").asLong(defaults.maxVideoBytes()),
				media.path("description_limit").asInt(defaults.maxAltTextLength()), true);
		return new Limits(caps, statuses.path("characters_reserved_per_url").asInt(DEFAULTS.charactersPerUrl()));
	}
}
