package dev.troupe.shared;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.json.JsonMapper;

/**
 * The container's error page, reached by failures outside any controller (a filter that cannot reach the database,
 * a request Tomcat refuses): problem+json like every other error, instead of Spring Boot's own JSON shape. Written
 * by hand so that no Accept header can turn it into a second error.
 */
@RestController
@io.swagger.v3.oas.annotations.Hidden
class ErrorPages implements ErrorController {

	private final JsonMapper json;

	ErrorPages(JsonMapper json) {
		this.json = json;
	}

	@RequestMapping("${server.error.path:/error}")
	void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
		// asked for directly, not forwarded by the container: there is no such page
		var code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer given ? given : 404;
		var thrown = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable t ? t : null;
		var status = HttpStatus.resolve(code) == null ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.valueOf(code);
		String title = status.getReasonPhrase();
		String detail = status.is5xxServerError() ? "Troupe hit an unexpected error; it is in the server log."
				: "The request could not be handled (" + status.getReasonPhrase() + ")";
		if (thrown != null && DatabaseOutage.is(thrown)) {
			status = HttpStatus.SERVICE_UNAVAILABLE;
			title = "Database unavailable";
			detail = "Troupe lost its connection to the database; the request may not have been saved. Check, then try "
					+ "again in a few seconds.";
			response.setHeader(HttpHeaders.RETRY_AFTER, "5");
		}
		var problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
			try {
				problem.setInstance(java.net.URI.create(uri));
			}
			catch (IllegalArgumentException notAUri) {
				// the path itself was the problem: leave it out
			}
		}
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		json.writeValue(response.getOutputStream(), problem);
	}
}
