package dev.troupe.generation.backend.text;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.troupe.generation.spi.BackendException;
import dev.troupe.generation.spi.BackendException.Kind;

/**
 * HTTP plumbing shared by the chat adapters: one client per backend, streamed responses that can be cut by a
 * deadline or a cancel from another thread, and transport failures mapped to {@link Kind}s whose message names
 * the server. Closing the response stream is also how a generation is stopped: both Ollama and OpenAI-compatible
 * servers abort a streamed completion when the client disconnects.
 */
public final class ChatHttp {

	static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

	static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(10);

	/** Cuts streams at their deadline; a blocked read only returns once its stream is closed. */
	private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
		var thread = new Thread(r, "chat-stream-deadline");
		thread.setDaemon(true);
		return thread;
	});

	private final HttpClient client;
	private final String server;
	private final Map<String, ChatStream> open = new ConcurrentHashMap<>();
	private final Set<String> cancelled = ConcurrentHashMap.newKeySet();

	/** @param server how messages name the server, e.g. "Ollama at http://gpu-box:11434" */
	public ChatHttp(String server) {
		this.server = server;
		// HTTP/1.1: local servers (llama.cpp, Ollama) speak plain HTTP/1.1 and h2c upgrade attempts only cost time
		this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT)
			.followRedirects(HttpClient.Redirect.NEVER).build(); // a redirect may lead to another host
	}

	public String server() {
		return server;
	}

	/** A short, non-streamed GET for health checks. */
	public HttpResponse<String> get(URI uri, Map<String, String> headers) throws IOException, InterruptedException {
		var request = HttpRequest.newBuilder(uri).timeout(HEALTH_TIMEOUT).GET();
		headers.forEach(request::header);
		return client.send(request.build(), dev.troupe.security.ResponseLimits.ofString());
	}

	/**
	 * Sends a request whose answer is streamed; the stream is registered under {@code key} so {@link #cancel}
	 * can cut it.
	 */
	public ChatStream open(String key, HttpRequest.Builder request, Instant deadline) throws BackendException {
		if (cancelled.remove(key)) {
			throw cancelledError();
		}
		var remaining = Duration.between(Instant.now(), deadline);
		if (remaining.isNegative() || remaining.isZero()) {
			throw timeoutError(remaining);
		}
		HttpResponse<InputStream> response;
		try {
			response = client.send(request.timeout(remaining).build(), dev.troupe.security.ResponseLimits.ofInputStream());
		}
		catch (HttpConnectTimeoutException | ConnectException e) {
			throw new BackendException(Kind.UNREACHABLE,
					server + " is unreachable (" + describe(e) + "): check that it is running and the URL is right", e);
		}
		catch (HttpTimeoutException e) {
			throw timeoutError(remaining);
		}
		catch (IOException e) {
			throw new BackendException(Kind.UNREACHABLE, server + " could not be reached: " + describe(e), e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw cancelledError();
		}
		var stream = new ChatStream(this, key, response, remaining);
		open.put(key, stream);
		var timer = WATCHDOG.schedule(stream::expire, Duration.between(Instant.now(), deadline).toMillis(),
				TimeUnit.MILLISECONDS);
		stream.onClose(() -> timer.cancel(false));
		// a cancel that raced with the request still wins
		if (cancelled.remove(key)) {
			stream.cancel();
		}
		return stream;
	}

	/** "X is unreachable (why)", for health checks that failed to connect. */
	public String unreachable(Exception e) {
		return server + " is unreachable (" + describe(e) + ")";
	}

	/** Best effort: cuts the stream registered under {@code key}, or refuses it if it is not open yet. */
	public void cancel(String key) {
		var stream = open.get(key);
		if (stream != null) {
			stream.cancel();
		}
		else {
			cancelled.add(key);
		}
	}

	void closed(String key) {
		open.remove(key);
		cancelled.remove(key);
	}

	BackendException cancelledError() {
		return new BackendException(Kind.CANCELLED, "The generation on " + server + " was cancelled");
	}

	BackendException timeoutError(Duration budget) {
		return new BackendException(Kind.TIMEOUT, server + " did not finish the answer in time"
				+ (budget.isNegative() || budget.isZero() ? "" : " (" + budget.toSeconds() + " s)"));
	}

	/** The JDK client often wraps the useful message ("Connection refused") in a cause without one. */
	static String describe(Throwable e) {
		for (var cause = e; cause != null; cause = cause.getCause()) {
			if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
				return cause.getMessage();
			}
		}
		return e.getClass().getSimpleName();
	}
}
