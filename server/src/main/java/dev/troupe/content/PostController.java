package dev.troupe.content;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.troupe.shared.ApiProblem;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts over HTTP: editors write, reviewers (and owners) decide. Scheduling lives in publishing.
 */
@RestController
@RequestMapping("/api/v1/posts")
class PostController {

	private final PostManagement posts;
	private final JsonMapper json;

	PostController(PostManagement posts, JsonMapper json) {
		this.posts = posts;
		this.json = json;
	}

	record Decision(String comment) {
	}

	record Bulk(String action, List<UUID> ids, String comment) {
	}

	record BulkResult(UUID id, boolean ok, String error) {
	}

	@PostMapping
	@PreAuthorize("hasRole('EDITOR')")
	ResponseEntity<Post> create(
			@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = PostManagement.PostInput.class))) @RequestBody String body,
			@RequestHeader(name = "Idempotency-Key", required = false) String key) {
		if (key != null && key.length() > 200) {
			throw ApiProblem.badRequest("Idempotency-Key", "must be at most 200 characters");
		}
		var input = json.readValue(body, PostManagement.PostInput.class);
		if (input == null) {
			throw ApiProblem.badRequest("body", "must be a JSON object describing the post");
		}
		var created = posts.create(input, key, body);
		return ResponseEntity.status(created.replayed() ? HttpStatus.OK : HttpStatus.CREATED).body(created.post());
	}

	/**
	 * Posts, newest first. {@code state} takes one state or several separated by commas; {@code q} searches
	 * captions; {@code scheduled=false} keeps posts without a time. With {@code limit} or {@code offset}, the number of
	 * matching posts is in {@code X-Total-Count}.
	 */
	@GetMapping
	@PreAuthorize("hasRole('VIEWER')")
	ResponseEntity<List<Post>> list(@RequestParam(required = false) String state,
			@RequestParam(required = false) UUID characterId, @RequestParam(required = false) UUID channelId,
			@RequestParam(required = false) String q, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) Boolean scheduled,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) Integer offset) {
		if (limit != null && (limit < 1 || limit > 500)) {
			throw ApiProblem.badRequest("limit", "must be between 1 and 500");
		}
		if (offset != null && offset < 0) {
			throw ApiProblem.badRequest("offset", "must be 0 or more");
		}
		if (q != null && q.length() > 200) {
			throw ApiProblem.badRequest("q", "must be at most 200 characters");
		}
		var filter = new PostFilter(states(state), characterId, channelId, q, instant("from", from), instant("to", to),
				scheduled == null ? null : !scheduled, limit == null ? 500 : limit, offset == null ? 0 : offset);
		// counting every match costs a scan: only a client that pages (limit or offset) needs it
		var page = posts.search(filter, limit != null || offset != null);
		return ResponseEntity.ok().header("X-Total-Count", Long.toString(page.total())).body(page.items());
	}

	private static List<PostState> states(String value) {
		if (value == null || value.isBlank()) {
			return List.of();
		}
		var states = new ArrayList<PostState>();
		for (var name : value.split(",")) {
			try {
				states.add(PostState.valueOf(name.trim().toUpperCase(Locale.ROOT)));
			}
			catch (IllegalArgumentException e) {
				throw ApiProblem.badRequest("state", "'" + name.trim() + "' is not a post state; use "
						+ Arrays.stream(PostState.values()).map(Enum::name).toList());
			}
		}
		return states;
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasRole('VIEWER')")
	Post get(@PathVariable UUID id) {
		return posts.get(id);
	}

	@PatchMapping("/{id}")
	@PreAuthorize("hasRole('EDITOR')")
	Post update(@PathVariable UUID id, @RequestBody PostManagement.PostInput change,
			@RequestHeader(name = "If-Match", required = false) String ifMatch) {
		if (change == null) {
			throw ApiProblem.badRequest("body", "must be a JSON object with the fields to change");
		}
		return posts.update(id, change, version(ifMatch));
	}

	@DeleteMapping("/{id}")
	@PreAuthorize("hasRole('EDITOR')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable UUID id) {
		posts.delete(id);
	}

	@PostMapping("/{id}/submit")
	@PreAuthorize("hasRole('EDITOR')")
	Post submit(@PathVariable UUID id) {
		return posts.submit(id);
	}

	@PostMapping("/{id}/approve")
	@PreAuthorize("hasRole('REVIEWER')")
	Post approve(@PathVariable UUID id, @RequestBody(required = false) Decision decision, Authentication who) {
		return posts.approve(id, decision == null ? null : decision.comment(), isOwner(who));
	}

	@PostMapping("/{id}/reject")
	@PreAuthorize("hasRole('REVIEWER')")
	Post reject(@PathVariable UUID id, @RequestBody(required = false) Decision decision) {
		return posts.reject(id, decision == null ? null : decision.comment());
	}

	@PostMapping("/bulk")
	@PreAuthorize("hasRole('REVIEWER')")
	List<BulkResult> bulk(@RequestBody Bulk bulk, Authentication who) {
		if (!"approve".equals(bulk.action()) && !"reject".equals(bulk.action())) {
			throw ApiProblem.badRequest("action", "must be 'approve' or 'reject'");
		}
		var results = new ArrayList<BulkResult>();
		for (var id : bulk.ids() == null ? List.<UUID>of() : bulk.ids()) {
			try {
				if (bulk.action().equals("approve")) {
					posts.approve(id, bulk.comment(), isOwner(who));
				}
				else {
					posts.reject(id, bulk.comment());
				}
				results.add(new BulkResult(id, true, null));
			}
			catch (ApiProblem problem) {
				results.add(new BulkResult(id, false, problem.getMessage()));
			}
		}
		return results;
	}

	private static Integer version(String ifMatch) {
		if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
			return null;
		}
		try {
			return Integer.valueOf(ifMatch.replace("W/", "").replace("\"", "").trim());
		}
		catch (NumberFormatException e) {
			throw ApiProblem.badRequest("If-Match", "must be the post's version, e.g. \"3\"");
		}
	}

	private static boolean isOwner(Authentication who) {
		return who.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_OWNER"));
	}

	static Instant instant(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(value);
		}
		catch (DateTimeParseException e) {
			throw ApiProblem.badRequest(field, "must be a date (2026-12-01) or an instant (2026-12-01T09:00:00Z)");
		}
	}

}
