package dev.troupe.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Personal API tokens. Only a SHA-256 of each secret is stored: a leaked database does not leak tokens, and
 * a fast hash is enough because the secrets are 256 random bits, not passwords.
 */
@Repository
class ApiTokens {

	static final String PREFIX = "trp_";
	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	ApiTokens(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Creates a token and returns its secret, which is never shown again. */
	IssuedToken issue(UUID userId, String name) {
		var bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		var secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		var id = UUID.randomUUID();
		jdbc.sql("insert into security_tokens (id, user_id, name, token_hash, created_at) values (?, ?, ?, ?, ?)")
				.params(id, userId, name, hash(secret), Timestamp.from(Instant.now())).update();
		return new IssuedToken(id, name, secret);
	}

	/** The user a live (not revoked) token belongs to, recording that it was used. */
	Optional<UUID> authenticate(String secret) {
		var userId = jdbc.sql("""
				update security_tokens set last_used_at = now()
				where token_hash = ? and revoked_at is null returning user_id""").param(hash(secret))
				.query(UUID.class).optional();
		return userId;
	}

	List<TokenView> findByUser(UUID userId) {
		return jdbc.sql("select * from security_tokens where user_id = ? order by created_at desc").param(userId)
				.query(ApiTokens::map).list();
	}

	Optional<TokenView> findById(UUID id) {
		return jdbc.sql("select * from security_tokens where id = ?").param(id).query(ApiTokens::map).optional();
	}

	void revoke(UUID id) {
		jdbc.sql("update security_tokens set revoked_at = now() where id = ? and revoked_at is null").param(id).update();
	}

	static String hash(String secret) {
		try {
			var digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private static TokenView map(ResultSet rs, int row) throws SQLException {
		var lastUsed = rs.getTimestamp("last_used_at");
		return new TokenView(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class), rs.getString("name"),
				rs.getTimestamp("created_at").toInstant(), lastUsed == null ? null : lastUsed.toInstant(),
				rs.getTimestamp("revoked_at") != null);
	}

	record IssuedToken(UUID id, String name, String token) {
	}

	record TokenView(UUID id, UUID userId, String name, Instant createdAt, Instant lastUsedAt, boolean revoked) {
	}
}
