package dev.troupe.publishing.platform.meta;

/**
 * How one Meta API spells the container flow: Instagram creates at {@code {user}/media}, publishes at
 * {@code media_publish} and reports {@code status_code}; Threads uses {@code threads}, {@code threads_publish},
 * {@code status} and {@code error_message}. {@code handleKey}/{@code createdKey} name what is kept in the
 * publication's handle.
 */
public record ContainerApi(String platform, String createPath, String publishPath, String statusField, String errorField,
		String handleKey, String createdKey) {
}
