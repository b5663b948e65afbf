package dev.troupe.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * On a node without the web role, every request but health, info and metrics is answered 404 before anything
 * else sees it: a load balancer that sends a browser there by mistake gets a clear answer, not a half-served
 * dashboard. Health stays open for the orchestrator's probes, metrics for Prometheus.
 */
@Configuration(proxyBeanMethods = false)
class WorkerOnlyGate {

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> workerOnlyGateFilter(NodeRoles roles) {
		var registration = new FilterRegistrationBean<OncePerRequestFilter>(new Gate());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		registration.setEnabled(!roles.web());
		registration.setName("workerOnlyGate");
		return registration;
	}

	static boolean open(String path) {
		return path.equals("/actuator/health") || path.startsWith("/actuator/health/") || path.equals("/actuator/info")
				|| path.equals("/actuator/prometheus");
	}

	private static final class Gate extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (open(request.getRequestURI().substring(request.getContextPath().length()))) {
				chain.doFilter(request, response);
				return;
			}
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
			response.setContentType("application/problem+json");
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			response.getWriter().write("""
					{"type":"about:blank","title":"Not Found","status":404,\
					"detail":"This node is a worker (TROUPE_ROLES=worker): it serves only /actuator/health and \
					/actuator/prometheus. Send API and dashboard traffic to a web node."}""");
		}
	}
}
