package dev.troupe.shared;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * A client error with a status, a human title and detail, and optional field-level reasons. Rendered as
 * RFC 9457 problem+json by {@link ProblemHandler}; every module throws these instead of inventing its own.
 */
public class ApiProblem extends RuntimeException {

	private final HttpStatus status;
	private final String title;
	private final List<FieldProblem> errors;

	public ApiProblem(HttpStatus status, String title, String detail, List<FieldProblem> errors) {
		super(detail);
		this.status = status;
		this.title = title;
		this.errors = List.copyOf(errors);
	}

	public static ApiProblem badRequest(String field, String reason) {
		return new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid request", field + ": " + reason,
				List.of(new FieldProblem(field, reason)));
	}

	public static ApiProblem invalid(List<FieldProblem> errors) {
		var detail = errors.stream().map(e -> e.field() + ": " + e.reason()).reduce((a, b) -> a + "; " + b).orElse("");
		return new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid request", detail, errors);
	}

	public static ApiProblem notFound(String what, Object id) {
		return new ApiProblem(HttpStatus.NOT_FOUND, "Not found", what + " " + id + " does not exist", List.of());
	}

	public static ApiProblem conflict(String field, String reason) {
		return new ApiProblem(HttpStatus.CONFLICT, "Conflict", reason,
				field == null ? List.of() : List.of(new FieldProblem(field, reason)));
	}

	public static ApiProblem unprocessable(String field, String reason) {
		return new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Cannot be done", reason,
				List.of(new FieldProblem(field, reason)));
	}

	public static ApiProblem unsupportedMedia(String field, String reason) {
		return new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported file", reason,
				List.of(new FieldProblem(field, reason)));
	}

	public HttpStatus status() {
		return status;
	}

	public String title() {
		return title;
	}

	public List<FieldProblem> errors() {
		return errors;
	}

	/** One field's reason, e.g. {@code visual.loras[0].weight: must be between -5 and 5}. */
	public record FieldProblem(String field, String reason) {
	}
}
