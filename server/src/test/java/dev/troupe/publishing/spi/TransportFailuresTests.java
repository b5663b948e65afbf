package dev.troupe.publishing.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.http.HttpTimeoutException;

import org.junit.jupiter.api.Test;

class TransportFailuresTests {

	@Test
	void onlyFailuresBeforeAConnectionProveNothingWasSent() {
		assertThat(TransportFailures.neverSent(new ConnectException("refused"))).isTrue();
		assertThat(TransportFailures.neverSent(new IOException("wrapped", new NoRouteToHostException()))).isTrue();
		assertThat(TransportFailures.neverSent(new HttpTimeoutException("request timed out"))).isFalse();
		assertThat(TransportFailures.neverSent(new IOException("connection reset"))).isFalse();
	}
}
