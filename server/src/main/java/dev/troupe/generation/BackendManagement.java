package dev.troupe.generation;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.troupe.generation.spi.BackendHealth;
import dev.troupe.generation.spi.BackendTypeDescriptor;
import dev.troupe.security.AllowedHosts;
import dev.troupe.security.SecretCipher;
import dev.troupe.shared.Actors;
import dev.troupe.shared.ApiProblem;
import dev.troupe.shared.ApiProblem.FieldProblem;
import dev.troupe.shared.AuditableEvent;
import tools.jackson.databind.JsonNode;

/**
 * Backends as owners see and change them. Configured ones (application.yaml) are read-only here.
 */
@Service
class BackendManagement {

	private final BackendRegistry registry;
	private final Backends stored;
	private final GenerationJobs jobs;
	private final SecretCipher cipher;
	private final ApplicationEventPublisher events;
	private final AllowedHosts allowedHosts;

	BackendManagement(BackendRegistry registry, Backends stored, GenerationJobs jobs, SecretCipher cipher,
			ApplicationEventPublisher events, AllowedHosts allowedHosts) {
		this.registry = registry;
		this.stored = stored;
		this.jobs = jobs;
		this.cipher = cipher;
		this.events = events;
		this.allowedHosts = allowedHosts;
	}

	record BackendView(String id, String type, URI baseUrl, boolean hasApiKey, int maxConcurrent, boolean enabled,
			Map<String, String> options, String source, int running, int queued, HealthView health) {
	}

	record HealthView(boolean reachable, boolean usable, String version, List<String> models, List<String> missingNodes,
			Integer queueDepth, String error, Instant checkedAt) {

		static HealthView of(BackendHealth h, Instant at) {
			return h == null ? null : new HealthView(h.reachable(), h.usable(), h.version(), h.models(), h.missingNodes(),
					h.queueDepth(), h.error(), at);
		}
	}

	record BackendChange(String actor, String action, String subjectId, Map<String, Object> detail)
			implements AuditableEvent {

		public String subjectType() {
			return "backend";
		}
	}

	List<BackendTypeDescriptor> types() {
		return registry.descriptors();
	}

	List<BackendView> all() {
		var queued = jobs.queued();
		return registry.all().stream().map(l -> new BackendView(l.config().id(), l.config().type(), l.config().baseUrl(),
				l.config().apiKey() != null, l.config().maxConcurrent(), l.config().enabled(), l.config().options(),
				l.source(), jobs.runningOn(l.config().id()), queued, HealthView.of(l.health(), l.checkedAt()))).toList();
	}

	HealthView check(String id) {
		registry.get(id).orElseThrow(() -> ApiProblem.notFound("Backend", id));
		var health = registry.check(id);
		return HealthView.of(health, Instant.now());
	}

	@Transactional
	BackendView create(JsonNode body) {
		var id = text(body, "id");
		if (registry.get(id).isPresent()) {
			throw ApiProblem.conflict("id", "A backend named '" + id + "' already exists");
		}
		save(id, body, null);
		events.publishEvent(new BackendChange(Actors.current(), "backend.created", id, Map.of("type", text(body, "type"))));
		return view(id);
	}

	@Transactional
	BackendView update(String id, JsonNode patch) {
		var current = stored.all().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow(() -> registry.get(id)
			.isPresent() ? ApiProblem.conflict("id", "Backend '" + id + "' comes from application.yaml: change it there")
					: ApiProblem.notFound("Backend", id));
		save(id, patch, current);
		events.publishEvent(new BackendChange(Actors.current(), "backend.updated", id, Map.of()));
		return view(id);
	}

	@Transactional
	void delete(String id) {
		var live = registry.get(id).orElseThrow(() -> ApiProblem.notFound("Backend", id));
		if (live.source().equals("config")) {
			throw ApiProblem.conflict("id", "Backend '" + id + "' comes from application.yaml: remove it there");
		}
		stored.delete(id);
		registry.reload();
		events.publishEvent(new BackendChange(Actors.current(), "backend.deleted", id, Map.of()));
	}

	private void save(String id, JsonNode body, Backends.Row current) {
		var errors = new ArrayList<FieldProblem>();
		if (!id.matches("[a-z0-9][a-z0-9_.-]{0,63}")) {
			errors.add(new FieldProblem("id", "must be 1-64 lower-case letters, digits, '.', '_' or '-'"));
		}
		var type = body.has("type") ? text(body, "type") : current == null ? "" : current.type();
		if (!registry.knowsType(type)) {
			errors.add(new FieldProblem("type", "must be one of " + sorted(registry.types())));
		}
		URI url = current == null ? null : current.baseUrl();
		var givenUrl = body.path("baseUrl").asString("");
		var descriptor = registry.descriptor(type);
		if (givenUrl.isBlank() && descriptor.map(BackendTypeDescriptor::local).orElse(false)) {
			url = URI.create("file:///"); // runs inside Troupe: no server address
		}
		else if (body.has("baseUrl") || current == null) {
			url = url(givenUrl, errors);
			if (url != null && !allowedHosts.allows(url)) {
				errors.add(new FieldProblem("baseUrl", "host '" + url.getHost() + "' is not in TROUPE_ALLOWED_HOSTS"));
			}
		}
		var max = body.has("maxConcurrent") ? body.get("maxConcurrent").asInt(-1) : current == null ? 2 : current.maxConcurrent();
		if (max < 1 || max > 64) {
			errors.add(new FieldProblem("maxConcurrent", "must be from 1 to 64"));
		}
		// shapes first: the options below are read as text, which a nested value or a non-object cannot be
		if (body.has("enabled") && !body.get("enabled").isBoolean()) {
			errors.add(new FieldProblem("enabled", "must be true or false"));
		}
		if (body.has("options") && !body.get("options").isObject()) {
			errors.add(new FieldProblem("options", "must be an object of text values"));
		}
		else if (body.has("options")) {
			body.get("options").properties().stream().filter(e -> e.getValue().isContainer())
				.forEach(e -> errors.add(new FieldProblem("options." + e.getKey(), "must be text, a number or a boolean")));
		}
		if (body.has("apiKey") && !body.get("apiKey").isNull() && !body.get("apiKey").isString()) {
			errors.add(new FieldProblem("apiKey", "must be text"));
		}
		if (!errors.isEmpty()) {
			throw ApiProblem.invalid(errors);
		}
		var options = new HashMap<String, String>(current == null ? Map.of() : current.options());
		if (body.has("options")) {
			options.clear();
			body.get("options").properties().forEach(e -> options.put(e.getKey(), e.getValue().asString()));
		}
		for (var name : registry.configFileOnlyOptions(type)) {
			if (body.path("options").has(name)) {
				errors.add(new FieldProblem("options." + name,
						"can only be set in the configuration file (application.yaml), not through the API"));
			}
			options.remove(name);
		}
		descriptor.ifPresent(d -> errors.addAll(BackendOptions.check(d, options)));
		if (!errors.isEmpty()) {
			throw ApiProblem.invalid(errors);
		}
		var enabled = body.has("enabled") ? body.get("enabled").asBoolean() : current == null || current.enabled();
		var key = current == null ? null : current.apiKeyCipher();
		if (body.has("apiKey")) {
			var given = body.get("apiKey");
			key = given.isNull() || given.asString().isBlank() ? null : cipher.encrypt(given.asString());
		}
		stored.upsert(new Backends.Row(id, type, url, key, max, enabled, options));
		registry.reload();
	}

	private BackendView view(String id) {
		return all().stream().filter(v -> v.id().equals(id)).findFirst().orElseThrow();
	}

	private static URI url(String value, List<FieldProblem> errors) {
		try {
			var uri = new URI(value.trim());
			if (uri.getScheme() == null || !List.of("http", "https", "file").contains(uri.getScheme())) {
				errors.add(new FieldProblem("baseUrl", "must be an http(s) URL such as http://gpu-1:8188"));
			}
			return uri;
		}
		catch (URISyntaxException e) {
			errors.add(new FieldProblem("baseUrl", "is not a URL: " + e.getReason()));
			return null;
		}
	}

	private static String text(JsonNode body, String field) {
		var value = body.path(field).asString("").trim();
		if (value.isEmpty()) {
			throw ApiProblem.badRequest(field, "is required");
		}
		return value;
	}

	private static List<String> sorted(Iterable<String> values) {
		var list = new ArrayList<String>();
		values.forEach(list::add);
		list.sort(null);
		return list;
	}
}
