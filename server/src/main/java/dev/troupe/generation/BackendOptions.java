package dev.troupe.generation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.troupe.generation.spi.BackendTypeDescriptor;
import dev.troupe.generation.spi.BackendTypeDescriptor.Option;
import dev.troupe.shared.ApiProblem.FieldProblem;

/**
 * Checks a backend's options against its type's descriptor: required options are there, and numbers, switches and
 * choices have values the adapter can read. Options the descriptor does not name are the adapter's business.
 */
final class BackendOptions {

	private BackendOptions() {
	}

	static List<FieldProblem> check(BackendTypeDescriptor descriptor, Map<String, String> options) {
		var problems = new ArrayList<FieldProblem>();
		for (var option : descriptor.options()) {
			var value = options.get(option.name());
			var field = "options." + option.name();
			if (value == null || value.isBlank()) {
				if (option.required()) {
					problems.add(new FieldProblem(field, "is required for " + descriptor.displayName()));
				}
				continue;
			}
			var reason = invalid(option, value.trim());
			if (reason != null) {
				problems.add(new FieldProblem(field, reason));
			}
		}
		return problems;
	}

	private static String invalid(Option option, String value) {
		return switch (option.type()) {
			case INTEGER -> value.matches("-?\\d{1,18}") ? null : "must be a whole number";
			case BOOLEAN -> value.equals("true") || value.equals("false") ? null : "must be true or false";
			case ENUM -> option.options().contains(value) ? null : "must be one of " + option.options();
			case URL -> value.matches("(?i)https?://\\S+") ? null : "must be an http(s) URL";
			default -> null;
		};
	}
}
