package dev.troupe.generation.backend.comfyui;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.troupe.shared.Actors;
import dev.troupe.shared.ApiProblem;
import dev.troupe.shared.AuditableEvent;

/**
 * ComfyUI workflow templates: list them (for the Studio's template choice), and let owners import their own
 * API-format workflows with named bindings.
 */
@RestController
@RequestMapping("/api/v1/comfyui/templates")
class ComfyUiTemplateController {

	private final TemplateCatalog catalog;
	private final ApplicationEventPublisher events;

	ComfyUiTemplateController(TemplateCatalog catalog, ApplicationEventPublisher events) {
		this.catalog = catalog;
		this.events = events;
	}

	record TemplateView(String name, String description, String modality, String sha256, String source,
			List<String> bindings) {
	}

	record TemplateImported(String actor, String action, String subjectId, Map<String, Object> detail)
			implements AuditableEvent {

		public String subjectType() {
			return "comfyui-template";
		}
	}

	@GetMapping
	@PreAuthorize("hasRole('VIEWER')")
	List<TemplateView> list() {
		return catalog.all().stream().map(this::view).toList();
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasRole('OWNER')")
	@ResponseStatus(HttpStatus.CREATED)
	TemplateView importTemplate(@io.swagger.v3.oas.annotations.parameters.RequestBody(description = "A ComfyUI workflow in API format", content = @Content(schema = @Schema(type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE))) @RequestBody String json,
			@RequestParam(required = false) String name) {
		try {
			var template = catalog.importJson(json, name, Actors.current());
			events.publishEvent(new TemplateImported(Actors.current(), "comfyui-template.imported", template.name(),
					Map.of("sha256", template.sha256())));
			return view(template);
		}
		catch (TemplateException e) {
			throw ApiProblem.badRequest(e.field(), e.reason());
		}
	}

	@DeleteMapping("/{name}")
	@PreAuthorize("hasRole('OWNER')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable String name) {
		if (catalog.isShipped(name)) {
			throw ApiProblem.conflict("name", "'" + name + "' is shipped with Troupe and cannot be deleted");
		}
		if (!catalog.delete(name)) {
			throw ApiProblem.notFound("Template", name);
		}
		events.publishEvent(new TemplateImported(Actors.current(), "comfyui-template.deleted", name, Map.of()));
	}

	private TemplateView view(WorkflowTemplate t) {
		return new TemplateView(t.name(), t.description(), t.modality().name(), t.sha256(),
				catalog.isShipped(t.name()) ? "shipped" : "imported", List.copyOf(t.bindings().keySet()));
	}
}
