package dev.troupe.publishing;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.troupe.security.SecretCipher;
import dev.troupe.shared.Actors;
import dev.troupe.shared.ApiProblem;

/** Owners subscribe URLs to events. */
@RestController
@RequestMapping("/api/v1/webhooks")
@PreAuthorize("hasRole('OWNER')")
class WebhookController {

	private final Webhooks webhooks;
	private final SecretCipher cipher;
	private final ApplicationEventPublisher events;
	private final WebhookDeliveries deliveries;
	private final dev.troupe.security.AllowedHosts allowedHosts;

	WebhookController(Webhooks webhooks, SecretCipher cipher, ApplicationEventPublisher events,
			WebhookDeliveries deliveries, dev.troupe.security.AllowedHosts allowedHosts) {
		this.allowedHosts = allowedHosts;
		this.deliveries = deliveries;
		this.webhooks = webhooks;
		this.cipher = cipher;
		this.events = events;
	}

	record NewWebhook(String url, String secret, List<String> events) {
	}

	@GetMapping
	List<Webhooks.Subscription> list() {
		return webhooks.all();
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	Webhooks.Subscription create(@RequestBody NewWebhook body) {
		URI url;
		try {
			url = URI.create(body.url() == null ? "" : body.url().trim());
		}
		catch (IllegalArgumentException e) {
			throw ApiProblem.badRequest("url", "is not a URL");
		}
		if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme())) {
			throw ApiProblem.badRequest("url", "must be an http(s) URL");
		}
		allowedHosts.check("url", url);
		if (body.secret() == null || body.secret().length() < 16) {
			throw ApiProblem.badRequest("secret", "must be at least 16 characters (receivers check signatures with it)");
		}
		var chosen = body.events() == null || body.events().isEmpty() ? Webhooks.EVENTS : body.events();
		for (var event : chosen) {
			if (event == null || !Webhooks.EVENTS.contains(event)) {
				throw ApiProblem.badRequest("events", "'" + event + "' is not one of " + Webhooks.EVENTS);
			}
		}
		var id = UUID.randomUUID();
		webhooks.add(id, url.toString(), cipher.encrypt(body.secret()), chosen);
		deliveries.subscriptionsChanged();
		events.publishEvent(new PublishingEvents.ChannelChanged(id, Actors.current(), "webhook.created",
				Map.of("url", url.toString())));
		return webhooks.all().stream().filter(w -> w.id().equals(id)).findFirst().orElseThrow();
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable UUID id) {
		if (!webhooks.delete(id)) {
			throw ApiProblem.notFound("Webhook", id);
		}
	}
}
