package dev.troupe.security;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.transaction.annotation.Transactional;
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

	private final AuthenticationManager authentication;
	private final SecurityContextRepository contexts;
	private final ApiTokens tokens;
	private final Users users;
	private final UserManagement management;
	private final org.springframework.context.ApplicationEventPublisher events;

	AuthController(AuthenticationManager authentication, SecurityContextRepository contexts, ApiTokens tokens,
			Users users, UserManagement management, org.springframework.context.ApplicationEventPublisher events) {
		this.authentication = authentication;
		this.contexts = contexts;
		this.tokens = tokens;
		this.users = users;
		this.management = management;
		this.events = events;
	}

	record Credentials(String email, String password, String name) {
	}

	@PostMapping("/auth/login")
	TroupeUser.UserView login(@RequestBody Credentials credentials, HttpServletRequest request,
			HttpServletResponse response) {
		var user = authenticate(credentials);
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
	ApiTokens.IssuedToken token(@RequestBody Credentials credentials) {
		var user = authenticate(credentials);
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
	synchronized TroupeUser.UserView createOwner(@RequestBody UserManagement.NewUser owner, HttpServletRequest request,
			HttpServletResponse response) {
		if (users.any()) {
			throw ApiProblem.conflict(null, "The owner account already exists; sign in instead");
		}
		var user = management.create(new UserManagement.NewUser(owner.email(), owner.password(), owner.displayName(),
				Role.OWNER));
		startSession(user, request, response);
		return user.view();
	}

	private TroupeUser authenticate(Credentials credentials) {
		if (credentials.email() == null || credentials.password() == null) {
			throw ApiProblem.badRequest(credentials.email() == null ? "email" : "password", "is required");
		}
		try {
			var result = authentication.authenticate(
					UsernamePasswordAuthenticationToken.unauthenticated(credentials.email(), credentials.password()));
			return (TroupeUser) result.getPrincipal();
		}
		catch (AuthenticationException e) {
			throw new ApiProblem(HttpStatus.UNAUTHORIZED, "Sign-in failed", "Wrong e-mail or password, or the account is disabled",
					java.util.List.of());
		}
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
