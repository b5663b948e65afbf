package dev.troupe.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Every failure costs one full hash check against a real-cost hash, whatever the reason. */
class PasswordCheckTests {

	/** A real bcrypt encoder that records which hashes it was asked to check against. */
	private static final class Recording implements PasswordEncoder {

		final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
		final List<String> checkedAgainst = new ArrayList<>();

		@Override
		public String encode(CharSequence raw) {
			return bcrypt.encode(raw);
		}

		@Override
		public boolean matches(CharSequence raw, String hash) {
			checkedAgainst.add(hash);
			return bcrypt.matches(raw, hash);
		}
	}

	private final Recording encoder = new Recording();
	private final TroupeUser active = user("ada@troupe.test", false);
	private final TroupeUser disabled = user("bob@troupe.test", true);
	private final PasswordCheck check = new PasswordCheck(email -> email.equals(active.email()) ? Optional.of(active)
			: email.equals(disabled.email()) ? Optional.of(disabled) : Optional.empty(), encoder);

	@Test
	void theRightPasswordSignsIn() {
		assertThat(check.check(active.email(), "right password")).contains(active);
	}

	@Test
	void anUnknownEmailIsCheckedAgainstADummyBcryptHash() {
		assertThat(check.check("nobody@troupe.test", "right password")).isEmpty();
		assertThat(encoder.checkedAgainst).hasSize(1);
		assertThat(encoder.checkedAgainst.get(0)).startsWith("$2a$04$").isNotEqualTo(active.passwordHash());
	}

	@Test
	void aDisabledAccountCostsAFullCheckAndFailsEvenWithTheRightPassword() {
		assertThat(check.check(disabled.email(), "right password")).isEmpty();
		assertThat(encoder.checkedAgainst).containsExactly(disabled.passwordHash());
	}

	@Test
	void anOverlongPasswordFailsWithoutAnExceptionAndStillCostsACheck() {
		assertThat(check.check(active.email(), "x".repeat(1_000_000))).isEmpty();
		assertThat(encoder.checkedAgainst).hasSize(1);
	}

	private TroupeUser user(String email, boolean isDisabled) {
		return new TroupeUser(UUID.randomUUID(), email, email, encoder.encode("right password"), Role.EDITOR, isDisabled,
				Instant.now());
	}
}
