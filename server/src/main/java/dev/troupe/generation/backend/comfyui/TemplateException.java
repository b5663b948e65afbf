package dev.troupe.generation.backend.comfyui;

/**
 * A workflow template that cannot be used. {@code field} names the part at fault (e.g. {@code workflow},
 * {@code bindings.prompt[0]}) so the import screen can point at it; the message is written for the owner.
 */
public class TemplateException extends Exception {

	private final String field;
	private final String reason;

	public TemplateException(String field, String reason) {
		super(field + ": " + reason);
		this.field = field;
		this.reason = reason;
	}

	public String field() {
		return field;
	}

	public String reason() {
		return reason;
	}
}
