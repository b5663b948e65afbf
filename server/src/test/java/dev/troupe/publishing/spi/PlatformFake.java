package dev.troupe.publishing.spi;

import java.net.URI;

/**
 * Controls of a protocol-faithful fake platform server, used by {@link SocialPlatformContractTests}. Each
 * "next" control affects the next publishing request only (the one that creates the post).
 */
public interface PlatformFake extends AutoCloseable {

	URI baseUrl();

	/** Answer the next create with the platform's real 429 shape, asking to wait this many seconds. */
	void rateLimitNext(int seconds);

	/** Answer the next create with this status and the platform's real error body for it. */
	void failNextWith(int status);

	/** Accept the next create (the post exists afterwards) but never answer in time. */
	void hangNext();

	/** How many posts exist on the fake. */
	int postsCreated();

	/**
	 * Whether a server answers over the network. The Feed publishes inside Troupe: it has no credentials to
	 * refuse, no rate limits, no gateway errors and no timeouts, so those contract cases do not apply to it.
	 */
	default boolean remote() {
		return true;
	}
}
