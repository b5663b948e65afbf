package dev.troupe.shared;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Requests the security firewall refuses before any controller sees them (a {@code //} or encoded slash in the
 * path, a NUL in a header) get the same problem+json as every other client error instead of the container's page.
 */
@Component
class RejectedRequests implements RequestRejectedHandler {

	private final JsonMapper json;

	RejectedRequests(JsonMapper json) {
		this.json = json;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
			throws IOException {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The request URL or a header is malformed (for example an empty path segment '//')");
		problem.setTitle("Malformed request");
		problem.setProperty("errors", java.util.List.of(new ApiProblem.FieldProblem("path", "is malformed")));
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		json.writeValue(response.getOutputStream(), problem);
	}
}
