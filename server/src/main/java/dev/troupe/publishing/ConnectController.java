package dev.troupe.publishing;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * Connecting accounts by OAuth: the authorize URL, the platform's callback (a browser page, not JSON: the
 * person lands on it), and the account picker's two calls. Connecting is an owner's act, like adding a channel.
 */
@RestController
class ConnectController {

	private final OAuthConnect connect;
	private final OAuthProviders providers;

	ConnectController(OAuthConnect connect, OAuthProviders providers) {
		this.connect = connect;
		this.providers = providers;
	}

	/** {@code instanceUrl}: the server, for federated platforms (see the platform app's {@code perInstance}). */
	record ConnectRequest(String platform, UUID characterId, String instanceUrl) {
	}

	record ConnectStarted(URI authorizationUrl) {
	}

	record ConnectionView(UUID id, String platform, UUID characterId, List<Connections.Account> accounts) {
	}

	record PickRequest(List<String> accountIds) {
	}

	@PostMapping("/api/v1/channels/connect")
	@PreAuthorize("hasRole('OWNER')")
	ConnectStarted start(@RequestBody ConnectRequest request) {
		return new ConnectStarted(connect.start(request.platform(), request.characterId(), request.instanceUrl()));
	}

	@GetMapping("/api/v1/connections/{id}")
	@PreAuthorize("hasRole('OWNER')")
	ConnectionView connection(@PathVariable UUID id) {
		var c = connect.connection(id);
		return new ConnectionView(c.id(), c.platform(), c.characterId(), c.accounts());
	}

	@PostMapping("/api/v1/connections/{id}/channels")
	@PreAuthorize("hasRole('OWNER')")
	@ResponseStatus(HttpStatus.CREATED)
	List<Channel> channels(@PathVariable UUID id, @RequestBody PickRequest request) {
		return connect.createChannels(id, request.accountIds());
	}

	/** Where the platform sends the browser back; on success the dashboard's account picker takes over. */
	@GetMapping("/oauth/callback/{platform}")
	ResponseEntity<String> callback(@PathVariable String platform, @RequestParam Map<String, String> query) {
		try {
			var id = connect.callback(platform, query);
			return ResponseEntity.status(HttpStatus.FOUND)
				.location(URI.create(providers.publicUrl() + "/channels?connection=" + id)).build();
		}
		catch (OAuthConnect.ConnectFailed e) {
			return page(HttpStatus.BAD_REQUEST, e.getMessage());
		}
		catch (dev.troupe.shared.ApiProblem e) {
			return page(e.status(), e.getMessage());
		}
	}

	private ResponseEntity<String> page(HttpStatus status, String message) {
		var html = """
				<!doctype html>
				<html lang="en"><head><meta charset="utf-8"><title>Troupe: account not connected</title>
				<meta name="viewport" content="width=device-width, initial-scale=1">
				<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5}</style>
				</head><body><h1>The account was not connected</h1><p>%s</p><p><a href="%s/channels">Back to Channels</a></p>
				</body></html>
				""".formatted(HtmlUtils.htmlEscape(message), HtmlUtils.htmlEscape(providers.publicUrl()));
		return ResponseEntity.status(status).contentType(new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8))
			.header("Cache-Control", "no-store").body(html);
	}
}
