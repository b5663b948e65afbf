package dev.troupe.publishing.spi;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;

/**
 * The one question every adapter asks of a failed HTTP call: could the request have reached the platform?
 * Only failures before a connection existed (refused, unknown host, no route, connect timeout) prove that
 * nothing was sent, so only they may become {@link PublishOutcome.Transient}; anything later (a read timeout,
 * a reset) is {@link PublishOutcome.OutcomeUnknown}.
 */
public final class TransportFailures {

	private TransportFailures() {
	}

	/** True when the failure, or one of its causes, happened before any byte of the request was sent. */
	public static boolean neverSent(Throwable failure) {
		for (var cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException
					|| cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException
					|| cause instanceof NoRouteToHostException) {
				return true;
			}
		}
		return false;
	}
}
