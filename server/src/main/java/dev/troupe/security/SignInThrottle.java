package dev.troupe.security;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Limits failed sign-ins per account and per client address: a fixed window per key in PostgreSQL (shared by
 * all web nodes). Only failures count, so people who type their password right are never slowed down; once a
 * key is over its limit every attempt for it is refused until the window ends, right password or not.
 */
@Component
class SignInThrottle {

	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final int perAccount;
	private final int perAddress;
	private final Duration window;

	SignInThrottle(JdbcClient jdbc, ApplicationEventPublisher events,
			@Value("${troupe.sign-in.max-failures-per-account:10}") int perAccount,
			@Value("${troupe.sign-in.max-failures-per-address:50}") int perAddress,
			@Value("${troupe.sign-in.window:15m}") Duration window) {
		this.jdbc = jdbc;
		this.events = events;
		this.perAccount = perAccount;
		this.perAddress = perAddress;
		this.window = window;
	}

	/** @throws Throttled when the account or the address has used up its failures in the current window */
	void check(String email, String address) {
		var now = Instant.now();
		var until = blockedUntil(accountKey(email), perAccount, now);
		var addressUntil = blockedUntil(addressKey(address), perAddress, now);
		if (addressUntil != null && (until == null || addressUntil.isAfter(until))) {
			until = addressUntil;
		}
		if (until != null) {
			throw new Throttled(Math.max(1, Duration.between(now, until).toSeconds() + 1));
		}
	}

	/** In its own transaction: the failed request's rollback must not erase the count or the audit entry. */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void failed(String email, String address, String reason) {
		if (email != null) {
			count(accountKey(email));
		}
		count(addressKey(address));
		// whatever was typed, cut to fit the audit log's columns
		var shown = email == null ? "" : email.length() > 100 ? email.substring(0, 100) + "…" : email;
		var detail = new LinkedHashMap<String, Object>();
		detail.put("email", shown);
		detail.put("address", address);
		detail.put("reason", reason);
		events.publishEvent(new SecurityChange(email == null ? "anonymous" : shown, "auth.sign-in-failed", "user",
				shown.toLowerCase(Locale.ROOT), Map.copyOf(detail)));
	}

	void succeeded(String email) {
		jdbc.sql("delete from security_sign_in_failures where key = ?").param(accountKey(email)).update();
	}

	private Instant blockedUntil(String key, int limit, Instant now) {
		return jdbc.sql("select window_start, failures from security_sign_in_failures where key = ?").param(key)
			.query((rs, row) -> {
				var end = rs.getTimestamp("window_start").toInstant().plus(window);
				return rs.getInt("failures") >= limit && end.isAfter(now) ? end : null;
			})
			.optional()
			.orElse(null);
	}

	/** A new window starts at the first failure after the previous one ended. */
	private void count(String key) {
		jdbc.sql("""
				insert into security_sign_in_failures (key, window_start, failures) values (:key, now(), 1)
				on conflict (key) do update set
				  failures = case when security_sign_in_failures.window_start <= now() - :window * interval '1 millisecond'
				                  then 1 else security_sign_in_failures.failures + 1 end,
				  window_start = case when security_sign_in_failures.window_start <= now() - :window * interval '1 millisecond'
				                  then now() else security_sign_in_failures.window_start end""")
			.param("key", key)
			.param("window", window.toMillis())
			.update();
	}

	private static String accountKey(String email) {
		// hashed: the key has a fixed length whatever was typed as e-mail
		return "account:" + ApiTokens.hash(email == null ? "" : email.trim().toLowerCase(Locale.ROOT));
	}

	private static String addressKey(String address) {
		return "address:" + ApiTokens.hash(String.valueOf(address));
	}

	/** Rendered as 429 problem+json with Retry-After by {@link AuthController}. */
	static final class Throttled extends RuntimeException {

		private final long retryAfterSeconds;

		Throttled(long retryAfterSeconds) {
			super("Too many failed sign-ins; try again in " + retryAfterSeconds + " s");
			this.retryAfterSeconds = retryAfterSeconds;
		}

		long retryAfterSeconds() {
			return retryAfterSeconds;
		}
	}
}
