package dev.troupe.security;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.troupe.shared.ApiProblem;

/**
 * The hosts that backend and channel URLs may point at (TROUPE_ALLOWED_HOSTS, comma-separated; empty allows
 * any). An entry is a host name or address ({@code gpu-1}, {@code 10.0.0.5}) or a domain with all its
 * subdomains ({@code *.example.com}). Checked whenever such a URL is saved through the API.
 */
@Component
public class AllowedHosts {

	private final List<String> hosts;

	AllowedHosts(@Value("${troupe.allowed-hosts:}") List<String> hosts) {
		this.hosts = hosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).toList();
	}

	public static AllowedHosts of(List<String> hosts) {
		return new AllowedHosts(hosts);
	}

	/** URLs without a host ({@code file:} for backends that run inside Troupe) are not network addresses. */
	public boolean allows(URI url) {
		if (hosts.isEmpty() || url == null || url.getHost() == null) {
			return true;
		}
		var host = url.getHost().toLowerCase(Locale.ROOT);
		var bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
		return hosts.stream().anyMatch(allowed -> allowed.startsWith("*.")
				? bare.endsWith(allowed.substring(1)) || bare.equals(allowed.substring(2))
				: bare.equals(allowed));
	}

	/** @throws ApiProblem 400 naming {@code field} when the URL's host is not allowed */
	public void check(String field, URI url) {
		if (!allows(url)) {
			throw ApiProblem.badRequest(field, "host '" + url.getHost() + "' is not in TROUPE_ALLOWED_HOSTS " + hosts);
		}
	}
}
