package dev.troupe.generation.backend.comfyui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * Every template a ComfyUI backend can run: the shipped ones and those owners imported. Imported templates
 * are read from the database on use, so a template imported on one node is usable on all of them.
 */
@Component
@Primary
class TemplateCatalog implements WorkflowTemplates {

	private final ShippedTemplates shipped;
	private final ImportedTemplates imported;

	TemplateCatalog(ShippedTemplates shipped, ImportedTemplates imported) {
		this.shipped = shipped;
		this.imported = imported;
	}

	@Override
	public Optional<WorkflowTemplate> find(String name) {
		return shipped.find(name).or(() -> imported.find(name).map(TemplateCatalog::parseStored));
	}

	@Override
	public List<WorkflowTemplate> all() {
		var byName = new LinkedHashMap<String, WorkflowTemplate>();
		shipped.all().forEach(t -> byName.put(t.name(), t));
		imported.all().stream().map(TemplateCatalog::parseStored).forEach(t -> byName.putIfAbsent(t.name(), t));
		return new ArrayList<>(byName.values());
	}

	@Override
	public void register(WorkflowTemplate template) throws TemplateException {
		throw new TemplateException("name", "import templates as JSON through importJson");
	}

	boolean isShipped(String name) {
		return ShippedTemplates.NAMES.contains(name);
	}

	/** Validates and stores an owner's template; a template of the same name is replaced. */
	WorkflowTemplate importJson(String json, String actor) throws TemplateException {
		return importJson(json, null, actor);
	}

	/** As {@link #importJson(String, String)}; a SillyTavern placeholder workflow is converted first. */
	WorkflowTemplate importJson(String json, String name, String actor) throws TemplateException {
		json = SillyTavernWorkflows.normalise(json, name);
		var template = WorkflowTemplate.parse(json);
		if (isShipped(template.name())) {
			throw new TemplateException("name", "'" + template.name() + "' is a shipped template; choose another name");
		}
		imported.save(template.name(), json, template.sha256(), actor);
		return template;
	}

	boolean delete(String name) {
		return imported.delete(name);
	}

	private static WorkflowTemplate parseStored(String json) {
		try {
			return WorkflowTemplate.parse(json);
		}
		catch (TemplateException e) {
			throw new IllegalStateException("A stored ComfyUI template no longer parses: " + e.getMessage(), e);
		}
	}
}
