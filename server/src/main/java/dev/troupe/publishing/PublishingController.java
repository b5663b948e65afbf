package dev.troupe.publishing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.troupe.content.Post;
import dev.troupe.content.PostManagement;
import dev.troupe.shared.Actors;
import dev.troupe.shared.ApiProblem;

/** Scheduling, publications, the calendar and notifications over HTTP. */
@RestController
@RequestMapping("/api/v1")
class PublishingController {

	private final PublishingManagement publishing;
	private final PostManagement posts;
	private final Notifications notifications;

	PublishingController(PublishingManagement publishing, PostManagement posts, Notifications notifications) {
		this.publishing = publishing;
		this.posts = posts;
		this.notifications = notifications;
	}

	record ScheduleRequest(String at) {
	}

	record MarkPublished(String url) {
	}

	@PostMapping("/posts/{id}/schedule")
	@PreAuthorize("hasRole('EDITOR')")
	Post schedule(@PathVariable UUID id, @RequestBody ScheduleRequest request) {
		publishing.schedule(id, request == null ? null : request.at());
		return posts.get(id);
	}

	@PostMapping("/posts/{id}/queue")
	@PreAuthorize("hasRole('EDITOR')")
	Post queue(@PathVariable UUID id) {
		publishing.queue(id);
		return posts.get(id);
	}

	@PostMapping("/posts/{id}/unschedule")
	@PreAuthorize("hasRole('EDITOR')")
	Post unschedule(@PathVariable UUID id) {
		publishing.unschedule(id);
		return posts.get(id);
	}

	@GetMapping("/publications")
	@PreAuthorize("hasRole('VIEWER')")
	List<Publication> publications(@RequestParam UUID postId) {
		return publishing.ofPost(postId);
	}

	@PostMapping("/publications/{id}/mark-published")
	@PreAuthorize("hasRole('EDITOR')")
	Publication markPublished(@PathVariable UUID id, @RequestBody(required = false) MarkPublished body) {
		return publishing.markPublished(id, body == null ? null : body.url());
	}

	@PostMapping("/publications/{id}/publish-again")
	@PreAuthorize("hasRole('EDITOR')")
	Publication publishAgain(@PathVariable UUID id) {
		return publishing.publishAgain(id);
	}

	@GetMapping("/calendar")
	@PreAuthorize("hasRole('VIEWER')")
	List<PublishingManagement.CalendarEntry> calendar(@RequestParam String from, @RequestParam String to,
			@RequestParam(required = false) UUID characterId, @RequestParam(required = false) UUID channelId) {
		var start = instant("from", from);
		var end = instant("to", to);
		if (!end.isAfter(start)) {
			throw ApiProblem.badRequest("to", "must be after 'from'");
		}
		return publishing.calendar(start, end, characterId, channelId);
	}

	@GetMapping("/notifications")
	@PreAuthorize("hasRole('VIEWER')")
	List<Notifications.Notification> notifications(@RequestParam(defaultValue = "false") boolean unread) {
		return notifications.list(unread, Actors.current());
	}

	@PostMapping("/notifications/{id}/read")
	@PreAuthorize("hasRole('VIEWER')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void read(@PathVariable long id) {
		if (!notifications.read(id, Actors.current())) {
			throw ApiProblem.notFound("Notification", id);
		}
	}

	private static Instant instant(String field, String value) {
		try {
			return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(value);
		}
		catch (DateTimeParseException e) {
			throw ApiProblem.badRequest(field, "must be a date (2026-12-01) or an instant (2026-12-01T09:00:00Z)");
		}
	}
}
