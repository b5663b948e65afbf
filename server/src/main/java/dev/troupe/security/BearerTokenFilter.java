package dev.troupe.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import tools.jackson.databind.json.JsonMapper;

/**
 * Authenticates {@code Authorization: Bearer <token>} requests. A wrong, revoked or disabled user's token is
 * refused right here with a 401 rather than silently treated as anonymous.
 */
@Component
class BearerTokenFilter extends OncePerRequestFilter {

	private final ApiTokens tokens;
	private final Users users;
	private final JsonMapper json;
	private final byte[] metricsToken;

	BearerTokenFilter(ApiTokens tokens, Users users, JsonMapper json,
			@Value("${troupe.metrics.token:}") String metricsToken) {
		this.metricsToken = metricsToken.isBlank() ? null : sha256(metricsToken.trim());
		this.tokens = tokens;
		this.users = users;
		this.json = json;
	}

	static final String METRICS_ROLE = "METRICS";
	static final String SCRAPE_PATH = "/actuator/prometheus";

	/** Hashing both sides first makes the comparison take the same time whatever the lengths and contents. */
	private boolean isScrape(HttpServletRequest request, String secret) {
		return metricsToken != null && SCRAPE_PATH.equals(request.getRequestURI())
				&& MessageDigest.isEqual(metricsToken, sha256(secret));
	}

	private static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	static boolean hasBearer(HttpServletRequest request) {
		var header = request.getHeader("Authorization");
		return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!hasBearer(request)) {
			chain.doFilter(request, response);
			return;
		}
		var secret = request.getHeader("Authorization").substring(7).trim();
		if (isScrape(request, secret)) {
			// Prometheus: may read /actuator/prometheus and nothing else, without an account (docs/adr/0027)
			var context = SecurityContextHolder.createEmptyContext();
			context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("metrics-scraper", null,
					List.of(new SimpleGrantedAuthority("ROLE_" + METRICS_ROLE))));
			SecurityContextHolder.setContext(context);
			try {
				chain.doFilter(request, response);
			}
			finally {
				SecurityContextHolder.clearContext();
			}
			return;
		}
		var user = tokens.authenticate(secret).flatMap(users::findById).filter(TroupeUser::isEnabled);
		if (user.isEmpty()) {
			SecurityConfiguration.problem(json, response, HttpStatus.UNAUTHORIZED, "Invalid token",
					"The bearer token is unknown or revoked, or its user is disabled");
			return;
		}
		var context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user.get(), null,
				user.get().getAuthorities()));
		SecurityContextHolder.setContext(context);
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}
}
