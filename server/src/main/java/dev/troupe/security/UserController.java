package dev.troupe.security;

import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.troupe.shared.Actors;
import dev.troupe.shared.ApiProblem;

/**
 * Users (owners only), personal API tokens (everyone, for themselves) and the audit log (owners).
 */
@RestController
@RequestMapping("/api/v1")
class UserController {

	private final UserManagement management;
	private final ApiTokens tokens;
	private final AuditLog audit;
	private final org.springframework.context.ApplicationEventPublisher events;

	UserController(UserManagement management, ApiTokens tokens, AuditLog audit,
			org.springframework.context.ApplicationEventPublisher events) {
		this.management = management;
		this.tokens = tokens;
		this.audit = audit;
		this.events = events;
	}

	@GetMapping("/users")
	@PreAuthorize("hasRole('OWNER')")
	List<TroupeUser.UserView> users() {
		return management.all().stream().map(TroupeUser::view).toList();
	}

	@PostMapping("/users")
	@PreAuthorize("hasRole('OWNER')")
	@ResponseStatus(HttpStatus.CREATED)
	TroupeUser.UserView create(@RequestBody UserManagement.NewUser user) {
		return management.create(user).view();
	}

	@PatchMapping("/users/{id}")
	@PreAuthorize("hasRole('OWNER')")
	TroupeUser.UserView update(@PathVariable UUID id, @RequestBody UserManagement.UserChanges changes) {
		return management.update(id, changes).view();
	}

	@DeleteMapping("/users/{id}")
	@PreAuthorize("hasRole('OWNER')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable UUID id) {
		management.delete(id);
	}

	@GetMapping("/tokens")
	List<ApiTokens.TokenView> tokens(Authentication authentication) {
		return tokens.findByUser(user(authentication).id());
	}

	record TokenRequest(String name) {
	}

	@PostMapping("/tokens")
	@ResponseStatus(HttpStatus.CREATED)
	ApiTokens.IssuedToken issue(@RequestBody TokenRequest request, Authentication authentication) {
		if (request.name() != null && request.name().trim().length() > 200) {
			throw ApiProblem.badRequest("name", "must be at most 200 characters");
		}
		if (request.name() == null || request.name().isBlank()) {
			throw ApiProblem.badRequest("name", "is required, e.g. 'n8n automation'");
		}
		var issued = tokens.issue(user(authentication).id(), request.name().trim());
		events.publishEvent(new SecurityChange(Actors.current(), "token.issued", "token", issued.id().toString(),
				java.util.Map.of("name", issued.name())));
		return issued;
	}

	@DeleteMapping("/tokens/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void revoke(@PathVariable UUID id, Authentication authentication) {
		var token = tokens.findById(id).orElseThrow(() -> ApiProblem.notFound("Token", id));
		var me = user(authentication);
		if (!token.userId().equals(me.id()) && me.role() != Role.OWNER) {
			throw ApiProblem.notFound("Token", id); // do not reveal other people's tokens
		}
		tokens.revoke(id);
		events.publishEvent(new SecurityChange(Actors.current(), "token.revoked", "token", id.toString(),
				java.util.Map.of("name", token.name())));
	}

	@GetMapping("/audit")
	@PreAuthorize("hasRole('OWNER')")
	List<AuditLog.Entry> audit(@RequestParam(defaultValue = "100") int limit) {
		if (limit < 1 || limit > 1000) {
			throw ApiProblem.badRequest("limit", "must be between 1 and 1000");
		}
		return audit.latest(limit);
	}

	private static TroupeUser user(Authentication authentication) {
		return (TroupeUser) authentication.getPrincipal();
	}
}
