package dev.troupe.publishing.spi;

/** Why a post cannot go to a channel, e.g. {@code text: 312 characters; x allows 280}. */
public record Violation(String field, String reason) {
}
