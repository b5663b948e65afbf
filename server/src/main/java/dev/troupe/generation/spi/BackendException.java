package dev.troupe.generation.spi;

/**
 * A typed failure of a backend. The message is written for the user: it names the node, input, model or URL
 * involved and what to do about it.
 */
public class BackendException extends Exception {

	public enum Kind {
		/** Connection refused, DNS, TLS, websocket dropped: try another backend of the same kind. */
		UNREACHABLE(true),
		/** The server answered 5xx or crashed mid-job. */
		SERVER_ERROR(true),
		/** No answer in time. */
		TIMEOUT(true),
		/** Out of GPU memory: another (bigger) backend may succeed. */
		OUT_OF_MEMORY(true),
		/** The server refused the input (bad prompt, node_errors, unknown model): retrying will not help. */
		REJECTED_INPUT(false),
		/** Custom nodes or models the workflow needs are not installed on the server. */
		MISSING_NODES(false),
		/** The server answered but the output is unusable (e.g. not JSON after retries). */
		INVALID_OUTPUT(false),
		/** Cancelled by a person. */
		CANCELLED(false);

		private final boolean retryable;

		Kind(boolean retryable) {
			this.retryable = retryable;
		}

		public boolean retryable() {
			return retryable;
		}
	}

	private final Kind kind;

	public BackendException(Kind kind, String message) {
		super(message);
		this.kind = kind;
	}

	public BackendException(Kind kind, String message, Throwable cause) {
		super(message, cause);
		this.kind = kind;
	}

	public Kind kind() {
		return kind;
	}
}
