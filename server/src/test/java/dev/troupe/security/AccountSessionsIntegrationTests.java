package dev.troupe.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import dev.troupe.support.IntegrationTest;

/**
 * Sessions live in PostgreSQL and end when their user changes; sign-in is throttled and audited.
 */
class AccountSessionsIntegrationTests extends IntegrationTest {

	private static final String PASSWORD = "a long enough password";

	@Test
	void disablingAUserEndsTheirSessionsAndTokens() {
		var user = newUser("EDITOR");
		var browser = signedIn(user);
		var token = token(user.email);
		assertThat(owner.patch("/api/v1/users/" + user.id, Map.of("disabled", true)).status()).isEqualTo(200);
		assertThat(browser.get("/api/v1/auth/me").statusCode()).isEqualTo(401);
		assertThat(anonymous.as(token).get("/api/v1/auth/me").status()).isEqualTo(401);
	}

	@Test
	void changingAPasswordEndsTheSessionsButKeepsTheTokens() {
		var user = newUser("VIEWER");
		var browser = signedIn(user);
		var other = signedIn(user);
		var token = token(user.email);
		assertThat(owner.patch("/api/v1/users/" + user.id, Map.of("password", "another long password")).status())
			.isEqualTo(200);
		assertThat(browser.get("/api/v1/auth/me").statusCode()).isEqualTo(401);
		assertThat(other.get("/api/v1/auth/me").statusCode()).isEqualTo(401);
		assertThat(anonymous.as(token).get("/api/v1/auth/me").status()).isEqualTo(200);
	}

	/**
	 * A refused API call must not open a session: the dashboard's first calls are refused before it signs in, and
	 * a session opened by one of them (a saved request) would replace the signed-in session's cookie when it
	 * answers after the sign-in.
	 */
	@Test
	void aRefusedCallOpensNoSession() {
		var refused = new Browser(port, null).get("/api/v1/auth/me");
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(refused.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("TROUPE_SESSION="));
	}

	@Test
	void demotingAUserEndsTheirSessions() {
		var user = newUser("EDITOR");
		var browser = signedIn(user);
		var bystander = signedIn(newUser("EDITOR"));
		assertThat(owner.patch("/api/v1/users/" + user.id, Map.of("role", "VIEWER")).status()).isEqualTo(200);
		assertThat(browser.get("/api/v1/auth/me").statusCode()).isEqualTo(401);
		assertThat(bystander.get("/api/v1/auth/me").statusCode()).isEqualTo(200);
		// signing in again gives the new role
		var again = signedIn(user);
		assertThat(again.get("/api/v1/auth/me").body()).contains("\"VIEWER\"");
	}

	@Test
	void deletingAUserEndsTheirSessionsAndTokens() {
		var user = newUser("REVIEWER");
		var browser = signedIn(user);
		var token = token(user.email);
		assertThat(owner.delete("/api/v1/users/" + user.id).status()).isEqualTo(204);
		assertThat(browser.get("/api/v1/auth/me").statusCode()).isEqualTo(401);
		assertThat(anonymous.as(token).get("/api/v1/auth/me").status()).isEqualTo(401);
	}

	@Test
	void theSessionCookieIsHttpOnlyAndSameSiteLax() {
		var user = newUser("VIEWER");
		var response = new Browser(port, null).login(user.email, PASSWORD);
		assertThat(response.statusCode()).isEqualTo(200);
		var cookie = response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("TROUPE_SESSION="))
			.findFirst().orElseThrow(() -> new AssertionError(response.headers().map()));
		assertThat(cookie).containsIgnoringCase("; HttpOnly").containsIgnoringCase("; SameSite=Lax")
			.doesNotContainIgnoringCase("Secure");
	}

	@Test
	void signInIsThrottledPerAccountWithRetryAfterAndEveryFailureIsAudited() {
		var user = newUser("VIEWER");
		var address = "203.0.113." + (1 + (int) (Math.random() * 250));
		var browser = new Browser(port, address);
		for (int i = 0; i < 10; i++) {
			assertThat(browser.login(user.email, "wrong password " + i).statusCode()).isEqualTo(401);
		}
		var throttled = browser.login(user.email, PASSWORD);
		assertThat(throttled.statusCode()).isEqualTo(429);
		assertThat(throttled.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 900L);
		// the token endpoint shares the limit, from any address
		var token = anonymous.post("/api/v1/auth/token", Map.of("email", user.email, "password", PASSWORD));
		assertThat(token.status()).isEqualTo(429);
		assertThat(token.header("Retry-After")).isNotBlank();
		// other accounts are not affected
		assertThat(new Browser(port, address).login(newUser("VIEWER").email, PASSWORD).statusCode()).isEqualTo(200);

		var audit = owner.get("/api/v1/audit?limit=1000").json();
		var failures = 0;
		for (var entry : audit) {
			if (entry.get("action").asString().equals("auth.sign-in-failed")
					&& entry.at("/detail/email").asString().equals(user.email)) {
				failures++;
				assertThat(entry.at("/detail/address").asString()).isEqualTo(address);
			}
		}
		assertThat(failures).isEqualTo(10);
	}

	@Test
	void anUnknownEmailOrADisabledAccountCostsAsMuchAsAWrongPassword() {
		var user = newUser("VIEWER");
		var disabled = newUser("VIEWER");
		owner.patch("/api/v1/users/" + disabled.id, Map.of("disabled", true));
		var client = new Browser(port, "198.51.100." + (1 + (int) (Math.random() * 250)));
		Function<String, Long> median = email -> {
			var times = new long[5];
			for (int i = 0; i < times.length; i++) {
				var started = System.nanoTime();
				assertThat(client.login(email, "wrong password").statusCode()).isEqualTo(401);
				times[i] = System.nanoTime() - started;
			}
			java.util.Arrays.sort(times);
			return times[2];
		};
		client.get("/api/v1/setup");
		var wrongPassword = median.apply(user.email);
		var unknown = median.apply("nobody-" + UUID.randomUUID() + "@troupe.test");
		var disabledAccount = median.apply(disabled.email);
		// a bcrypt check takes tens of milliseconds; without the dummy hash the others answer in about one
		assertThat(unknown).as("unknown %d ns vs wrong password %d ns", unknown, wrongPassword)
			.isGreaterThan(wrongPassword / 3);
		assertThat(disabledAccount).as("disabled %d ns vs wrong password %d ns", disabledAccount, wrongPassword)
			.isGreaterThan(wrongPassword / 3);
	}

	private record NewUser(String id, String email) {
	}

	private NewUser newUser(String role) {
		var email = role.toLowerCase() + "-" + UUID.randomUUID() + "@troupe.test";
		var created = owner.post("/api/v1/users", Map.of("email", email, "password", PASSWORD, "role", role));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return new NewUser(created.json().get("id").asString(), email);
	}

	private Browser signedIn(NewUser user) {
		var browser = new Browser(port, null);
		var login = browser.login(user.email, PASSWORD);
		assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
		assertThat(browser.get("/api/v1/auth/me").statusCode()).isEqualTo(200);
		return browser;
	}

	private String token(String email) {
		var response = anonymous.post("/api/v1/auth/token", Map.of("email", email, "password", PASSWORD));
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.json().get("token").asString();
	}
}
