package dev.troupe.generation.backend.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.troupe.generation.spi.BackendException;
import dev.troupe.generation.spi.BackendException.Kind;

/**
 * A streamed HTTP answer read line by line (NDJSON or SSE). Read failures are mapped to the reason the stream
 * was cut: a cancel, the deadline, or the server going away mid-answer.
 */
public final class ChatStream implements AutoCloseable {

	/** Error bodies are read whole to quote them; a proxy's HTML page should not fill the log. */
	private static final int MAX_ERROR_BODY = 64 * 1024;

	private final ChatHttp http;
	private final String key;
	private final Duration budget;
	private final HttpResponse<InputStream> response;
	private final BufferedReader reader;
	private volatile boolean cancelled;
	private volatile boolean expired;
	private volatile Runnable onClose = () -> {
	};

	ChatStream(ChatHttp http, String key, HttpResponse<InputStream> response, Duration budget) {
		this.http = http;
		this.budget = budget;
		this.key = key;
		this.response = response;
		this.reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
	}

	public int status() {
		return response.statusCode();
	}

	public HttpHeaders headers() {
		return response.headers();
	}

	/** The next line, or null at the end of the stream. */
	public String readLine() throws BackendException {
		try {
			var line = reader.readLine();
			if (line == null) {
				checkCut();
			}
			return line;
		}
		catch (IOException e) {
			checkCut();
			throw new BackendException(Kind.SERVER_ERROR,
					http.server() + " dropped the connection mid-answer: " + ChatHttp.describe(e), e);
		}
	}

	/** The rest of the body as text (for error answers), at most 64 KiB. */
	public String readAll() throws BackendException {
		try {
			var bytes = response.body().readNBytes(MAX_ERROR_BODY);
			return new String(bytes, StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			checkCut();
			return "";
		}
	}

	/** A stream we closed ourselves ends early or fails; say why instead of blaming the server. */
	private void checkCut() throws BackendException {
		if (cancelled) {
			throw http.cancelledError();
		}
		if (expired) {
			throw http.timeoutError(budget);
		}
	}

	void onClose(Runnable action) {
		this.onClose = action;
	}

	void cancel() {
		cancelled = true;
		close();
	}

	void expire() {
		expired = true;
		close();
	}

	@Override
	public void close() {
		onClose.run();
		http.closed(key);
		try {
			response.body().close();
		}
		catch (IOException ignored) {
			// closing is how we stop the server; a failure to close changes nothing for the caller
		}
	}
}
