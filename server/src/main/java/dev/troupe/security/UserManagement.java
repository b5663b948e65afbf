package dev.troupe.security;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.troupe.shared.Actors;
import dev.troupe.shared.ApiProblem;
import dev.troupe.shared.ApiProblem.FieldProblem;

/**
 * Creates, changes and removes users, keeping at least one active owner at all times.
 */
@Service
class UserManagement {

	static final int MIN_PASSWORD = 10;
	private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");

	private final Users users;
	private final PasswordEncoder encoder;
	private final ApplicationEventPublisher events;
	private final Sessions sessions;

	UserManagement(Users users, PasswordEncoder encoder, ApplicationEventPublisher events, Sessions sessions) {
		this.users = users;
		this.encoder = encoder;
		this.events = events;
		this.sessions = sessions;
	}

	@Transactional
	TroupeUser create(NewUser command) {
		var errors = new ArrayList<FieldProblem>();
		if (command.email() == null || !EMAIL.matcher(command.email().trim()).matches()) {
			errors.add(new FieldProblem("email", "must be an e-mail address"));
		}
		checkPassword(command.password(), errors);
		if (command.role() == null) {
			errors.add(new FieldProblem("role", "must be one of OWNER, EDITOR, REVIEWER, VIEWER"));
		}
		checkDisplayName(command.displayName(), errors);
		if (!errors.isEmpty()) {
			throw ApiProblem.invalid(errors);
		}
		var email = command.email().trim();
		var name = command.displayName() == null || command.displayName().isBlank() ? email.substring(0, email.indexOf('@'))
				: command.displayName().trim();
		var user = new TroupeUser(UUID.randomUUID(), email, name, encoder.encode(command.password()), command.role(),
				false, Instant.now());
		try {
			users.insert(user);
		}
		catch (DuplicateKeyException e) {
			throw ApiProblem.conflict("email", "A user with e-mail " + email + " already exists");
		}
		audit("user.created", user, Map.of("email", email, "role", user.role().name()));
		return user;
	}

	@Transactional
	TroupeUser update(UUID id, UserChanges changes) {
		var user = users.findById(id).orElseThrow(() -> ApiProblem.notFound("User", id));
		var errors = new ArrayList<FieldProblem>();
		if (changes.password() != null) {
			checkPassword(changes.password(), errors);
		}
		checkDisplayName(changes.displayName(), errors);
		if (!errors.isEmpty()) {
			throw ApiProblem.invalid(errors);
		}
		var updated = new TroupeUser(user.id(), user.email(),
				changes.displayName() == null || changes.displayName().isBlank() ? user.displayName() : changes.displayName().trim(),
				changes.password() == null ? user.passwordHash() : encoder.encode(changes.password()),
				changes.role() == null ? user.role() : changes.role(),
				changes.disabled() == null ? user.disabled() : changes.disabled(), user.createdAt());
		users.update(updated);
		if (users.countActiveOwners() == 0) {
			throw ApiProblem.conflict("role", "Troupe needs at least one active owner; promote someone else first");
		}
		var detail = new java.util.LinkedHashMap<String, Object>();
		if (changes.role() != null) detail.put("role", changes.role().name());
		if (changes.disabled() != null) detail.put("disabled", changes.disabled());
		if (changes.password() != null) detail.put("passwordChanged", true);
		audit("user.updated", updated, detail);
		// a session holds the user as signed in: a new role, a disabled account or a new password must not
		// stay usable through it (bearer tokens re-read the user on every request)
		if (updated.role() != user.role() || (updated.disabled() && !user.disabled()) || changes.password() != null) {
			sessions.endAllOf(user.email());
		}
		return updated;
	}

	@Transactional
	void delete(UUID id) {
		var user = users.findById(id).orElseThrow(() -> ApiProblem.notFound("User", id));
		users.delete(id);
		if (users.countActiveOwners() == 0) {
			throw ApiProblem.conflict(null, "Troupe needs at least one active owner; this is the last one");
		}
		audit("user.deleted", user, Map.of("email", user.email()));
		sessions.endAllOf(user.email());
	}

	List<TroupeUser> all() {
		return users.findAll();
	}

	private void audit(String action, TroupeUser user, Map<String, Object> detail) {
		events.publishEvent(new SecurityChange(Actors.current(), action, "user", user.id().toString(), detail));
	}

	private static void checkPassword(String password, List<FieldProblem> errors) {
		if (password == null || password.length() < MIN_PASSWORD) {
			errors.add(new FieldProblem("password", "must be at least " + MIN_PASSWORD + " characters"));
		}
		else if (password.length() > 72) {
			// bcrypt reads 72 bytes; longer passwords would be silently truncated
			errors.add(new FieldProblem("password", "must be at most 72 characters"));
		}
	}

	/** The column holds 200 characters; longer names are refused here rather than failing in the database. */
	private static void checkDisplayName(String name, List<FieldProblem> errors) {
		if (name != null && name.trim().length() > 200) {
			errors.add(new FieldProblem("displayName", "must be at most 200 characters"));
		}
	}

	record NewUser(String email, String password, String displayName, Role role) {
	}

	record UserChanges(String displayName, String password, Role role, Boolean disabled) {
	}
}
