package dev.troupe.generation.backend.comfyui;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.troupe.generation.spi.BackendException;
import dev.troupe.generation.spi.BackendException.Kind;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One ComfyUI websocket ({@code /ws?clientId=}) sorting the server's events into a queue per prompt id.
 * Queues are created on first sight, so events that arrive before {@code /prompt} has even answered are kept.
 * Binary preview frames carry no prompt id: they go to the prompt that is currently executing.
 */
final class ComfyUiSocket implements WebSocket.Listener {

	/** Something that happened to a prompt. */
	sealed interface Event {
	}

	/** A JSON event: {@code {"type", "data"}}. */
	record Message(String type, JsonNode data) implements Event {
	}

	/** A live preview image (JPEG or PNG bytes). */
	record Preview(byte[] image) implements Event {
	}

	/** The socket is gone: no more events will come through it. */
	record Closed(String reason) implements Event {
	}

	private static final Logger log = LoggerFactory.getLogger(ComfyUiSocket.class);

	private final URI uri;
	private final Map<String, BlockingQueue<Event>> queues = new ConcurrentHashMap<>();
	private final StringBuilder text = new StringBuilder();
	private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
	private volatile String runningPrompt;
	private volatile Closed closed;
	private volatile WebSocket socket;

	private ComfyUiSocket(URI uri) {
		this.uri = uri;
	}

	static ComfyUiSocket open(HttpClient http, URI baseUrl, String clientId, Duration timeout) throws BackendException {
		var wsUri = URI.create(baseUrl.toString().replaceFirst("^http", "ws").replaceAll("/$", "") + "/ws?clientId=" + clientId);
		var listener = new ComfyUiSocket(wsUri);
		try {
			listener.socket = http.newWebSocketBuilder().connectTimeout(timeout).buildAsync(wsUri, listener)
					.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
			return listener;
		}
		catch (ExecutionException | TimeoutException e) {
			var cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
			throw new BackendException(Kind.UNREACHABLE, "Cannot open the ComfyUI websocket at " + baseUrl + " ("
					+ cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
					+ "); check that ComfyUI is running and any proxy passes websockets", cause);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new BackendException(Kind.CANCELLED, "Interrupted while connecting to ComfyUI at " + baseUrl, e);
		}
	}

	boolean isOpen() {
		return closed == null;
	}

	/** The events of one prompt; after the socket closed, a queue that already holds the {@link Closed} marker. */
	BlockingQueue<Event> follow(String promptId) {
		var queue = queues.computeIfAbsent(promptId, id -> new LinkedBlockingQueue<>());
		var gone = closed;
		if (gone != null) {
			queue.add(gone);
		}
		return queue;
	}

	void forget(String promptId) {
		queues.remove(promptId);
	}

	void close() {
		var ws = socket;
		if (ws != null) {
			ws.abort();
		}
		markClosed("closed by Troupe");
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		text.append(data);
		if (last) {
			var message = text.toString();
			text.setLength(0);
			dispatch(message);
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
		var chunk = new byte[data.remaining()];
		data.get(chunk);
		binary.writeBytes(chunk);
		if (last) {
			var frame = binary.toByteArray();
			binary.reset();
			// Type 1 = PREVIEW_IMAGE: 4-byte event type, 4-byte image format (1 JPEG, 2 PNG), then the image.
			var prompt = runningPrompt;
			if (frame.length > 8 && ByteBuffer.wrap(frame).getInt(0) == 1 && prompt != null) {
				var image = new byte[frame.length - 8];
				System.arraycopy(frame, 8, image, 0, image.length);
				follow(prompt).add(new Preview(image));
			}
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		markClosed("closed by the server (" + statusCode + (reason == null || reason.isBlank() ? "" : " " + reason) + ")");
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		markClosed("dropped: " + error.getClass().getSimpleName() + (error.getMessage() == null ? "" : " " + error.getMessage()));
	}

	private void dispatch(String message) {
		JsonNode json;
		try {
			json = ComfyUiClient.JSON.readTree(message);
		}
		catch (JacksonException e) {
			log.debug("Ignoring a non-JSON websocket message from {}", uri);
			return;
		}
		var type = json.path("type").asString("");
		var data = json.path("data");
		var promptId = data.path("prompt_id").asString(null);
		if (promptId == null) {
			return; // status broadcasts and unknown events: nothing to follow
		}
		if (type.equals("execution_start") || (type.equals("executing") && data.path("node").isString())) {
			runningPrompt = promptId;
		}
		follow(promptId).add(new Message(type, data));
	}

	private void markClosed(String reason) {
		if (closed == null) {
			closed = new Closed("websocket " + uri.toString().replaceAll("\\?.*", "") + " " + reason);
			queues.values().forEach(queue -> queue.add(closed));
		}
	}
}
