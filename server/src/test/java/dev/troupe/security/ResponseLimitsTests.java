package dev.troupe.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;

class ResponseLimitsTests {

	private final MockWebServer server = new MockWebServer();
	private final HttpClient http = HttpClient.newHttpClient();

	@AfterEach
	void stop() throws IOException {
		server.close();
	}

	@Test
	void aJsonBodyOverSixteenMegabytesIsNotRead() throws Exception {
		server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
			.body(new Buffer().write(new byte[17 * 1024 * 1024])).build());
		server.start();
		assertThat(ResponseLimits.jsonLimit()).isEqualTo(16L * 1024 * 1024);
		assertThatThrownBy(() -> http.send(get(), ResponseLimits.ofString())).isInstanceOf(IOException.class)
			.hasMessageContaining("larger than");
	}

	@Test
	void aChunkedBodyWithoutLengthIsCutOffToo() throws Exception {
		server.enqueue(new MockResponse.Builder().code(200).chunkedBody(new Buffer().write(new byte[4096]), 512).build());
		server.start();
		assertThatThrownBy(() -> http.send(get(), ResponseLimits.ofBytes(1000))).isInstanceOf(IOException.class)
			.hasMessageContaining("larger than 1000 bytes");
	}

	@Test
	void aStreamStopsAtTheLimit() throws Exception {
		server.enqueue(new MockResponse.Builder().code(200).chunkedBody(new Buffer().write(new byte[4096]), 512).build());
		server.start();
		var response = http.send(get(), info -> java.net.http.HttpResponse.BodySubscribers.mapping(
				java.net.http.HttpResponse.BodySubscribers.ofInputStream(), in -> in));
		assertThat(response.body().readAllBytes()).hasSize(4096); // the JDK's own stream: unbounded
		server.enqueue(new MockResponse.Builder().code(200).body(new Buffer().write(new byte[(int) ResponseLimits.jsonLimit() + 1]))
			.build());
		try (var limited = http.send(get(), ResponseLimits.ofInputStream()).body()) {
			assertThatThrownBy(limited::readAllBytes).isInstanceOf(IOException.class).hasMessageContaining("larger than");
		}
	}

	@Test
	void bodiesWithinTheLimitAreReadWithTheirCharset() throws Exception {
		server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/plain; charset=ISO-8859-1")
			.body(new Buffer().write("café".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))).build());
		server.start();
		assertThat(http.send(get(), ResponseLimits.ofString()).body()).isEqualTo("café");
	}

	private HttpRequest get() {
		return HttpRequest.newBuilder(server.url("/").uri()).build();
	}
}
