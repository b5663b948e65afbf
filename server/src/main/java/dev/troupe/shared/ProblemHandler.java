package dev.troupe.shared;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure into RFC 9457 problem+json with field-level reasons. Unexpected exceptions are logged
 * with their stack trace here and answered without one.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
	static final String TYPE_BASE = "https://troupe.dev/problems/";

	@ExceptionHandler(ApiProblem.class)
	ResponseEntity<ProblemDetail> apiProblem(ApiProblem problem) {
		return respond(problem.status(), problem.title(), problem.getMessage(), problem.errors());
	}

	/** Method security's refusals surface here, inside MVC, rather than in the security filter chain. */
	@ExceptionHandler(AccessDeniedException.class)
	ResponseEntity<ProblemDetail> accessDenied(AccessDeniedException e) {
		return respond(HttpStatus.FORBIDDEN, "Forbidden", "Your role does not allow this", List.of());
	}

	/** A body a controller parsed itself (e.g. to hash it for idempotency) that is not valid JSON. */
	@ExceptionHandler(tools.jackson.core.JacksonException.class)
	ResponseEntity<ProblemDetail> unreadable(tools.jackson.core.JacksonException e) {
		var reason = e.getOriginalMessage() == null ? "malformed JSON" : e.getOriginalMessage().lines().findFirst().orElse("");
		return respond(HttpStatus.BAD_REQUEST, "Unreadable request body", "The request body is not valid JSON: " + reason,
				List.of(new ApiProblem.FieldProblem(JsonPaths.of(e), reason)));
	}

	/** A multipart body that cannot be parsed (no boundary, cut short): the upload is at fault, not Troupe. */
	@ExceptionHandler(MultipartException.class)
	ResponseEntity<ProblemDetail> brokenMultipart(MultipartException e) {
		return respond(HttpStatus.BAD_REQUEST, "Invalid request",
				"The multipart/form-data body is malformed (missing boundary or cut short); send the file again",
				List.of(new ApiProblem.FieldProblem("file", "the multipart body could not be read")));
	}

	/**
	 * The database is unreachable for a moment (restarting, connection lost): a 503 the client may retry, not an
	 * internal error. If the connection broke during the commit the outcome is unknown, so the detail says so.
	 */
	@ExceptionHandler({ org.springframework.dao.DataAccessResourceFailureException.class,
			org.springframework.dao.TransientDataAccessException.class,
			org.springframework.dao.RecoverableDataAccessException.class,
			org.springframework.transaction.CannotCreateTransactionException.class })
	ResponseEntity<ProblemDetail> databaseUnavailable(Exception e) {
		log.warn("Database unavailable: {}", e.getMessage());
		var response = respond(HttpStatus.SERVICE_UNAVAILABLE, "Database unavailable",
				"Troupe lost its connection to the database; the request may not have been saved. Check, then try again "
						+ "in a few seconds.", List.of());
		return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
			.header(HttpHeaders.RETRY_AFTER, "5").body(response.getBody());
	}

	/** A commit or rollback that failed because the connection died is an outage too; anything else is a bug. */
	@ExceptionHandler(org.springframework.transaction.TransactionSystemException.class)
	ResponseEntity<ProblemDetail> transactionFailed(org.springframework.transaction.TransactionSystemException e) {
		return DatabaseOutage.is(e) ? databaseUnavailable(e) : unexpected(e);
	}

	/**
	 * A value the database cannot store that no validation caught: too long for its column, or text with a NUL
	 * character. The client's input is at fault, so it is a 400, never a 500; which column is not known here.
	 */
	@ExceptionHandler(DataIntegrityViolationException.class)
	ResponseEntity<ProblemDetail> unstorable(DataIntegrityViolationException e) {
		var state = sqlState(e);
		if ("22001".equals(state)) {
			return respond(HttpStatus.BAD_REQUEST, "Invalid request", "A text in the request is longer than Troupe stores",
					List.of(new ApiProblem.FieldProblem("body", "a text is too long")));
		}
		if ("22021".equals(state) || "22P05".equals(state)) {
			return respond(HttpStatus.BAD_REQUEST, "Invalid request", "A text in the request contains a NUL character",
					List.of(new ApiProblem.FieldProblem("body", "must not contain NUL characters")));
		}
		return unexpected(e);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception e) {
		log.error("Unexpected failure", e);
		return respond(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
				"Troupe hit an unexpected error; it is in the server log.", List.of());
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		var errors = ex.getBindingResult().getFieldErrors().stream()
				.map(e -> new ApiProblem.FieldProblem(e.getField(), e.getDefaultMessage())).toList();
		return cast(respond(HttpStatus.BAD_REQUEST, "Invalid request", ApiProblem.invalid(errors).getMessage(), errors));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		var jackson = jacksonCause(ex);
		var cause = jackson != null ? jackson.getOriginalMessage() : ex.getMostSpecificCause().getMessage();
		var firstLine = cause == null ? "the body is missing or malformed" : cause.lines().findFirst().orElse(cause);
		var field = jackson == null ? "body" : JsonPaths.of(jackson);
		return cast(respond(HttpStatus.BAD_REQUEST, "Unreadable request body",
				"The request body is not valid JSON for this endpoint: " + (field.equals("body") ? "" : field + ": ")
						+ firstLine,
				List.of(new ApiProblem.FieldProblem(field, firstLine))));
	}

	/** A path or query parameter that does not convert: {@code id} that is not a UUID, {@code limit} not a number. */
	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		var name = ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : ex.getPropertyName();
		var reason = expected(ex.getRequiredType());
		return cast(respond(HttpStatus.BAD_REQUEST, "Invalid request", name + ": " + reason,
				List.of(new ApiProblem.FieldProblem(name, reason))));
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return cast(respond(HttpStatus.BAD_REQUEST, "Invalid request", ex.getParameterName() + ": is required",
				List.of(new ApiProblem.FieldProblem(ex.getParameterName(), "is required"))));
	}

	private static String expected(Class<?> type) {
		if (type == null) {
			return "has the wrong type";
		}
		if (type == java.util.UUID.class) {
			return "must be a UUID";
		}
		if (type.isEnum()) {
			return "must be one of " + java.util.Arrays.toString(type.getEnumConstants());
		}
		if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
			return "must be a whole number in range";
		}
		if (type == boolean.class || type == Boolean.class) {
			return "must be true or false";
		}
		return "must be a " + type.getSimpleName();
	}

	private static tools.jackson.core.JacksonException jacksonCause(Throwable e) {
		for (var t = e; t != null; t = t.getCause()) {
			if (t instanceof tools.jackson.core.JacksonException jackson) {
				return jackson;
			}
		}
		return null;
	}

	private static String sqlState(Throwable e) {
		for (var t = e; t != null; t = t.getCause()) {
			if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
				return sql.getSQLState();
			}
		}
		return null;
	}

	@Override
	protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		var limit = ex.getMaxUploadSize() > 0 ? " (" + human(ex.getMaxUploadSize()) + ")" : "";
		return cast(respond(HttpStatus.CONTENT_TOO_LARGE, "Upload too large",
				"The file is larger than the upload limit" + limit + "; set TROUPE_MAX_UPLOAD_SIZE to raise it.",
				List.of(new ApiProblem.FieldProblem("file", "larger than the upload limit" + limit))));
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestPart(MissingServletRequestPartException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return cast(respond(HttpStatus.BAD_REQUEST, "Invalid request", "The multipart part '"
				+ ex.getRequestPartName() + "' is missing",
				List.of(new ApiProblem.FieldProblem(ex.getRequestPartName(), "is required"))));
	}

	static ResponseEntity<ProblemDetail> respond(HttpStatusCode status, String title, String detail,
			List<ApiProblem.FieldProblem> errors) {
		var problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		problem.setType(URI.create(TYPE_BASE + title.toLowerCase(Locale.ROOT).replace(' ', '-')));
		if (!errors.isEmpty()) {
			problem.setProperty("errors", errors);
		}
		return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
				.body(problem);
	}

	private static String human(long bytes) {
		return bytes >= 1024 * 1024 ? (bytes / (1024 * 1024)) + " MB" : (bytes / 1024) + " KB";
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static ResponseEntity<Object> cast(ResponseEntity<ProblemDetail> response) {
		return (ResponseEntity) response;
	}
}
