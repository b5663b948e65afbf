package dev.troupe.security;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Checks an e-mail and password so that every failure costs the same: an unknown e-mail or a disabled account
 * is checked against a dummy hash, so the response time does not tell which accounts exist.
 */
final class PasswordCheck {

	private final Function<String, Optional<TroupeUser>> users;
	private final PasswordEncoder encoder;
	private final String dummyHash;

	PasswordCheck(Function<String, Optional<TroupeUser>> users, PasswordEncoder encoder) {
		this.users = users;
		this.encoder = encoder;
		// same encoder, same cost as a real user's hash
		this.dummyHash = encoder.encode(UUID.randomUUID().toString());
	}

	/** The user, if the e-mail exists, the password matches and the account is enabled. */
	Optional<TroupeUser> check(String email, String password) {
		var user = users.apply(email);
		// bcrypt reads at most 72 bytes and refuses more; no stored password is longer (UserManagement)
		var tooLong = password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 72;
		var matches = encoder.matches(tooLong ? "" : password, user.map(TroupeUser::passwordHash).orElse(dummyHash));
		return user.filter(u -> matches && !tooLong && u.isEnabled());
	}
}
