package dev.troupe.publishing.spi;

/**
 * An address where anyone can read what a channel published (a public page, a feed), relative to Troupe's own
 * address when it starts with a slash. Shown on the Channels page so people can share or subscribe to it.
 */
public record PublicLink(String label, String url) {
}
