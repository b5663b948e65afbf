package dev.troupe.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.troupe.analytics.AnalyticsViews.ChannelReport;
import dev.troupe.analytics.AnalyticsViews.CollectionRow;
import dev.troupe.analytics.AnalyticsViews.PublicationDetail;
import dev.troupe.analytics.AnalyticsViews.PublicationList;
import dev.troupe.shared.ApiProblem;

/** Analytics over HTTP: everyone reads; only owners change a channel's queue slots from the best times. */
@RestController
@RequestMapping("/api/v1")
class AnalyticsController {

	static final Duration DEFAULT_RANGE = Duration.ofDays(90);

	private final AnalyticsReports reports;
	private final CsvExport csv;
	private final BestTimes bestTimes;

	AnalyticsController(AnalyticsReports reports, CsvExport csv, BestTimes bestTimes) {
		this.reports = reports;
		this.csv = csv;
		this.bestTimes = bestTimes;
	}

	@GetMapping("/analytics/publications")
	@PreAuthorize("hasRole('VIEWER')")
	PublicationList publications(@RequestParam(required = false) UUID characterId,
			@RequestParam(required = false) UUID channelId, @RequestParam(required = false) String platform,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String sort, @RequestParam(required = false) Integer limit) {
		boolean byEngagement;
		if (sort == null || sort.isBlank() || sort.equals("publishedAt")) {
			byEngagement = false;
		}
		else if (sort.equals("engagement")) {
			byEngagement = true;
		}
		else {
			throw ApiProblem.badRequest("sort", "must be engagement or publishedAt");
		}
		int max = limit == null ? 100 : limit;
		if (max < 1 || max > 1000) {
			throw ApiProblem.badRequest("limit", "must be between 1 and 1000");
		}
		return reports.publications(filter(characterId, channelId, platform, from, to), byEngagement, max);
	}

	@GetMapping("/analytics/publications/{publicationId}")
	@PreAuthorize("hasRole('VIEWER')")
	PublicationDetail publication(@PathVariable UUID publicationId) {
		return reports.publication(publicationId);
	}

	@GetMapping("/analytics/channels/{channelId}")
	@PreAuthorize("hasRole('VIEWER')")
	ChannelReport channel(@PathVariable UUID channelId, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to) {
		var range = range(from, to);
		return reports.channel(channelId, range[0], range[1]);
	}

	@GetMapping(path = "/analytics/export.csv", produces = "text/csv")
	@PreAuthorize("hasRole('VIEWER')")
	ResponseEntity<String> export(@RequestParam(required = false) String kind,
			@RequestParam(required = false) UUID characterId, @RequestParam(required = false) UUID channelId,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
		String body;
		String name;
		if (kind == null || kind.isBlank() || kind.equals("publications")) {
			body = csv.publications(filter(characterId, channelId, null, from, to));
			name = "publications";
		}
		else if (kind.equals("channel")) {
			if (channelId == null) {
				throw ApiProblem.badRequest("channelId", "is required for kind=channel");
			}
			var range = range(from, to);
			body = csv.channel(channelId, range[0], range[1]);
			name = "channel-" + channelId;
		}
		else {
			throw ApiProblem.badRequest("kind", "must be publications or channel");
		}
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"troupe-" + name + ".csv\"")
			.body(body);
	}

	@GetMapping("/analytics/collection")
	@PreAuthorize("hasRole('VIEWER')")
	List<CollectionRow> collection() {
		return reports.collection();
	}

	@GetMapping("/channels/{channelId}/best-times")
	@PreAuthorize("hasRole('VIEWER')")
	BestTimes.Answer bestTimes(@PathVariable UUID channelId) {
		return bestTimes.forChannel(channelId);
	}

	record ApplyRequest(Integer count) {
	}

	@PostMapping("/channels/{channelId}/best-times/apply")
	@PreAuthorize("hasRole('OWNER')")
	BestTimes.Applied apply(@PathVariable UUID channelId, @RequestBody(required = false) ApplyRequest request) {
		return bestTimes.apply(channelId, request == null ? null : request.count());
	}

	private static Samples.Filter filter(UUID characterId, UUID channelId, String platform, String from, String to) {
		if (platform != null && !platform.isBlank() && !platform.matches("[a-z0-9-]{1,40}")) {
			throw ApiProblem.badRequest("platform", "is not a platform type (e.g. mastodon)");
		}
		var range = range(from, to);
		return new Samples.Filter(characterId, channelId, platform == null || platform.isBlank() ? null : platform,
				range[0], range[1]);
	}

	/** {@code from}/{@code to}: ISO-8601 instants or dates (a date is its start, UTC); by default the last 90 days. */
	static Instant[] range(String from, String to) {
		var end = to == null || to.isBlank() ? Instant.now().plusSeconds(1) : instant("to", to);
		var start = from == null || from.isBlank() ? end.minus(DEFAULT_RANGE) : instant("from", from);
		if (!start.isBefore(end)) {
			throw ApiProblem.badRequest("to", "must be after from");
		}
		return new Instant[] { start, end };
	}

	private static Instant instant(String field, String value) {
		try {
			return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
					: Instant.parse(value);
		}
		catch (DateTimeParseException e) {
			throw ApiProblem.badRequest(field, "must be an ISO-8601 instant (2026-12-01T00:00:00Z) or date (2026-12-01)");
		}
	}
}
