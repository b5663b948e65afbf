package dev.troupe.security;

import java.io.IOException;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.filter.OncePerRequestFilter;

import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what. The dashboard signs in with a session cookie (CSRF-protected, SPA style: the token
 * travels in the XSRF-TOKEN cookie and comes back in X-XSRF-TOKEN); API clients send a bearer token and
 * need no CSRF header because a browser never attaches one by itself. Roles are checked per endpoint with
 * {@code @PreAuthorize}; the role hierarchy makes each role include the weaker ones.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

	@Bean
	SecurityFilterChain api(HttpSecurity http, BearerTokenFilter bearer, JsonMapper json,
			SecurityContextRepository contexts) throws Exception {
		http.securityContext(context -> context.securityContextRepository(contexts))
			.csrf(csrf -> csrf.spa().ignoringRequestMatchers(BearerTokenFilter::hasBearer,
					request -> request.getRequestURI().equals("/api/v1/auth/token")))
			.addFilterAfter(new CsrfCookieFilter(), CsrfFilter.class)
			.addFilterBefore(bearer, UsernamePasswordAuthenticationFilter.class)
			.formLogin(form -> form.disable())
			.httpBasic(basic -> basic.disable())
			.logout(logout -> logout.disable())
			// an API has no page to return to after sign-in; a saved request would open a session for every refused
			// call, and one answering after the sign-in replaces the new session's cookie (the SPA is signed out)
			.requestCache(cache -> cache.requestCache(new NullRequestCache()))
			.exceptionHandling(errors -> errors
				.authenticationEntryPoint((request, response, e) -> problem(json, response, HttpStatus.UNAUTHORIZED,
						"Not signed in", "Sign in, or send 'Authorization: Bearer <token>' (POST /api/v1/auth/token issues one)"))
				.accessDeniedHandler((request, response, e) -> problem(json, response, HttpStatus.FORBIDDEN, "Forbidden",
						e.getClass().getSimpleName().contains("Csrf")
								? "Missing or stale CSRF token: send the XSRF-TOKEN cookie's value in the X-XSRF-TOKEN header"
								: "Your role does not allow this")))
			.authorizeHttpRequests(requests -> requests
				// the second dispatch of an async (SSE) response and error pages were authorised on the first
				.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
				.requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info").permitAll()
				.requestMatchers(BearerTokenFilter.SCRAPE_PATH).hasAnyRole("OWNER", BearerTokenFilter.METRICS_ROLE)
				.requestMatchers("/actuator/**").hasRole("OWNER")
				.requestMatchers(HttpMethod.POST, "/api/v1/auth/token", "/api/v1/auth/login", "/api/v1/setup/owner")
				.permitAll()
				.requestMatchers(HttpMethod.GET, "/api/v1/setup").permitAll()
				.requestMatchers("/api/**").authenticated()
				.requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
				// the dashboard itself: static files and client-side routes
				.anyRequest().permitAll());
		return http.build();
	}

	/** The bearer filter runs inside the security chain only, not a second time as a plain servlet filter. */
	@Bean
	FilterRegistrationBean<BearerTokenFilter> bearerFilterRegistration(BearerTokenFilter filter) {
		var registration = new FilterRegistrationBean<>(filter);
		registration.setEnabled(false);
		return registration;
	}

	@Bean
	static RoleHierarchy roleHierarchy() {
		return RoleHierarchyImpl.fromHierarchy("""
				ROLE_OWNER > ROLE_EDITOR
				ROLE_EDITOR > ROLE_REVIEWER
				ROLE_REVIEWER > ROLE_VIEWER""");
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	/**
	 * The session cookie (Spring Session): never readable by scripts, not sent on cross-site sub-requests, and
	 * Secure when Troupe is reached over https (otherwise Secure whenever the request itself was https, which
	 * honours X-Forwarded-Proto from a reverse proxy).
	 */
	@Bean
	DefaultCookieSerializer cookieSerializer(@Value("${troupe.public-url:http://localhost:8080}") String publicUrl) {
		var cookie = new DefaultCookieSerializer();
		cookie.setCookieName("TROUPE_SESSION");
		cookie.setCookiePath("/");
		cookie.setUseHttpOnlyCookie(true);
		cookie.setSameSite("Lax");
		if (publicUrl.regionMatches(true, 0, "https:", 0, 6)) {
			cookie.setUseSecureCookie(true);
		}
		return cookie;
	}

	@Bean
	SecurityContextRepository securityContextRepository() {
		return new DelegatingSecurityContextRepository(new RequestAttributeSecurityContextRepository(),
				new HttpSessionSecurityContextRepository());
	}

	static void problem(JsonMapper json, HttpServletResponse response, HttpStatus status, String title, String detail)
			throws IOException {
		var problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		response.setStatus(status.value());
		response.setContentType("application/problem+json");
		if (status == HttpStatus.UNAUTHORIZED) {
			response.setHeader("WWW-Authenticate", "Bearer");
		}
		json.writeValue(response.getOutputStream(), problem);
	}

	/** Loads the deferred CSRF token on every request so the XSRF-TOKEN cookie is always there for the SPA. */
	static final class CsrfCookieFilter extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
				token.getToken();
			}
			chain.doFilter(request, response);
		}
	}
}
