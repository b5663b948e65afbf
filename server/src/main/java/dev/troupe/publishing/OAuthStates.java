package dev.troupe.publishing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code state} of connect flows in progress: random, single use, bound to the user who started it, valid
 * for ten minutes. Only its SHA-256 is stored; taking it deletes it, so a second callback with it finds nothing.
 */
@Repository
class OAuthStates {

	static final Duration VALIDITY = Duration.ofMinutes(10);
	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	OAuthStates(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	record Pending(String platform, UUID characterId, String verifierCipher, Instant expiresAt, String instanceUrl) {

		boolean expired(Instant now) {
			return !now.isBefore(expiresAt);
		}
	}

	/** States kept a day past expiry, so a late callback is told "expired" rather than "unknown". */
	int forgetExpired() {
		return jdbc.sql("delete from publishing_oauth_states where expires_at < now() - interval '1 day'").update();
	}

	/** {@code instanceUrl}: the server of a federated platform the request went to, else null. */
	String create(String platform, UUID characterId, String user, String verifierCipher, String instanceUrl) {
		var state = random(32);
		jdbc.sql("""
				insert into publishing_oauth_states (state_hash, platform, character_id, user_name, verifier_cipher, expires_at,
				    instance_url)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(hash(state), platform, characterId, user, verifierCipher, PlatformApps.ts(Instant.now().plus(VALIDITY)),
					instanceUrl)
			.update();
		return state;
	}

	/** Deletes and returns the state if this user started it; another user's state is left alone. */
	Optional<Pending> take(String state, String user) {
		return jdbc.sql("delete from publishing_oauth_states where state_hash = ? and user_name = ? returning *")
			.params(hash(state), user)
			.query((rs, n) -> new Pending(rs.getString("platform"), rs.getObject("character_id", UUID.class),
					rs.getString("verifier_cipher"), rs.getTimestamp("expires_at").toInstant(), rs.getString("instance_url")))
			.optional();
	}

	boolean exists(String state) {
		return jdbc.sql("select count(*) from publishing_oauth_states where state_hash = ?").param(hash(state))
			.query(Integer.class).single() > 0;
	}

	/** URL-safe random text: states, PKCE verifiers (RFC 7636: 43–128 characters), media tokens. */
	static String random(int bytes) {
		var value = new byte[bytes];
		RANDOM.nextBytes(value);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
	}

	static String hash(String value) {
		return HexFormat.of().formatHex(sha256(value));
	}

	static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
