package dev.troupe.publishing.spi;

/** The account as the platform shows it: for "Verify" and the Channels page. */
public record AccountInfo(String name, String handle, String avatarUrl, String profileUrl) {
}
