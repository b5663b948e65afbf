package dev.troupe.generation.backend.comfyui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The templates shipped in {@code comfyui/templates/}, plus an in-memory registry of imported ones (persistence of
 * imports is the caller's job: it re-registers them at start-up).
 */
@Component
public class ShippedTemplates implements WorkflowTemplates {

	/** Listed by name rather than scanned, so a missing or broken file fails start-up instead of vanishing. */
	public static final List<String> NAMES = List.of("sdxl-txt2img", "sdxl-img2img", "sdxl-ipadapter-faceid",
			"sdxl-instantid", "sdxl-pulid", "svd-img2vid", "animatediff-txt2vid");

	private final Map<String, WorkflowTemplate> shipped = new LinkedHashMap<>();
	private final Map<String, WorkflowTemplate> imported = new ConcurrentHashMap<>();

	public ShippedTemplates() {
		for (var name : NAMES) {
			var path = "comfyui/templates/" + name + ".json";
			try (var in = ShippedTemplates.class.getClassLoader().getResourceAsStream(path)) {
				if (in == null) {
					throw new IllegalStateException("Shipped template missing from the classpath: " + path);
				}
				var template = WorkflowTemplate.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
				if (!template.name().equals(name)) {
					throw new IllegalStateException(path + " declares name '" + template.name() + "'");
				}
				shipped.put(name, template);
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			catch (TemplateException e) {
				throw new IllegalStateException("Shipped template " + path + " is invalid: " + e.getMessage(), e);
			}
		}
	}

	@Override
	public Optional<WorkflowTemplate> find(String name) {
		var template = shipped.get(name);
		return Optional.ofNullable(template != null ? template : imported.get(name));
	}

	@Override
	public List<WorkflowTemplate> all() {
		var all = new ArrayList<>(shipped.values());
		all.addAll(imported.values());
		return all;
	}

	@Override
	public void register(WorkflowTemplate template) throws TemplateException {
		if (shipped.containsKey(template.name())) {
			throw new TemplateException("name", "'" + template.name() + "' is a shipped template; choose another name");
		}
		imported.put(template.name(), template);
	}
}
