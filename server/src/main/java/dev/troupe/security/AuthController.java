package dev.troupe.security;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.troupe.shared.ApiProblem;

/**
 * Sign-in for the dashboard (session), sign-in for API clients (token), and the first-run owner page.
 */
@RestController
@RequestMapping("/api/v1")
class AuthController {

	private final PasswordCheck passwords;
	private final SignInThrottle throttle;
	private final OwnerSetup setup;
	private final SecurityContextRepository contexts;
	private final ApiTokens tokens;
	private final Users users;
	private final UserManagement management;
	private final org.springframework.context.ApplicationEventPublisher events;

	AuthController(Users users, PasswordEncoder encoder, SignInThrottle throttle, OwnerSetup setup,
			SecurityContextRepository contexts, ApiTokens tokens, UserManagement management,
			org.springframework.context.ApplicationEventPublisher events) {
		this.passwords = new PasswordCheck(users::findByEmail, encoder);
		this.throttle = throttle;
		this.setup = setup;
		this.contexts = contexts;
		this.tokens = tokens;
		this.users = users;
		this.management = management;
		this.events = events;
	}

	record Credentials(String email, String password, String name) {
	}

	/** Email, password and display name of the first owner, and the setup code Troupe printed in its log. */
	record NewOwner(String email, String password, String displayName, String setupCode) {
	}

	@PostMapping("/auth/login")
	TroupeUser.UserView login(@RequestBody Credentials credentials, HttpServletRequest request,
			HttpServletResponse response) {
		var user = authenticate(credentials, request);
		startSession(user, request, response);
		return user.view();
	}

	@PostMapping("/auth/logout")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void logout(HttpServletRequest request) {
		var session = request.getSession(false);
		if (session != null) {
			session.invalidate();
		}
		SecurityContextHolder.clearContext();
	}

	@GetMapping("/auth/me")
	TroupeUser.UserView me(Authentication authentication) {
		return ((TroupeUser) authentication.getPrincipal()).view();
	}

	@PostMapping("/auth/token")
	@ResponseStatus(HttpStatus.CREATED)
	@Transactional
	ApiTokens.IssuedToken token(@RequestBody Credentials credentials, HttpServletRequest request) {
		var user = authenticate(credentials, request);
		if (credentials.name() != null && credentials.name().trim().length() > 200) {
			throw ApiProblem.badRequest("name", "must be at most 200 characters");
		}
		var name = credentials.name() == null || credentials.name().isBlank() ? "API token" : credentials.name().trim();
		var issued = tokens.issue(user.id(), name);
		events.publishEvent(new SecurityChange(user.email(), "token.issued", "token", issued.id().toString(),
				Map.of("name", name)));
		return issued;
	}

	@GetMapping("/setup")
	Map<String, Boolean> setup() {
		return Map.of("ownerExists", users.any());
	}

	/** Only while nobody exists; a race between two browsers is settled by the unique e-mail index. */
	@PostMapping("/setup/owner")
	@ResponseStatus(HttpStatus.CREATED)
	synchronized TroupeUser.UserView createOwner(@RequestBody NewOwner owner, HttpServletRequest request,
			HttpServletResponse response) {
		if (users.any()) {
			throw ApiProblem.conflict(null, "The owner account already exists; sign in instead");
		}
		if (owner.setupCode() == null || owner.setupCode().isBlank()) {
			throw ApiProblem.badRequest("setupCode", "is required: Troupe printed it in its log when it started");
		}
		throttle.check(null, request.getRemoteAddr());
		if (!setup.matches(owner.setupCode())) {
			throttle.failed(null, request.getRemoteAddr(), "wrong setup code");
			throw new ApiProblem(HttpStatus.FORBIDDEN, "Wrong setup code",
					"setupCode: does not match the code in Troupe's log",
					java.util.List.of(new ApiProblem.FieldProblem("setupCode", "does not match the code in Troupe's log")));
		}
		var user = management.create(new UserManagement.NewUser(owner.email(), owner.password(), owner.displayName(),
				Role.OWNER));
		setup.used();
		startSession(user, request, response);
		return user.view();
	}

	/** Throttled per account and per address; every failure is counted and audited. */
	private TroupeUser authenticate(Credentials credentials, HttpServletRequest request) {
		if (credentials.email() == null || credentials.password() == null) {
			throw ApiProblem.badRequest(credentials.email() == null ? "email" : "password", "is required");
		}
		if (credentials.email().length() > 320) {
			// no address is that long (and the throttle could not record it)
			throw ApiProblem.badRequest("email", "must be at most 320 characters");
		}
		var address = request.getRemoteAddr();
		throttle.check(credentials.email(), address);
		var user = passwords.check(credentials.email(), credentials.password());
		if (user.isEmpty()) {
			throttle.failed(credentials.email(), address, "wrong e-mail or password, or disabled account");
			throw new ApiProblem(HttpStatus.UNAUTHORIZED, "Sign-in failed", "Wrong e-mail or password, or the account is disabled",
					java.util.List.of());
		}
		throttle.succeeded(credentials.email());
		return user.get();
	}

	@ExceptionHandler(SignInThrottle.Throttled.class)
	ResponseEntity<ProblemDetail> throttled(SignInThrottle.Throttled throttled) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, throttled.getMessage());
		problem.setTitle("Too many failed sign-ins");
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()))
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	private void startSession(TroupeUser user, HttpServletRequest request, HttpServletResponse response) {
		if (request.getSession(false) != null) {
			request.changeSessionId(); // no session fixation
		}
		var context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
		SecurityContextHolder.setContext(context);
		contexts.saveContext(context, request, response);
	}
}
