package dev.troupe.publishing.platform.meta;

/**
 * How one Meta API spells the container flow: Instagram creates at {@code {user}/media}, publishes at
 * {@code media_publish} and reports {@code status_code}; Threads uses {@code threads}, {@code threads_publish},
 * {@code status} and {@code error_message}. {@code handleKey}/{@code createdKey} name what is kept in the
 * publication's handle. {@code repliesPath} is the account's list of its own replies ({@code {user}/replies} on
 * Threads), where a published reply container is found; null where replies are not containers (Instagram).
 */
public record ContainerApi(String platform, String createPath, String publishPath, String statusField, String errorField,
		String handleKey, String createdKey, String repliesPath) {

	public ContainerApi(String platform, String createPath, String publishPath, String statusField, String errorField,
			String handleKey, String createdKey) {
		this(platform, createPath, publishPath, statusField, errorField, handleKey, createdKey, null);
	}
}
