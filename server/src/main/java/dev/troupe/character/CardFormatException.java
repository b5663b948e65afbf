package dev.troupe.character;

/**
 * A character card (JSON or PNG) could not be read. {@link #field()} names the part of the input
 * that is wrong ({@code "file"}, {@code "data.name"}, ...) so the API can return it as a 400 detail.
 */
public class CardFormatException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String field;

	public CardFormatException(String field, String reason) {
		super(reason);
		this.field = field;
	}

	public CardFormatException(String field, String reason, Throwable cause) {
		super(reason, cause);
		this.field = field;
	}

	/** The offending part of the input, e.g. {@code "file"} or {@code "data.name"}. */
	public String field() {
		return field;
	}

	/** The human-readable reason (same as the message). */
	public String reason() {
		return getMessage();
	}
}
