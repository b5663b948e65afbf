package dev.troupe.security;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

/** A browser-like client: keeps cookies and sends the XSRF-TOKEN cookie back as X-XSRF-TOKEN, like the SPA. */
final class Browser {

	private final CookieManager cookies = new CookieManager();
	private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();
	private final String base;
	private final String forwardedFor;

	Browser(int port, String forwardedFor) {
		this.base = "http://localhost:" + port;
		this.forwardedFor = forwardedFor;
	}

	HttpResponse<String> get(String path) {
		return send(request(path).GET());
	}

	HttpResponse<String> post(String path, String json) {
		if (xsrf() == null) {
			get("/api/v1/setup");
		}
		return send(request(path).header("Content-Type", "application/json").header("X-XSRF-TOKEN", xsrf())
			.POST(BodyPublishers.ofString(json)));
	}

	HttpResponse<String> login(String email, String password) {
		return post("/api/v1/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
	}

	private String xsrf() {
		return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
			.map(java.net.HttpCookie::getValue).findFirst().orElse(null);
	}

	private HttpRequest.Builder request(String path) {
		var builder = HttpRequest.newBuilder(URI.create(base + path));
		if (forwardedFor != null) {
			builder.header("X-Forwarded-For", forwardedFor);
		}
		return builder;
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return http.send(request.build(), BodyHandlers.ofString());
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
