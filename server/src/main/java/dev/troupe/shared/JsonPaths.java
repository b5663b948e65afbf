package dev.troupe.shared;

import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;

/** The field a Jackson error is about, as {@code visual.loras[0].weight}; {@code body} when it is the whole document. */
final class JsonPaths {

	private JsonPaths() {
	}

	static String of(JacksonException e) {
		var path = e.getPath().stream()
			.map(ref -> ref.getPropertyName() != null ? "." + ref.getPropertyName() : "[" + ref.getIndex() + "]")
			.collect(Collectors.joining())
			.replaceFirst("^\\.", "");
		return path.isEmpty() ? "body" : path;
	}
}
