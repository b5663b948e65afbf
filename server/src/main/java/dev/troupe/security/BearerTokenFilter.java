package dev.troupe.security;

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

	BearerTokenFilter(ApiTokens tokens, Users users, JsonMapper json) {
		this.tokens = tokens;
		this.users = users;
		this.json = json;
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
